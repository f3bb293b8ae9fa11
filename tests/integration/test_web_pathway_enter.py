"""A person entered on the host instructor pathway from its page, in English and Arabic, on
SQLite and PostgreSQL: the trainee found by service number, confirmed and shown in the
progress table; refusals beside their fields (nothing named, no such trainee, a trainer
who is not the host's) with what was typed kept and nobody entered; no form for a planner,
and an entry sent anyway refused."""

from __future__ import annotations

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


def _people(work: UnitOfWork) -> list[tuple[str, int]]:
    return [(p.trainer, p.trainee) for p in pathway.progress(work, None, LATER, None)]


def test_a_trainee_found_by_service_number_is_entered_and_shown(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("4242", name_latin="Ali Kadhim")).view.id
    csrf = log_in(client, "NATO", ["school_staff"])
    assert "Enter a person on the pathway" in client.get(f"{M}/pathway").text
    sent = client.post(
        f"{M}/pathway/people",
        data={"trainer": "T-IRQ-01", "trainee": "4242", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    page = client.get(sent.headers["location"]).text
    assert "The person is entered on the pathway." in page
    assert "Ali Kadhim" in page
    assert _people(work) == [("T-IRQ-01", ali)]


def test_refusals_stay_beside_their_fields_and_nobody_is_entered(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, person("4242", name_latin="Ali Kadhim"))
    csrf = log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    empty = client.post(f"{M}/pathway/people", data={"csrf_token": csrf})
    assert empty.status_code == 422
    assert 'id="entered-trainer-error"' in empty.text
    assert 'id="entered-trainee-error"' in empty.text
    nobody = {"trainer": "T-IRQ-01", "trainee": "9999", "csrf_token": csrf}
    missing = client.post(f"{M}/pathway/people", data=nobody)
    assert missing.status_code == 422
    assert "لا يطابق هذا أي متدرب" in missing.text
    assert 'id="entered-trainer" name="trainer" type="text" value="T-IRQ-01"' in missing.text
    client.cookies.set(LANGUAGE_COOKIE, "en")
    foreign = {"trainer": "T-CAN-01", "trainee": "4242", "csrf_token": csrf}
    refused = client.post(f"{M}/pathway/people", data=foreign)
    assert refused.status_code == 422
    assert "This trainer is not one of the host&#39;s instructors." in refused.text
    assert 'value="4242"' in refused.text
    assert _people(work) == []


def test_a_planner_has_no_form_and_is_refused_an_entry(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, person("4242"))
    csrf = log_in(client, "NATO", ["mission_planner"])
    assert "Enter a person on the pathway" not in client.get(f"{M}/pathway").text
    sent = {"trainer": "T-IRQ-01", "trainee": "4242", "csrf_token": csrf}
    assert client.post(f"{M}/pathway/people", data=sent).status_code == 403
    assert _people(work) == []
