"""The roster page reached from where a reader looks for a run, on SQLite and PostgreSQL, with
NMI run codes that hold slashes: the timetable, the trainee's runs and an instructor's
calendar link to the roster for those who may open it and to nothing for the others; a
withdrawal's reason kept on the enrolment and shown beside the withdrawn trainee (and in the
API's roster); the workbook sent back only by those who may write the roster."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre.access.policy import Principal, Role
from cadre.access.sessions import SESSION_COOKIE
from cadre.services.access import users
from cadre.services.training import accounts, enrolment, operations, rosters
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.training import EnrolmentRow
from cadre.web.navigation import roster_url
from tests.integration.test_api_run_codes import FIRST, RUNS, SECOND
from tests.integration.test_api_training_runs import timetabled
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.service_support import person as account
from tests.web_support import log_in

FIRST_ROSTER = "/missions/TINY/runs/CIED-101/TAJI/2019-03/1/roster"


@pytest.fixture
def client(db_url: str, tmp_path: pathlib.Path) -> Any:
    with timetabled(db_url, tmp_path, RUNS) as running:
        yield running


def _seated(client: TestClient, *numbers: str) -> tuple[UnitOfWork, list[int]]:
    work = UnitOfWork(engine_of(client))
    ids = [operations.create_trainee(work, None, person(n)).view.id for n in numbers]
    for trainee in ids:
        enrolment.enrol(work, None, FIRST, trainee, "TINY")
    return work, ids


def test_the_roster_address_keeps_the_slashes_of_the_run_code(client: TestClient) -> None:
    assert roster_url("TINY", FIRST) == FIRST_ROSTER


def test_the_timetable_links_each_run_to_its_roster_for_the_school(client: TestClient) -> None:
    log_in(client, "NATO", ["school_staff"])
    page = client.get("/missions/TINY/timetable")
    assert page.status_code == 200
    assert f'href="{FIRST_ROSTER}"' in page.text
    roster = client.get(FIRST_ROSTER)
    assert roster.status_code == 200
    assert f"Roster of run {FIRST}" in roster.text


def test_no_roster_link_for_a_role_that_may_not_open_it(client: TestClient) -> None:
    log_in(client, "NATO", ["mission_planner"])
    page = client.get("/missions/TINY/timetable")
    assert page.status_code == 200
    assert "CIED-101" in page.text  # the runs are on the page, without the link
    assert "/roster" not in page.text
    assert client.get(FIRST_ROSTER).status_code == 403


def test_the_trainee_page_links_the_trainee_s_runs_to_their_rosters(client: TestClient) -> None:
    _, (trainee,) = _seated(client, "1")
    log_in(client, "NATO", ["school_staff"])
    page = client.get(f"/missions/TINY/trainees/{trainee}")
    assert page.status_code == 200
    assert f'href="{FIRST_ROSTER}"' in page.text


def test_an_instructor_is_linked_to_the_rosters_of_their_own_runs_only(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    runs = mission_runs(work, "TINY")
    teacher = runs.run(FIRST).instructors[0]
    account(engine_of(client), "CAN", ["instructor"], username="tremblay")
    accounts.link_teacher(work, None, "tremblay", teacher, "TINY")
    taught = {r for r in (FIRST, SECOND) if teacher in runs.run(r).instructors}
    instructor = Principal("tremblay", "CAN", frozenset({Role.INSTRUCTOR}))
    assert rosters.roster_runs(work, instructor, "TINY") == taught
    school = Principal("school", "NATO", frozenset({Role.SCHOOL_STAFF}))
    assert rosters.roster_runs(work, school, "TINY") == {FIRST, SECOND}
    planner = Principal("planner", "NATO", frozenset({Role.MISSION_PLANNER}))
    assert rosters.roster_runs(work, planner, "TINY") == frozenset()

    login = users.open_session(UnitOfWork(engine_of(client)), "tremblay")
    client.cookies.set(SESSION_COOKIE, login.token)
    calendar = client.get("/missions/TINY/my/calendar")
    assert calendar.status_code == 200
    assert f'href="{FIRST_ROSTER}"' in calendar.text
    assert client.get(FIRST_ROSTER).status_code == 200


def test_the_withdrawal_reason_is_kept_on_the_enrolment_and_shown(client: TestClient) -> None:
    work, (ali, omar) = _seated(client, "1", "2")
    csrf = log_in(client, "NATO", ["school_staff"])
    sent = client.post(
        f"{FIRST_ROSTER}/withdraw",
        data={"trainee": str(ali), "reason": "posted to Basra", "csrf_token": csrf},
    )
    assert sent.status_code == 200  # the redirect followed, back to the roster
    assert "The trainee is withdrawn from the run." in sent.text
    withdrawn = sent.text[sent.text.index('id="withdrawn-title"') :]
    assert "Ali Kadhim" in withdrawn
    assert "posted to Basra" in withdrawn
    school = account(engine_of(client), "NATO", ["school_staff"])
    api = f"/api/v1/missions/TINY/runs/{FIRST}"
    assert client.delete(f"{api}/enrolments/{omar}", headers=school).status_code == 204
    with work.transaction() as session:
        reasons = {
            e.trainee_id: e.withdrawal_reason
            for e in session.query(EnrolmentRow).filter(EnrolmentRow.run == FIRST)
        }
    assert reasons == {ali: "posted to Basra", omar: None}  # the API withdraws without one
    listed = client.get(f"{api}/roster", headers=school).json()["withdrawn"]
    assert [(w["trainee"], w["reason"]) for w in listed] == [
        (ali, "posted to Basra"),
        (omar, None),
    ]
    assert "no reason given" in client.get(FIRST_ROSTER).text
    enrolment.enrol(work, None, FIRST, ali, "TINY")  # back on the run: the reason goes
    assert [w.trainee for w in rosters.roster(work, None, FIRST, "TINY").withdrawn] == [omar]


def test_the_workbook_is_sent_back_only_by_those_who_may_write(client: TestClient) -> None:
    _seated(client, "1")
    log_in(client, "NATO", ["auditor"])
    read_only = client.get(FIRST_ROSTER)
    assert read_only.status_code == 200
    assert f'href="{FIRST_ROSTER}.xlsx"' in read_only.text  # the download stays
    assert 'name="workbook"' not in read_only.text
    log_in(client, "NATO", ["school_staff"])
    assert 'name="workbook"' in client.get(FIRST_ROSTER).text
