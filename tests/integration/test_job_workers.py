"""Jobs through Procrastinate: `cadre worker` processes on PostgreSQL (a job completes in a
worker of its own; a worker killed with kill -9 has its job retried once, then failed with the
reason; a cancel stops a running solve; priorities order the queue), and the embedded mode on
SQLite running the demo's jobs."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from typer.testing import CliRunner

import cadre
from cadre.cli import app
from cadre.services.jobs.engine import STALLED_SECONDS, add_plugin
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.services.jobs.operations import JobQueue
from cadre.services.jobs.queues import DeferringQueue
from cadre.storage import jobs as store
from cadre.storage.database import transaction
from cadre.storage.service_models import JobPartRow, JobRow
from tests import fanout_support  # registers the job kind "squares" here too
from tests.conftest import database_url
from tests.service_support import engine_of, person, service

SOURCE = pathlib.Path(cadre.__file__).parents[1]
ROOT = pathlib.Path(__file__).parents[2]  # for `--import tests.fanout_support`


@pytest.fixture
def pg_url(tmp_path: pathlib.Path, postgres_reason: str | None) -> Iterator[str]:
    yield from database_url("postgresql", tmp_path, postgres_reason)


@contextmanager
def worker(url: str, *arguments: str) -> Iterator[subprocess.Popen[bytes]]:
    """`cadre worker` in a process of its own, as on another machine."""
    env = os.environ | {"CADRE_DATABASE_URL": url, "PYTHONPATH": f"{SOURCE}:{ROOT}"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from cadre.cli import main; main()", "worker", *arguments],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and its jobs' processes
            process.wait()


def wait_for(
    api: TestClient, headers: dict[str, str], job: int, done: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = api.get(f"/api/v1/jobs/{job}", headers=headers).json()
        if done(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} never got there: {state}")


def ended(state: dict[str, Any]) -> bool:
    return state["status"] not in ("queued", "running")


@pytest.mark.postgres
def test_a_job_completes_through_a_worker_in_a_process_of_its_own(pg_url: str) -> None:
    with service(pg_url) as api, worker(pg_url, "--concurrency", "1") as running:
        planner = person(engine_of(api), "NATO", ["mission_planner"])
        job = api.post(
            "/api/v1/missions/TINY/jobs", headers=planner, json={"kind": "capacity"}
        ).json()["id"]
        final = wait_for(api, planner, job, ended)
        with transaction(engine_of(api)) as session:
            runner = store.job(session, job).runner
    assert (final["status"], final["plan_number"], final["progress"]) == ("succeeded", 1, 1.0)
    assert runner == f"{socket.gethostname()}:{running.pid}"  # the worker, not this process


@pytest.mark.postgres
def test_a_job_whose_worker_is_killed_is_retried_once_then_failed_with_the_reason(
    pg_url: str,
) -> None:
    # A job that computes for minutes whatever the solvers' speed: 40 parts of 5 s each.
    plugin = ("--import", fanout_support.__name__)
    with service(pg_url) as api:
        engine = engine_of(api)
        job = _submit(engine, DeferringQueue(), "squares", {"count": 40, "seconds": 5})
        seen = []
        # A worker of another queue: it runs none of these jobs, but watches for silent workers.
        with worker(pg_url, "--queues", "elsewhere", *plugin):
            for _ in range(2):
                with worker(pg_url, *plugin) as doomed:
                    _await(engine, job, lambda r: r.status == "running")
                    os.kill(doomed.pid, signal.SIGKILL)  # its job's process follows it
                    row = _await(engine, job, lambda r: r.status != "running")
                    seen.append((row.status, row.message, row.error))
    silent = f"the worker running it stopped (no heartbeat for {STALLED_SECONDS:.0f} s)"
    assert seen == [
        ("queued", f"queued again: {silent}", None),
        ("failed", "failed", f"{silent}, twice; not tried again"),
    ]


def _await(engine: Engine, job: int, done: Callable[[JobRow], bool]) -> JobRow:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with transaction(engine) as session:
            row = store.job(session, job)
            session.expunge(row)
        if done(row):
            return row
        time.sleep(0.2)
    raise AssertionError(f"job {job} never got there: {row.status} {row.message}")


@pytest.mark.postgres
def test_a_cancel_stops_a_running_solve_and_frees_the_worker(pg_url: str) -> None:
    with service(pg_url, example="nmi-2018.yaml") as api, worker(pg_url, "--concurrency", "1"):
        planner = person(engine_of(api), "NATO", ["mission_planner"])
        long = api.post(
            "/api/v1/missions/NMI/jobs",
            headers=planner,
            json={"kind": "capacity", "parameters": {"seconds": 600}},
        ).json()["id"]
        wait_for(api, planner, long, lambda s: s["status"] == "running" and s["progress"] > 0)
        cancelled = api.delete(f"/api/v1/jobs/{long}", headers=planner).json()
        # One job at a time: the next finishes only if the solve was stopped, not waited for.
        quick = api.post(
            "/api/v1/missions/NMI/jobs",
            headers=planner,
            json={"kind": "capacity", "parameters": {"seconds": 5}},
        ).json()["id"]
        final = wait_for(api, planner, quick, ended)
        plans = api.get("/api/v1/missions/NMI/plans/capacity", headers=planner).json()
    assert cancelled["status"] == "cancelled"
    assert (final["status"], final["error"]) == ("succeeded", None)
    assert [p["number"] for p in plans["items"]] == [final["plan_number"]]  # none from the first


@pytest.mark.postgres
def test_the_queue_runs_the_higher_priority_first(pg_url: str) -> None:
    with service(pg_url) as api:
        engine = engine_of(api)
        queue = DeferringQueue()
        made = {}
        with transaction(engine) as session:
            for priority in (-10, 0, 10):  # a sweep, a plan, a re-plan, queued in that order
                row = store.create_job(
                    session,
                    mission="TINY",
                    kind="force",
                    parameters={},
                    created_by="test",
                    at=dt.datetime.now(dt.UTC),
                )
                queue.submit(session, row.id, priority)
                made[row.id] = priority
        with worker(pg_url, "--concurrency", "1"):
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                with transaction(engine) as session:
                    rows = [store.job(session, job_id) for job_id in made]
                    if all(r.status == "succeeded" for r in rows):
                        break
                time.sleep(0.2)
    order = [made[r.id] for r in sorted(rows, key=lambda r: r.started_at or dt.datetime.max)]
    assert [r.status for r in rows] == ["succeeded"] * 3
    assert order == [10, 0, -10]


def test_the_embedded_mode_runs_the_demos_jobs(tmp_path: pathlib.Path) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    with service(url, example="nmi-2018.yaml", start_jobs=True, job_workers=2) as api:
        planner = person(engine_of(api), "NATO", ["mission_planner"])
        finals = {}
        for kind, parameters in [
            ("capacity", {"seconds": 60}),
            ("force", {}),
            ("timetable", {"months": 3, "seconds": 10}),
        ]:
            job = api.post(
                "/api/v1/missions/NMI/jobs",
                headers=planner,
                json={"kind": kind, "parameters": parameters},
            ).json()["id"]
            finals[kind] = wait_for(api, planner, job, ended)
            if kind == "capacity":  # as the demo does, so the others plan from it
                number = finals[kind]["plan_number"]
                adopted = api.post(
                    f"/api/v1/missions/NMI/plans/capacity/{number}/adopt", headers=planner
                )
                assert adopted.status_code == 200, adopted.text
    assert {k: (s["status"], s["error"]) for k, s in finals.items()} == {
        "capacity": ("succeeded", None),
        "force": ("succeeded", None),
        "timetable": ("succeeded", None),
    }


def _submit(engine: Engine, queue: JobQueue, kind: str, parameters: dict[str, Any]) -> int:
    with transaction(engine) as session:
        row = store.create_job(
            session,
            mission="TINY",
            kind=kind,
            parameters=parameters,
            created_by="test",
            at=dt.datetime.now(dt.UTC),
        )
        queue.submit(session, row.id, JOB_KINDS[kind].priority(parameters))
        return row.id


def _follow(engine: Engine, job: int) -> tuple[JobRow, list[float]]:
    """The job once it ended, and the progress figures seen on the way."""
    seen: list[float] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with transaction(engine) as session:
            row = store.job(session, job)
        if not seen or seen[-1] != row.progress:
            seen.append(row.progress)
        if row.status not in ("queued", "running"):
            return row, seen
        time.sleep(0.1)
    raise AssertionError(f"job {job} never ended")


@pytest.mark.postgres
def test_a_job_fans_out_across_two_workers_and_gathers_one_result(
    pg_url: str, tmp_path: pathlib.Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    plugin = ("--import", fanout_support.__name__)
    with service(pg_url) as api, worker(pg_url, *plugin), worker(pg_url, *plugin):
        engine = engine_of(api)
        deadline = time.monotonic() + 60
        with engine.connect() as connection:  # both workers ready before the job goes in
            while time.monotonic() < deadline:
                ready = connection.scalar(text("SELECT count(*) FROM procrastinate_workers"))
                connection.commit()
                if ready == 2:
                    break
                time.sleep(0.2)
        parameters = {"count": 30, "seconds": 0.2, "notes": str(notes)}
        job = _submit(engine, DeferringQueue(), "squares", parameters)
        row, progress = _follow(engine, job)
    ran = [name.split("-") for name in os.listdir(notes)]
    assert (row.status, row.error) == ("succeeded", None)
    assert row.plan_number == sum(n * n for n in range(30))  # the gathered result
    assert sorted(int(number) for number, _ in ran) == list(range(30))  # each part once
    assert len({pid for _, pid in ran}) == 2  # the job's own process and the other worker
    assert progress == sorted(progress)
    assert any(0 < p < 1 for p in progress)


def test_the_embedded_mode_fans_out_too_and_fails_with_a_parts_error(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_plugin(fanout_support.__name__)  # and in the jobs' processes
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    with service(url, start_jobs=True, job_workers=1) as api:
        engine, queue = engine_of(api), api.app.state.jobs  # type: ignore[attr-defined]
        good = _submit(engine, queue, "squares", {"count": 12, "seconds": 0.01})
        bad = _submit(engine, queue, "squares", {"count": 12, "seconds": 0.01, "fail_at": 5})
        rows = [_follow(engine, job)[0] for job in (good, bad)]
    monkeypatch.setenv("CADRE_DATABASE_URL", url)
    waited = [CliRunner().invoke(app, ["wait", str(job)]) for job in (good, bad)]
    assert [(w.exit_code, w.output.strip()) for w in waited] == [
        (0, f"Job {good} succeeded, plan {sum(n * n for n in range(12))}."),
        (1, f"Job {bad} failed: part 5: no square for 5"),
    ]
    assert [(r.status, r.plan_number, r.error) for r in rows] == [
        ("succeeded", sum(n * n for n in range(12)), None),
        ("failed", None, "part 5: no square for 5"),
    ]


def test_a_cancel_stops_the_embedded_modes_parts_on_every_process(
    tmp_path: pathlib.Path,
) -> None:
    add_plugin(fanout_support.__name__)
    notes = tmp_path / "notes"
    notes.mkdir()
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    parameters = {"count": 40, "seconds": 0.5, "notes": str(notes)}
    with service(url, start_jobs=True, job_workers=1) as api:
        engine, queue = engine_of(api), api.app.state.jobs  # type: ignore[attr-defined]
        job = _submit(engine, queue, "squares", parameters)
        _await(engine, job, lambda r: r.status == "running" and r.progress > 0)
        with transaction(engine) as session:
            store.cancel(session, job, dt.datetime.now(dt.UTC))
        time.sleep(3)  # the parts running at the cancel may finish
        ran = len(os.listdir(notes))
        time.sleep(2)
        row = _await(engine, job, ended_row)
    assert row.status == "cancelled"
    assert 0 < ran < 40
    assert len(os.listdir(notes)) == ran  # no part started after it


def ended_row(row: JobRow) -> bool:
    return row.status not in ("queued", "running")


@pytest.mark.postgres
def test_a_sweep_fans_its_samples_out_over_workers_and_matches_a_sweep_in_one_process(
    pg_url: str,
) -> None:
    from cadre.interchange.capacity_sweep_json import ranges_from_json
    from cadre.services.capacity.sweep import sweep_capacity
    from cadre.services.unit_of_work import UnitOfWork
    from cadre.storage import plans

    parameters = {"samples": 6, "seed": 11, "seconds": 30}
    with service(pg_url) as api, worker(pg_url), worker(pg_url):
        engine = engine_of(api)
        job = _submit(engine, DeferringQueue(), "capacity_sweep", parameters)
        row, progress = _follow(engine, job)
        assert (row.status, row.error) == ("succeeded", None), row.error
        with transaction(engine) as session:
            spread = plans.plan_version(session, "TINY", "capacity-sweep", row.plan_number)
            claimed = session.scalars(
                select(JobPartRow.claimed_by).where(JobPartRow.job_id == job)
            ).all()
        number, _ = sweep_capacity(UnitOfWork(engine), mission="TINY", **parameters)
        with transaction(engine) as session:
            here = plans.plan_version(session, "TINY", "capacity-sweep", number)
            # the same draws, the same plans, kept the same way
            assert ranges_from_json(spread.result) == ranges_from_json(here.result)
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    assert len(claimed) == 6
    assert None not in claimed
