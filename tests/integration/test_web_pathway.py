"""The pathway, seats abroad and xAPI pages, in English and Arabic, on SQLite and PostgreSQL:
who sees a person's progress and who only the host-led share, a nomination found by service
number (refused with its reasons, then made), a result recorded from the page, and the
xAPI outbox's figures, a retry against an LRS that is down, and the statements file."""

from __future__ import annotations

import json
import re
import socket

import pytest
from fastapi.testclient import TestClient

from cadre.domain.training.abroad import AbroadSeat
from cadre.domain.training.certificates import Mark
from cadre.services.training import abroad, enrolment, operations, outbox, pathway, results
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_pathway import client
from tests.integration.test_training_enrolment import person
from tests.integration.test_training_pathway import LATER
from tests.service_support import engine_of
from tests.web_support import log_in, web

M = "/missions/TINY"
ARABIC = "علي كاظم"
__all__ = ["client"]  # the fixture: the pathway scenario, its timetable adopted


def test_the_pathway_page_shows_people_to_the_school_and_only_the_share_to_a_planner(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    pathway.enter_person(work, None, "T-IRQ-01", ali, None)
    pathway.record_lead(work, None, "R-01", "T-IRQ-01", LATER)

    log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/pathway")
    assert page.status_code == 200, page.text
    assert "Ali Kadhim" in page.text
    assert "T-IRQ-01" in page.text
    assert 'aria-current="step">Assistant instructor<' in page.text
    assert "100%" in page.text  # the one run held was host-led
    assert 'href="/missions/TINY/pathway" aria-current="page"' in page.text

    log_in(client, "NATO", ["mission_planner"])
    figures = client.get(f"{M}/pathway")
    assert figures.status_code == 200, figures.text
    assert "100%" in figures.text
    for personal in ("Ali Kadhim", ARABIC, "T-IRQ-01"):
        assert personal not in figures.text
    assert "personal data" in figures.text

    log_in(client, "CAN", ["national_contributor"])
    refused = client.get(f"{M}/pathway")
    assert refused.status_code == 403
    assert "Ali Kadhim" not in refused.text

    log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(f"{M}/pathway")
    assert arabic.status_code == 200
    assert "مسار المدربين من البلد المضيف" in arabic.text
    assert '<bdi lang="en" dir="ltr">Ali Kadhim</bdi>' in arabic.text


def _offer(work: UnitOfWork, seats: int = 2) -> str:
    start = mission_runs(work, None).run("R-01").start
    seat = AbroadSeat("ITA-1", "CIED-TTT", "ITA", "Roma", start, start, "en", seats)
    abroad.offer(work, None, seat)
    return seat.code


def test_a_trainee_is_nominated_by_service_number_refused_with_reasons_then_given_a_result(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    code = _offer(work)
    mute = operations.create_trainee(work, None, person("7001", name_latin="Omar Said")).view.id
    speaks = operations.create_trainee(
        work, None, person("7002", name_latin="Ali Kadhim", languages={"ar": 5, "en": 3})
    ).view.id
    csrf = log_in(client, "IRQ", ["host_nation_liaison"])
    page = client.get(f"{M}/abroad")
    assert page.status_code == 200, page.text
    assert "Roma" in page.text
    assert "0 of 2" in page.text

    refused = client.post(
        f"{M}/abroad/{code}/nominations", data={"trainee": "7001", "csrf_token": csrf}
    )
    assert refused.status_code == 422
    assert "Level 0 in en; the offer asks for level 2." in refused.text
    assert 'value="7001"' in refused.text  # what was typed stays in the field
    assert abroad.seats(work, None)[0].nominated == ()

    unknown = client.post(
        f"{M}/abroad/{code}/nominations", data={"trainee": "no such", "csrf_token": csrf}
    )
    assert unknown.status_code == 422
    assert "no trainee is named or numbered" in unknown.text

    operations.create_trainee(work, None, person("7003", name_latin="Ali Kadhim"))
    several = client.post(
        f"{M}/abroad/{code}/nominations", data={"trainee": "Ali Kadhim", "csrf_token": csrf}
    )
    assert several.status_code == 422
    assert "2 trainees match Ali Kadhim: Ali Kadhim (7002), Ali Kadhim (7003)" in several.text

    made = client.post(
        f"{M}/abroad/{code}/nominations",
        data={"trainee": "7002", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text
    listed = client.get(made.headers["location"])
    assert "The trainee is nominated." in listed.text
    assert "Ali Kadhim" in listed.text
    assert "1 of 2" in listed.text
    assert abroad.seats(work, None)[0].nominated == (speaks,)
    assert mute not in abroad.seats(work, None)[0].nominated

    bad = client.post(
        f"{M}/abroad/{code}/results/{speaks}", data={"score": "high", "csrf_token": csrf}
    )
    assert bad.status_code == 422
    assert "A score is a number from 0 to 100." in bad.text
    csrf = log_in(client, "NATO", ["school_staff"])  # the liaison does not issue certificates
    done = client.post(
        f"{M}/abroad/{code}/results/{speaks}", data={"score": "85", "csrf_token": csrf}
    )
    assert done.status_code == 200, done.text
    assert "a pass, and the course's certificate is issued" in done.text
    assert "score 85" in done.text
    assert abroad.seats(work, None)[0].scores == {speaks: 85.0}

    log_in(client, "NATO", ["mission_planner"])  # no trainee's personal data
    assert client.get(f"{M}/abroad").status_code == 403
    log_in(client, "CAN", ["instructor"])  # sees the offers, not trainees of others' runs
    taught = client.get(f"{M}/abroad")
    assert taught.status_code == 200
    assert "Roma" in taught.text
    assert "Ali Kadhim" not in taught.text
    assert ARABIC not in taught.text

    log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(f"{M}/abroad")
    assert arabic.status_code == 200
    assert "المقاعد في الخارج" in arabic.text
    assert '<bdi lang="en" dir="ltr">Roma</bdi>' in arabic.text


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_xapi_page_counts_the_outbox_retries_and_gives_the_file(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    enrolment.enrol(work, None, "R-01", ali)
    run = mission_runs(work, None).run("R-01")
    for day in run.days[:2]:
        results.record_attendance(work, None, "R-01", day, {ali: Mark.PRESENT})

    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/xapi")
    assert page.status_code == 200, page.text
    assert "No Learning Record Store is set" in page.text
    no_lrs = client.post(f"{M}/xapi/retry", data={"csrf_token": csrf})
    assert no_lrs.status_code == 422
    assert "CADRE_LRS_URL" in no_lrs.text

    monkeypatch.setenv("CADRE_LRS_URL", f"http://127.0.0.1:{_closed_port()}/xAPI")
    down = client.post(f"{M}/xapi/retry", data={"csrf_token": csrf})
    assert down.status_code == 200, down.text
    statements = 1 + 2  # enrolled, then each day attended
    assert f"0 statements sent; {statements} still wait." in down.text
    assert "they stay queued for the next try" in down.text
    figures = client.get(f"{M}/xapi").text
    pairs = re.findall(r'stat-value">([\d,]+)</div>\s*<div class="stat-label">(\w+)', figures)
    assert {label: value for value, label in pairs} == {
        "Queued": "0", "Sent": "0", "Failed": str(statements)
    }  # fmt: skip
    kept = outbox.figures(work, None)
    assert (kept.queued, kept.sent, kept.failed) == (0, 0, statements)
    assert kept.last_error
    assert "The last failure:" in figures

    file = client.get(f"{M}/xapi/statements.json")
    assert file.status_code == 200
    assert "attachment" in file.headers["content-disposition"]
    document = json.loads(file.content)
    assert len(document["statements"]) == statements
    assert "Ali Kadhim" not in file.text
    assert ARABIC not in file.text

    log_in(client, "CAN", ["instructor"])  # reaches only the runs they teach
    assert client.get(f"{M}/xapi").status_code == 403
    log_in(client, "NATO", ["mission_planner"])
    assert client.get(f"{M}/xapi").status_code == 403
    assert client.get(f"{M}/xapi/statements.json").status_code == 403

    log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(f"{M}/xapi")
    assert arabic.status_code == 200
    assert "بيانات xAPI" in arabic.text


def test_the_pathway_page_before_any_timetable_says_so(db_url: str) -> None:
    with web(db_url, planned=False) as bare:
        log_in(bare, "NATO", ["school_staff"])
        page = bare.get("/missions/TINY/pathway")
        assert page.status_code == 200, page.text
        assert "There is no timetable yet" in page.text
        assert "No run has been recorded as led yet." in page.text
