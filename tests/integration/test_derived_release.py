"""What is derived from records is released like them: a check-mode capacity plan's
assignments, a course labelled for one nation, a visible record's reference to a hidden one,
and a job naming a hidden target (answered as a missing one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.access.labels import Classification
from cadre.domain.capacity.problem import PlanMode
from cadre.services.access.redaction import WITHHELD
from cadre.services.access.scope import mission_data
from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import transaction
from cadre.storage.labels import StoredLabel, put_label
from tests.service_support import engine_of, person, service


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        capacity.plan_capacity(UnitOfWork(engine_of(client)), seconds=20, mode=PlanMode.CHECK)
        yield client


def label(api: TestClient, kind: str, key: str, owner: str, *to: str) -> None:
    with transaction(engine_of(api)) as session:
        mission_id = mission_data(session, "TINY").stamp.mission_id
        stored = StoredLabel(Classification.NATO_UNCLASSIFIED.value, owner, list(to))
        put_label(session, mission_id, kind, key, stored, dt.datetime.now(dt.UTC))


def test_check_mode_assignments_show_only_pledges_the_reader_may_see(api: TestClient) -> None:
    planner = person(engine_of(api), "NATO", ["mission_planner"])
    liaison = person(engine_of(api), "IRQ", ["host_nation_liaison"])
    full = api.get("/api/v1/missions/TINY/plans/capacity/1", headers=planner).json()
    shown = api.get("/api/v1/missions/TINY/plans/capacity/1", headers=liaison).json()
    assert {a["pledge"] for a in full["result"]["assignments"]} == {"P-CAN-1", "P-SWE-1"}
    assert shown["result"]["assignments"] == []
    assert "P-CAN-1" not in str(shown)
    assert "P-SWE-1" not in str(shown)


def test_a_course_released_to_one_nation_is_absent_from_plans_and_withheld_in_references(
    api: TestClient,
) -> None:
    label(api, "courses", "CIED-101", "CAN", "CAN")
    instructor = person(engine_of(api), "SWE", ["instructor"])
    plan = api.get("/api/v1/missions/TINY/plans/capacity/1", headers=instructor).json()
    course = api.get("/api/v1/missions/TINY/courses/CIED-TTT", headers=instructor).json()
    assert {r["course"] for r in plan["result"]["runs"]} == {"CIED-TTT"}
    assert "CIED-101" not in plan["result"]["trainees"]
    assert "CIED-101" not in str(plan)
    assert course["data"]["prerequisites"] == [WITHHELD]


def test_a_job_naming_a_hidden_pledge_answers_as_for_a_missing_one(api: TestClient) -> None:
    label(api, "pledges", "P-CAN-1", "CAN", "CAN")
    planner = person(engine_of(api), "SWE", ["mission_planner"])

    def submit(pledge: str) -> tuple[int, dict[str, object]]:
        answer = api.post(
            "/api/v1/missions/TINY/jobs",
            headers=planner,
            json={"kind": "timetable", "parameters": {"withdraw_pledge": pledge}},
        )
        return answer.status_code, answer.json()

    hidden, missing = submit("P-CAN-1"), submit("P-XXX-9")
    assert hidden[0] == missing[0] == 404
    assert str(hidden[1]).replace("P-CAN-1", "P-XXX-9") == str(missing[1])
    assert submit("P-SWE-1")[0] == 202
