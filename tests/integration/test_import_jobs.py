"""A table of trainees imported as a job: through a `cadre worker` process of its own on
PostgreSQL (progress by rows, the report as the job's result, the file gone with the job), a
cancel or the time limit mid-import writing nothing, and the job's own rules (submitted only
with its file, refused to one who may not write trainees, closed with the import's commit)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pathlib
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from cadre.cli import app
from cadre.services.jobs import engine as jobs_engine
from cadre.services.jobs import imports
from cadre.services.jobs import operations as jobs
from cadre.services.jobs.kinds import IMPORT_SECONDS, JOB_KINDS
from cadre.services.jobs.queues import WaitingQueue
from cadre.services.jobs.worker import REPORTED, run_job
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import JobCancelled, UnitOfWork
from cadre.storage import jobs as store
from cadre.storage.database import make_engine, transaction, upgrade
from cadre.storage.service_models import JobUploadRow
from cadre.storage.training import TraineeRow
from tests.conftest import EXAMPLES, database_url
from tests.integration.test_job_workers import ended, wait_for, worker
from tests.service_support import engine_of, person, service
from tests.trainee_tables import trainee_table

BASE = "/api/v1/missions/TINY/trainees"


@pytest.fixture
def pg_url(tmp_path: pathlib.Path, postgres_reason: str | None) -> Iterator[str]:
    yield from database_url("postgresql", tmp_path, postgres_reason)


def counts(engine: Engine) -> tuple[int, int]:
    """(trainees stored, files waiting for an import)."""
    with transaction(engine) as session:
        trainees = session.scalar(select(func.count()).select_from(TraineeRow)) or 0
        files = session.scalar(select(func.count()).select_from(JobUploadRow)) or 0
    return trainees, files


def queued(
    engine: Engine, name: str, data: bytes, kind: str = "trainees_import", *, start: bool = False
) -> int:
    """An import queued by the operator (left in the table), and taken as a worker takes it."""
    job = imports.submit_import(
        UnitOfWork(engine, actor="test"), WaitingQueue(), None, None, kind, name, data
    ).id
    if start:
        with transaction(engine) as session:
            assert store.start(session, job, "test", dt.datetime.now(dt.UTC))
    return job


def upload(name: str, data: bytes) -> dict[str, Any]:
    return {"files": {"file": (name, data)}}


@pytest.mark.postgres
def test_an_import_runs_in_a_worker_of_its_own_with_its_rows_as_progress(pg_url: str) -> None:
    table = trainee_table(3000, seed=1)
    with service(pg_url) as api, worker(pg_url, "--concurrency", "1"):
        host = person(engine_of(api), "IRQ", ["host_nation_liaison"])
        job = api.post(f"{BASE}/import", headers=host, **upload("people.csv", table)).json()
        assert counts(engine_of(api))[1] == 1  # the file waits in the database, not on a disk
        seen: list[tuple[float, str]] = []

        def watched(state: dict[str, Any]) -> bool:
            seen.append((state["progress"], state["message"]))
            return ended(state)

        final = wait_for(api, host, job["id"], watched)
        stored = api.get(BASE, headers=host).json()["total"]
        left = counts(engine_of(api))[1]
    rows = table.count(b"\n") - 1
    assert (final["status"], final["error"]) == ("succeeded", None)
    assert final["result"]["rows"] == final["result"]["created"] == stored == rows
    assert final["result"]["duplicates"] >= 1  # about one in a hundred entered twice
    assert left == 0
    shares = [share for share, _ in seen]
    assert shares == sorted(shares)
    assert shares[-1] == 1.0
    # Which phases a poll catches depends on the machine's speed; that some row count was
    # heard while the job ran does not.
    assert any(m.startswith(("checked ", "storing ", "compared ")) for _, m in seen), seen


@pytest.mark.postgres
def test_a_cancelled_import_writes_nothing_and_frees_its_worker(pg_url: str) -> None:
    big = trainee_table(20_000, seed=2)
    with service(pg_url) as api, worker(pg_url, "--concurrency", "1"):
        host = person(engine_of(api), "IRQ", ["host_nation_liaison"])
        long = api.post(f"{BASE}/import", headers=host, **upload("big.csv", big)).json()["id"]
        wait_for(api, host, long, lambda s: s["status"] == "running" and s["progress"] > 0)
        cancelled = api.delete(f"/api/v1/jobs/{long}", headers=host).json()
        small = trainee_table(100, seed=3)
        quick = api.post(f"{BASE}/import", headers=host, **upload("few.csv", small)).json()
        final = wait_for(api, host, quick["id"], ended)  # one at a time: the first was stopped
        first = api.get(f"/api/v1/jobs/{long}", headers=host).json()
        trainees, files = counts(engine_of(api))
    assert cancelled["status"] == first["status"] == "cancelled"
    assert first["result"] is None
    assert final["status"] == "succeeded"
    assert trainees == final["result"]["created"] == small.count(b"\n") - 1  # none of big.csv
    assert files == 0


def test_the_time_limit_stops_an_import_and_nothing_is_written(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    kind = JOB_KINDS[imports.TRAINEES_IMPORT]
    assert kind.time_limit({"file": "x.csv"}) == IMPORT_SECONDS
    with service(url) as api:
        engine = engine_of(api)
        job = queued(engine, "big.csv", trainee_table(20_000, seed=4))
        short = dataclasses.replace(kind, limit=lambda _parameters: 2.0)
        monkeypatch.setitem(JOB_KINDS, kind.name, short)  # read by the watch, in this process
        jobs_engine.run_watched(url, job, "test")  # the import in a process of its own
        with transaction(engine) as session:
            row = store.job(session, job)
            state = (row.status, row.error, row.result)
        assert state == ("failed", "stopped at its time limit of 2 s", None)
        assert counts(engine) == (0, 0)


def test_an_import_cancelled_as_it_commits_is_rolled_back(tmp_path: pathlib.Path) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    with service(url) as api:
        engine = engine_of(api)
        table = trainee_table(200, seed=5)
        job = queued(engine, "p.csv", table, start=True)

        def cancel_when_stored(what: str, _share: float) -> None:
            # The cancel lands after the checks, as the rows are written: too late to stop
            # the process, in time to refuse the commit.
            if what.startswith("storing"):
                with transaction(engine) as session:
                    store.cancel(session, job, dt.datetime.now(dt.UTC))

        with pytest.raises(JobCancelled):
            imports.run_trainees_import(
                UnitOfWork(engine, actor="test", job=job), "TINY", {}, cancel_when_stored
            )
        assert counts(engine) == (0, 0)


def test_an_import_job_starts_only_with_its_file_and_only_for_a_trainee_writer(
    tmp_path: pathlib.Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    with service(url) as api:
        planner = person(engine_of(api), "NATO", ["mission_planner"])
        bare = api.post(
            "/api/v1/missions/TINY/jobs",
            headers=planner,
            json={"kind": "trainees_import", "parameters": {"file": "x.csv"}},
        )
        refused = api.post(f"{BASE}/import", headers=planner, **upload("x.csv", b"service\n"))
        mine = api.get("/api/v1/jobs", headers=planner).json()["total"]
    assert (bare.status_code, bare.json()["code"]) == (422, "job.needs_upload")
    assert refused.status_code == 403
    assert mine == 0


def test_a_refused_file_fails_its_job_with_every_problem_located(tmp_path: pathlib.Path) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    rows = "".join(f"IA,{n},Latin letters,1990\n" for n in range(1, 1201))
    table = ("service,service_number,name_ar,birth_year\n" + rows).encode()
    with service(url) as api:
        engine = engine_of(api)
        job = queued(engine, "bad.csv", table, start=True)
        run_job(url, job)
        view = jobs.follow(UnitOfWork(engine), job)
        assert counts(engine) == (0, 0)
    assert view.status == "failed"
    assert view.result is not None
    assert view.result["count"] == 1200  # every one counted, the first REPORTED kept
    assert len(view.result["problems"]) == REPORTED
    first = view.result["problems"][0]
    assert (first["file"], first["line"], first["column"], first["field"]) == (
        "bad.csv",
        2,
        3,
        "name_ar",
    )


def test_the_cli_queues_an_import_only_on_postgresql(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    file = tmp_path / "p.csv"
    file.write_bytes(trainee_table(10, seed=6))
    monkeypatch.setenv("CADRE_DATABASE_URL", url)
    with _engine(url) as engine:
        scenarios.import_file(UnitOfWork(engine), EXAMPLES / "tiny.yaml")
        refused = CliRunner().invoke(app, ["trainees", "import", str(file), "--queue"])
        assert counts(engine) == (0, 0)
    assert refused.exit_code != 0
    assert "PostgreSQL" in refused.output


@pytest.mark.postgres
def test_the_cli_queues_an_import_for_a_worker_and_follows_it(
    pg_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "people.csv"
    table = trainee_table(500, seed=7)
    file.write_bytes(table)
    monkeypatch.setenv("CADRE_DATABASE_URL", pg_url)
    rows = table.count(b"\n") - 1
    with _engine(pg_url) as engine:
        scenarios.import_file(UnitOfWork(engine), EXAMPLES / "tiny.yaml")
        with worker(pg_url):
            done = CliRunner().invoke(app, ["trainees", "import", str(file), "--queue"])
        assert counts(engine) == (rows, 0)
    assert done.exit_code == 0, done.output
    assert "queued" in done.output
    assert f"{rows} trainees added" in done.output


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    engine = make_engine(url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_register_queued_from_the_cli_is_imported_by_a_worker_or_refused_located(
    pg_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = EXAMPLES / "coordination" / "register-2019.csv"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(register.read_bytes().replace(b",IQG08,", b",IQG88,", 1))
    monkeypatch.setenv("CADRE_DATABASE_URL", pg_url)
    with _engine(pg_url) as engine:
        scenarios.import_file(UnitOfWork(engine), EXAMPLES / "nmi-2018.yaml")
        with worker(pg_url):
            refused = CliRunner().invoke(app, ["coord", "import", str(bad), "--queue"])
            done = CliRunner().invoke(app, ["coord", "import", str(register), "--queue"])
        with transaction(engine) as session:
            left = session.scalar(select(func.count()).select_from(JobUploadRow))
    assert refused.exit_code != 0
    assert "bad.csv, line 4, column 10" in refused.output
    assert "IQG88" in refused.output
    assert done.exit_code == 0, done.output
    assert "72 activities stored from register-2019.csv" in done.output
    assert left == 0


@pytest.mark.postgres
def test_an_import_whose_worker_is_killed_is_run_again_from_its_stored_file(pg_url: str) -> None:
    table = trainee_table(10_000, seed=8)
    with service(pg_url) as api:
        engine = engine_of(api)
        host = person(engine, "IRQ", ["host_nation_liaison"])
        job = api.post(f"{BASE}/import", headers=host, **upload("p.csv", table)).json()["id"]
        # A worker of another queue runs none of these jobs but watches for silent workers.
        with worker(pg_url, "--queues", "elsewhere"):
            with worker(pg_url) as doomed:
                wait_for(api, host, job, lambda s: s["status"] == "running" and s["progress"] > 0)
                os.kill(doomed.pid, signal.SIGKILL)  # its job's process follows it
            again = wait_for(api, host, job, lambda s: s["status"] != "running")
            waiting = counts(engine)
            with worker(pg_url):  # as on another machine: it has only the database
                final = wait_for(api, host, job, ended)
        trainees, files = counts(engine)
    assert again["status"] == "queued"
    assert waiting == (0, 1)  # nothing of the first attempt kept; the file kept for the retry
    assert final["status"] == "succeeded"
    assert trainees == final["result"]["created"] == table.count(b"\n") - 1
    assert files == 0


def test_cadre_wait_tells_an_imports_figures_or_its_located_problems(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    bad = b"service,service_number,name_ar,birth_year\nIA,1,Latin,1990\n"
    monkeypatch.setenv("CADRE_DATABASE_URL", url)
    with service(url) as api:
        engine = engine_of(api)
        ended_jobs = []
        for name, data in (("good.csv", trainee_table(50, seed=9)), ("bad.csv", bad)):
            job = queued(engine, name, data, start=True)
            run_job(url, job)
            ended_jobs.append(CliRunner().invoke(app, ["wait", str(job)]))
    good, refused = ended_jobs
    assert good.exit_code == 0
    assert "succeeded: rows 50, created 50, updated 0, duplicates 0." in good.output
    assert refused.exit_code == 1
    located = [line for line in refused.output.splitlines() if line.startswith("  ")]
    assert len(located) == 1
    assert located[0].startswith("  bad.csv, line 2, column 3, name_ar: ")
