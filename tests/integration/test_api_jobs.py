"""Planning as jobs through the API, on SQLite and PostgreSQL, with real worker processes: a job
answers at once, runs, and leaves a plan version; a cancelled one is stopped and leaves none."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, person, run_queued, service


@pytest.fixture
def pool(db_url: str) -> Callable[[str], Any]:
    """The service with its own pool of one worker process, on an example of choice."""

    def start(example: str) -> Any:
        return service(db_url, example=example, start_jobs=True, job_workers=1)

    return start


def wait_for(
    api: TestClient, headers: dict[str, str], job: int, done: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state: dict[str, Any] = api.get(f"/api/v1/jobs/{job}", headers=headers).json()
        if done(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} never got there: {state}")


def workers_alive() -> list[str]:
    return [p.name for p in multiprocessing.active_children() if p.name.startswith("cadre-job")]


def test_a_capacity_job_answers_at_once_and_leaves_a_plan_version(pool: Any) -> None:
    with pool("tiny.yaml") as api:
        planner = person(engine_of(api), "NATO", ["mission_planner"], username="pia")
        submitted = api.post(
            "/api/v1/missions/TINY/jobs",
            headers=planner,
            json={"kind": "capacity", "parameters": {"seconds": 30}},
        )
        job = submitted.json()["id"]
        final = wait_for(api, planner, job, lambda s: s["status"] not in ("queued", "running"))
        plans = api.get("/api/v1/missions/TINY/plans/capacity", headers=planner).json()
        plan = api.get("/api/v1/missions/TINY/plans/capacity/1", headers=planner).json()
    assert (submitted.status_code, submitted.json()["status"]) == (202, "queued")
    assert submitted.headers["Location"] == f"/api/v1/jobs/{job}"
    assert {k: final[k] for k in ("status", "progress", "plan_number", "error")} == {
        "status": "succeeded",
        "progress": 1.0,
        "plan_number": 1,
        "error": None,
    }
    assert [(p["number"], p["status"]) for p in plans["items"]] == [(1, "optimal")]
    assert plan["result"]["status"] == "optimal"
    assert plan["scenario"]["mission"]["code"] == "TINY"


def test_a_cancelled_running_job_is_stopped_and_stores_nothing(pool: Any) -> None:
    with pool("nmi-2018.yaml") as api:
        planner = person(engine_of(api), "NATO", ["mission_planner"])
        job = api.post(
            "/api/v1/missions/NMI/jobs", headers=planner, json={"kind": "capacity"}
        ).json()["id"]
        wait_for(api, planner, job, lambda s: s["status"] == "running" and s["progress"] > 0)
        cancelled = api.delete(f"/api/v1/jobs/{job}", headers=planner)
        deadline = time.monotonic() + 15
        while workers_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = workers_alive()
        later = api.get(f"/api/v1/jobs/{job}", headers=planner).json()
        plans = api.get("/api/v1/missions/NMI/plans/capacity", headers=planner).json()
        again = api.delete(f"/api/v1/jobs/{job}", headers=planner)
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert alive == []
    assert (later["status"], later["plan_number"]) == ("cancelled", None)
    assert plans["total"] == 0
    assert (again.status_code, again.json()["message"]) == (
        409,
        f"job {job} has already ended (cancelled); nothing to cancel",
    )


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:  # jobs stay queued: no worker runs them
        yield client


def test_jobs_are_refused_to_roles_that_may_not_plan_and_hidden_from_others(
    api: TestClient,
) -> None:
    planner = person(engine_of(api), "NATO", ["mission_planner"])
    other = person(engine_of(api), "NATO", ["mission_planner"])
    teacher = person(engine_of(api), "NATO", ["instructor"])
    job = api.post("/api/v1/missions/TINY/jobs", headers=planner, json={"kind": "force"}).json()
    refused = api.post("/api/v1/missions/TINY/jobs", headers=teacher, json={"kind": "capacity"})
    assert (refused.status_code, refused.json()["message"]) == (
        403,
        "the role instructor may not start capacity planning",
    )
    assert api.get(f"/api/v1/jobs/{job['id']}", headers=other).status_code == 404
    assert api.delete(f"/api/v1/jobs/{job['id']}", headers=other).status_code == 404
    assert api.get("/api/v1/jobs", headers=other).json()["total"] == 0


def test_a_job_with_wrong_parameters_is_refused_naming_them(api: TestClient) -> None:
    planner = person(engine_of(api), "NATO", ["mission_planner"])
    response = api.post(
        "/api/v1/missions/TINY/jobs",
        headers=planner,
        json={"kind": "capacity", "parameters": {"seconds": -1, "colour": "red"}},
    )
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["seconds", "colour"]


def test_a_capacity_job_asked_for_whole_runs_and_the_earliest_handover_keeps_both(
    api: TestClient,
) -> None:
    planner = person(engine_of(api), "NATO", ["mission_planner"])
    mission = "/api/v1/missions/TINY"
    plans: list[dict[str, Any]] = []
    for asked in ({}, {"whole_runs": True, "earliest": True}):
        job = {"kind": "capacity", "parameters": {"seconds": 10, **asked}}
        submitted = api.post(f"{mission}/jobs", headers=planner, json=job).json()
        final = run_queued(api, submitted["id"], planner)
        assert final["status"] == "succeeded", final
        number = final["plan_number"]
        plans.append(api.get(f"{mission}/plans/capacity/{number}", headers=planner).json())
    plain, whole = plans
    assert [
        {k: p["parameters"][k] for k in ("whole_runs", "earliest")} for p in (plain, whole)
    ] == [
        {"whole_runs": False, "earliest": False},
        {"whole_runs": True, "earliest": True},
    ]
    assert (plain["result"]["rounding"], whole["result"]["status"]) == (None, "feasible")
    assert [(h["earliest"], h["earliest_known"]) for h in plain["result"]["handovers"]] == [
        (None, False)
    ]
    assert [(h["earliest"], h["earliest_known"]) for h in whole["result"]["handovers"]] == [
        ("2019-05-01", True)
    ]
    in_country = [r["runs"] for r in whole["result"]["runs"] if r["mode"] != "abroad"]
    assert in_country != []
    assert [runs for runs in in_country if runs != round(runs)] == []  # whole runs
    # What whole runs cost, as the API gives it, is the plan's own reading of it.
    loss = capacity.load_plan(UnitOfWork(engine_of(api)), whole["number"]).plan.rounding
    assert loss is not None
    assert whole["result"]["rounding"] == vars(loss) | {"integrality_gap": loss.integrality_gap}
    assert set(whole["result"]["rounding"]) >= {"unmet", "instructor_months", "gap"}


def test_a_sweep_job_counts_its_samples_and_leaves_its_ranges(pool: Any) -> None:
    with pool("tiny.yaml") as api:
        planner = person(engine_of(api), "NATO", ["mission_planner"], username="sam")
        url = "/api/v1/missions/TINY/jobs"
        asked = {"samples": 3, "seed": 2, "seconds": 30}
        job = api.post(url, headers=planner, json={"kind": "capacity_sweep", "parameters": asked})
        final = wait_for(
            api, planner, job.json()["id"], lambda s: s["status"] not in ("queued", "running")
        )
        sweep = api.get("/api/v1/missions/TINY/sweeps/1", headers=planner).json()
        too_many = {"kind": "capacity_sweep", "parameters": {"samples": 1001}}
        refused = api.post(url, headers=planner, json=too_many)
    assert (final["status"], final["progress"], final["plan_number"]) == ("succeeded", 1.0, 1)
    assert (sweep["kind"], sweep["parameters"]["samples"]) == ("capacity-sweep", 3)
    result = sweep["result"]
    assert result["samples"] == 3
    assert all(
        lo <= mid <= hi
        for lo, mid, hi in zip(
            result["force"]["p10"], result["force"]["p50"], result["force"]["p90"], strict=True
        )
    )
    assert refused.status_code == 422
