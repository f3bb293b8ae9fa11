"""A run's training records through the API, on SQLite and PostgreSQL: enrolment refused
with its codes, the roster, attendance, results, closing the run, expiring certificates and a
revocation; an instructor reads the roster of the run they teach and of no other."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.training import accounts, operations
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_training_enrolment import RUNS, TINY, person
from tests.service_support import engine_of, service
from tests.service_support import person as account

BASE = "/api/v1/missions/TINY"


@contextmanager
def timetabled(db_url: str, tmp_path: pathlib.Path, runs: str = RUNS) -> Iterator[TestClient]:
    """The service on TINY with `runs` (the scenario file's `runs:` part), timetabled."""
    path = tmp_path / "tiny-runs.yaml"
    path.write_text(TINY + runs, encoding="utf-8")
    with service(db_url, example=None) as running:
        work = UnitOfWork(engine_of(running))
        scenarios.import_file(work, path)
        schedule.schedule(work, seconds=3, workers=1, adopt=True)
        yield running


@pytest.fixture
def client(db_url: str, tmp_path: pathlib.Path) -> Any:
    with timetabled(db_url, tmp_path) as running:
        yield running


def test_a_run_is_taught_recorded_and_closed_through_the_api(client: TestClient) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    school = account(engine, "NATO", ["school_staff"])
    ids = [operations.create_trainee(work, None, person(n)).view.id for n in ("1", "2")]
    refused = client.post(f"{BASE}/runs/R-02/enrolments", json={"trainee": ids[0]}, headers=school)
    assert refused.status_code == 422
    assert [(p["code"], p["params"]) for p in refused.json()["problems"]] == [
        ("enrolment.prerequisite_missing", {"course": "CIED-101"})
    ]
    for trainee in ids:
        made = client.post(
            f"{BASE}/runs/R-01/enrolments", json={"trainee": trainee}, headers=school
        )
        assert made.json()["standing"] == "enrolled"
    run = mission_runs(work, None).run("R-01")
    for day in run.days:
        marked = client.put(
            f"{BASE}/runs/R-01/attendance",
            json={"day": day.isoformat(), "marks": {str(i): "present" for i in ids}},
            headers=school,
        )
        assert marked.status_code == 200, marked.text
    for trainee, score in zip(ids, (90, 40), strict=True):
        result = client.put(
            f"{BASE}/runs/R-01/results/{trainee}",
            json={"score": score, "on": run.end.isoformat()},
            headers=school,
        )
        assert result.json()["completed"] is (score == 90)
    closed = client.post(f"{BASE}/runs/R-01/close", headers=school).json()
    number = f"TINY-CIED-101-{run.end.year}-00001"
    assert closed == {"run": "R-01", "issued": [number], "incomplete": {str(ids[1]): ["failed"]}}
    lines = client.get(f"{BASE}/runs/R-01/roster", headers=school).json()["lines"]
    assert [(line["trainee"], line["certificate"]) for line in lines] == [
        (ids[0], number),
        (ids[1], None),
    ]
    expiring = client.get(
        f"{BASE}/certificates/expiring",
        params={"days": 3650, "on": run.end.isoformat()},
        headers=school,
    ).json()
    assert [(e["number"], e["school"], e["discipline"]) for e in expiring] == [
        (number, "TAJI", "CIED")
    ]
    revoked = client.post(
        f"{BASE}/certificates/{number}/revoke",
        json={"reason": "assessment found copied", "on": run.end.isoformat()},
        headers=school,
    )
    assert revoked.status_code == 204
    assert (
        client.get(
            f"{BASE}/certificates/expiring",
            params={"days": 3650, "on": run.end.isoformat()},
            headers=school,
        ).json()
        == []
    )


def test_an_instructor_reads_the_roster_of_their_own_run_only(client: TestClient) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    trainee = operations.create_trainee(work, None, person("1")).view.id
    school = account(engine, "NATO", ["school_staff"])
    client.post(f"{BASE}/runs/R-01/enrolments", json={"trainee": trainee}, headers=school)
    runs = mission_runs(work, None)
    teacher = runs.run("R-01").instructors[0]
    instructor = account(engine, "CAN", ["instructor"], username="tremblay")
    accounts.link_teacher(work, None, "tremblay", teacher, "TINY")
    roster = client.get(f"{BASE}/runs/R-01/roster", headers=instructor)
    assert [line["trainee"] for line in roster.json()["lines"]] == [trainee]
    if teacher not in runs.run("R-02").instructors:
        assert client.get(f"{BASE}/runs/R-02/roster", headers=instructor).status_code == 404
    planner = account(engine, "NATO", ["mission_planner"])
    assert client.get(f"{BASE}/runs/R-01/roster", headers=planner).status_code == 403
    enrol = client.post(
        f"{BASE}/runs/R-01/enrolments", json={"trainee": trainee}, headers=instructor
    )
    assert enrol.status_code == 403
