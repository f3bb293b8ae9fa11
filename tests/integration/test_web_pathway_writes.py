"""The pathway page's forms, in English and Arabic, on SQLite and PostgreSQL: a co-taught run
rated, a rung assessed, a run's lead and a departure recorded, each confirmed on the page and
kept; refusals shown beside their fields in the reader's language with what was typed kept
and nothing recorded; no form for a planner (refused a write sent anyway) or an instructor."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from cadre.services.training import operations, pathway
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_pathway import client
from tests.integration.test_training_enrolment import person
from tests.integration.test_training_pathway import LATER
from tests.service_support import engine_of
from tests.web_support import log_in

M = "/missions/TINY"
__all__ = ["client"]  # the fixture: the pathway scenario, its timetable adopted


def _entered(client: TestClient) -> tuple[UnitOfWork, str]:
    """Ali on the pathway as T-IRQ-01, and a run he co-taught."""
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    pathway.enter_person(work, None, "T-IRQ-01", ali, None)
    taught = [r.run for r in pathway.ladder(work, None).runs if "T-IRQ-01" in r.instructors]
    return work, taught[0]


def _step(work: UnitOfWork) -> pathway.PersonProgress:
    (found,) = pathway.progress(work, None, LATER, None)
    return found


def test_each_form_records_and_confirms_in_english(client: TestClient) -> None:
    work, run = _entered(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/pathway")
    for heading in ("Rate a co-taught run", "Record an assessment", "Record who led a run",
                    "Record that an instructor left"):  # fmt: skip
        assert heading in page.text

    def send(path: str, data: dict[str, str]) -> str:
        sent = client.post(f"{M}/pathway/{path}", data={**data, "csrf_token": csrf},
                           follow_redirects=False)  # fmt: skip
        assert sent.status_code == 303, sent.text
        return client.get(sent.headers["location"]).text

    rated = send("ratings", {"run": run, "trainer": "T-IRQ-01", "rating": "4",
                             "supervisor": "T-CAN-01"})  # fmt: skip
    assert "The rating of the co-taught run is recorded." in rated
    ratings = {s.run: s.rating for s in _step(work).progress[0].supervised}
    assert ratings[run] == 4

    passed = {"trainer": "T-IRQ-01", "discipline": "CIED", "level": "instructor",
              "outcome": "passed", "on": "2019-12-01"}  # fmt: skip
    assessed = send("assessments", passed)
    assert "The assessment is recorded." in assessed
    step = _step(work).progress[0]
    assert "assessment" not in {r.kind for r in step.missing}

    led = send("leads", {"run": run, "lead": "T-IRQ-01"})
    assert "Who led the run is recorded." in led
    assert sum(s.host_led for s in pathway.host_led(work, None)) == 1

    left = send("left", {"trainer": "T-IRQ-01", "on": "2019-11-30"})
    assert "departure is recorded." in left
    assert _step(work).left_on == dt.date(2019, 11, 30)


def test_refusals_stay_beside_their_fields_in_arabic_and_english(client: TestClient) -> None:
    work, run = _entered(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    nine = {"run": run, "trainer": "T-IRQ-01", "rating": "9", "csrf_token": csrf}
    high = client.post(f"{M}/pathway/ratings", data=nine)
    assert high.status_code == 422
    assert 'id="rated-rating-error">أعطِ تقديرًا من 1 (غير صالح) إلى 5 (مثالي).<' in high.text
    assert "لم يُسجَّل شيء" in high.text
    assert f'id="rated-run" name="run" type="text" value="{run}"' in high.text
    assert [s.rating for s in _step(work).progress[0].supervised] == [None]

    unknown = client.post(f"{M}/pathway/leads",
                          data={"run": "R-99", "lead": "T-IRQ-01", "csrf_token": csrf})  # fmt: skip
    assert unknown.status_code == 422
    # the run's code is Latin inside Arabic: marked so a reader's software reads it as such
    assert 'الدورة <bdi lang="en" dir="ltr">R-99</bdi> ليست في الجدول الزمني المعتمد.' in (
        unknown.text
    )
    assert 'id="led-lead" name="lead" type="text" value="T-IRQ-01"' in unknown.text
    assert pathway.host_led(work, None) == []

    client.cookies.set(LANGUAGE_COOKIE, "en")
    bad = client.post(f"{M}/pathway/assessments",
                      data={"trainer": "T-IRQ-01", "discipline": "CIED", "level": "general",
                            "outcome": "passed", "on": "someday", "csrf_token": csrf})  # fmt: skip
    assert bad.status_code == 422
    assert "Choose the rung assessed: instructor or master trainer." in bad.text
    assert 'value="CIED"' in bad.text
    assert 'value="passed" selected' in bad.text
    gone = {"trainer": "T-CAN-01", "on": "2019-11-30", "csrf_token": csrf}
    stranger = client.post(f"{M}/pathway/left", data=gone)
    assert stranger.status_code == 422
    assert "This instructor is not on the pathway: enter the person first." in stranger.text
    assert 'id="left-on" name="on" type="date" value="2019-11-30"' in stranger.text
    assert _step(work).left_on is None


def test_a_planner_has_no_form_and_is_refused_a_write(client: TestClient) -> None:
    work, run = _entered(client)
    log_in(client, "NATO", ["instructor"])  # records for the runs they teach: none here
    teacher = client.get(f"{M}/pathway")
    assert teacher.status_code == 200, teacher.text
    assert "Rate a co-taught run" not in teacher.text
    csrf = log_in(client, "NATO", ["mission_planner"])
    page = client.get(f"{M}/pathway")
    assert page.status_code == 200
    assert "Rate a co-taught run" not in page.text
    refused = client.post(f"{M}/pathway/leads",
                          data={"run": run, "lead": "T-IRQ-01", "csrf_token": csrf})  # fmt: skip
    assert refused.status_code == 403
    assert pathway.host_led(work, None) == []
