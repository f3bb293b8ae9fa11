"""A certificate's page and its forms, in English and Arabic, on SQLite and PostgreSQL: its
state on the holder's page and its own; revocation refused without a reason or without the
box ticked (the reason typed kept, nothing revoked), then done and shown; renewal refused
with the rules' reasons in the reader's language, then given by a declared refresher; no
form for a reader, and a write sent anyway refused."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from cadre.services.training import operations, renewal, trainee_record
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_training_runs import client
from tests.integration.test_training_certificates import attend_and_pass, certify
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.web_support import log_in

M = "/missions/TINY"
__all__ = ["client"]  # the fixture: a service with the runs timetabled


def _certified(client: TestClient) -> tuple[UnitOfWork, int, str]:
    work = UnitOfWork(engine_of(client))
    holder = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    (number,) = certify(work, "R-01", holder)
    return work, holder, number


def _state(work: UnitOfWork, number: str) -> str:
    return trainee_record.certificate(work, None, number, _today()).state.value


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def test_revocation_needs_a_reason_and_a_confirmation_then_shows_revoked(
    client: TestClient,
) -> None:
    work, holder, number = _certified(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/certificates/{number}")
    assert page.status_code == 200, page.text
    assert "Ali Kadhim" in page.text
    assert f"{M}/certificates/{number}/revoke" in page.text
    before = _state(work, number)
    assert before in ("valid", "expired")
    no_reason = client.post(f"{M}/certificates/{number}/revoke", data={"csrf_token": csrf})
    assert no_reason.status_code == 422
    assert "Say why the certificate is revoked" in no_reason.text
    assert "Tick the box to confirm the revocation." in no_reason.text
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    unticked = {"csrf_token": csrf, "reason": "Cheating on the assessment", "on": "2019-06-01"}
    refused = client.post(f"{M}/certificates/{number}/revoke", data=unticked)
    assert refused.status_code == 422
    assert "ضع علامة في المربع لتأكيد السحب." in refused.text
    assert "Cheating on the assessment</textarea>" in refused.text
    assert _state(work, number) == before  # nothing revoked
    done = client.post(
        f"{M}/certificates/{number}/revoke",
        data=unticked | {"confirm": "yes"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    client.cookies.set(LANGUAGE_COOKIE, "en")
    shown = client.get(done.headers["location"]).text
    assert "The certificate is revoked; the reason is kept with it." in shown
    assert "Cheating on the assessment" in shown
    assert 'class="state state-revoked">Revoked' in shown
    assert f"{M}/certificates/{number}/renew" not in shown  # a revoked one is not renewed
    holder_page = client.get(f"{M}/trainees/{holder}").text
    assert 'class="state state-revoked">Revoked' in holder_page
    assert _state(work, number) == "revoked"


def test_renewal_is_refused_with_its_reasons_then_given_by_a_declared_refresher(
    client: TestClient,
) -> None:
    work, holder, number = _certified(client)
    attend_and_pass(work, "R-02", holder)
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/certificates/{number}").text
    assert '<option value="R-02"' in page  # the holder's other run, offered
    none = client.post(f"{M}/certificates/{number}/renew", data={"csrf_token": csrf})
    assert none.status_code == 422
    assert "Choose the refresher run the holder completed." in none.text
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    sent = {"csrf_token": csrf, "run": "R-02"}
    refused = client.post(f"{M}/certificates/{number}/renew", data=sent)
    assert refused.status_code == 422
    assert "لا يجدّد" in refused.text  # CIED-TTT does not refresh CIED-101, in Arabic
    assert '<option value="R-02" lang="en" dir="ltr" selected>' in refused.text
    assert _state(work, number) != "renewed"
    renewal.declare_refresher(work, None, "CIED-101", "CIED-TTT")
    done = client.post(f"{M}/certificates/{number}/renew", data=sent, follow_redirects=False)
    assert done.status_code == 303, done.text
    client.cookies.set(LANGUAGE_COOKIE, "en")
    shown = client.get(done.headers["location"]).text
    assert "The certificate is renewed." in shown
    assert "Run R-02, completed" in shown
    assert _state(work, number) in ("renewed", "expired")
    again = client.post(f"{M}/certificates/{number}/renew", data=sent)
    assert again.status_code == 422
    assert "Run R-02 renewed this certificate already." in again.text


def test_a_reader_sees_the_state_without_forms_and_may_not_revoke(client: TestClient) -> None:
    work, _, number = _certified(client)
    csrf = log_in(client, "NATO", ["auditor"])
    page = client.get(f"{M}/certificates/{number}")
    assert page.status_code == 200
    assert "/revoke" not in page.text
    sent = {"csrf_token": csrf, "reason": "x", "confirm": "yes"}
    assert client.post(f"{M}/certificates/{number}/revoke", data=sent).status_code == 403
    renew = client.post(f"{M}/certificates/{number}/renew", data={"run": "R-02"} | sent)
    assert renew.status_code == 403
    assert _state(work, number) != "revoked"
    log_in(client, "NATO", ["mission_planner"])  # no trainee's data: no certificate page
    assert client.get(f"{M}/certificates/{number}").status_code == 403
    log_in(client, "NATO", ["school_staff"])
    assert client.get(f"{M}/certificates/TINY-NOPE-2019-00001").status_code == 404
