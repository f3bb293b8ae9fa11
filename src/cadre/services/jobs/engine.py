"""Jobs on Procrastinate: the tasks a worker runs, and what keeps a job's state true.

The jobs table stays the record a user follows (status, progress, message, result); the
queue (Procrastinate's tables on PostgreSQL, its in-memory connector in the embedded mode)
only says which job a worker takes next, by priority then age.

- A job runs in a child process of the worker, which watches the job's row twice a second:
  a cancel, or the kind's time limit, terminates the child (a CP-SAT or HiGHS solve stops
  within a second; nothing is kept, the plan is kept in the transaction that closes the job).
- Each worker beats a heartbeat in Procrastinate's workers table every `HEARTBEAT_SECONDS`.
  A job whose worker has been silent `STALLED_SECONDS` (killed with `kill -9`, its machine
  lost) is found by any other worker: the first time it is queued again, the second time it
  is marked failed with the reason. It never stays "running".
- A job moves queued -> running once, and its plan is kept with the move running ->
  succeeded: a second run of the same job (a retry after its worker died while the first
  was about to finish) cannot complete it twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import logging
import multiprocessing
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.process import BaseProcess
from typing import Any

import procrastinate
from procrastinate.jobs import Status
from sqlalchemy import Engine

from cadre.domain import phases
from cadre.domain.phases import Phase
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.services.system import local_pool
from cadre.storage import jobs as store
from cadre.storage import queue as parts
from cadre.storage.database import make_engine, transaction

log = logging.getLogger(__name__)

JOB_TASK = "cadre.job"
PART_TASK = "cadre.part"
QUEUE = "jobs"  # every kind's queue; `cadre worker --queues` names the ones it takes
WATCH_SECONDS = 0.5  # how often a worker reads the row of a job it runs
HEARTBEAT_SECONDS = 2.0
STALLED_SECONDS = 10.0  # a worker silent this long is dead; its jobs are retried once
RETRIES = 1
FETCH_SECONDS = 0.5  # how often an idle worker looks when no notification came

PLUGINS: list[str] = []  # modules that register more job kinds (`cadre worker --import`)
_SPAWN = multiprocessing.get_context("spawn")  # a child shares none of the worker's threads
_engines: dict[str, Engine] = {}
_running: dict[int, BaseProcess] = {}
_lock = threading.Lock()


def add_plugin(module: str) -> None:
    """Import a module that registers job kinds, here and in every job's process."""
    importlib.import_module(module)
    if module not in PLUGINS:
        PLUGINS.append(module)


def _engine(url: str) -> Engine:
    with _lock:
        if url not in _engines:
            _engines[url] = make_engine(url)
        return _engines[url]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_app(connector: Any) -> procrastinate.App:
    """Procrastinate with Cadre's two tasks: a job, and one part of a job that fans out."""
    app = procrastinate.App(connector=connector)
    app.task(name=JOB_TASK, pass_context=True, queue=QUEUE)(_job_task)
    app.task(name=PART_TASK, pass_context=True, queue=QUEUE)(_part_task)
    return app


def worker_options(url: str, concurrency: int, queues: list[str] | None = None) -> dict[str, Any]:
    return {
        "concurrency": concurrency,
        "queues": queues,
        "additional_context": {"url": url},
        "fetch_job_polling_interval": FETCH_SECONDS,
        "update_heartbeat_interval": HEARTBEAT_SECONDS,
        "stalled_worker_timeout": STALLED_SECONDS,
        "delete_jobs": "successful",
    }


def _url(context: Any) -> str:
    url: str = context.additional_context["url"]
    return url


def _job_task(context: Any, job_id: int) -> None:
    run_watched(_url(context), job_id, f"{socket.gethostname()}:{os.getpid()}")


def _part_task(context: Any, job_id: int, position: int, count: int, function: str) -> None:
    """Parts `position` .. `position + count - 1` of the job: a few per task, so that the
    queue's own cost (a fetch, a thread, a finish) is shared by several parts."""
    for place in range(position, position + count):
        run_part(_url(context), job_id, place, function, f"task:{context.job.id}")


def run_watched(url: str, job_id: int, runner: str) -> None:
    """Run the job in a child process, stopping it on a cancel or at its time limit."""
    engine = _engine(url)
    with transaction(engine) as session:
        if not store.start(session, job_id, runner, _now()):
            return  # cancelled while queued, or done by an earlier attempt
        row = store.job(session, job_id)
        limit = JOB_KINDS[row.kind].time_limit(dict(row.parameters))
    child = _SPAWN.Process(
        target=_child, args=(url, job_id, list(PLUGINS)), name=f"cadre-job-{job_id}"
    )
    child.start()
    _running[job_id] = child
    deadline = time.monotonic() + limit
    try:
        while True:
            child.join(WATCH_SECONDS)
            if not child.is_alive():
                break
            with transaction(engine) as session:
                state = store.status(session, job_id)
            if state != "running":  # cancelled
                _terminate(child)
                break
            if time.monotonic() > deadline:
                _terminate(child)
                limited = Phase(
                    "job.stopped_at_limit",
                    "stopped at its time limit of %(seconds)s s",
                    seconds=round(limit),
                )
                _close(engine, job_id, limited, phases.TIME_LIMIT)
                break
    finally:
        _running.pop(job_id, None)
    if child.exitcode not in (0, None):
        died = Phase(
            "job.process_died",
            "its process stopped unexpectedly (exit code %(exit_code)s)",
            exit_code=child.exitcode,
        )
        _close(engine, job_id, died)


def _close(engine: Engine, job_id: int, error: str, message: str = phases.FAILED) -> None:
    with transaction(engine) as session:
        store.finish(session, job_id, "failed", _now(), error=error, message=message)


def _child(url: str, job_id: int, plugins: list[str]) -> None:
    # A worker killed with kill -9 takes its job's process along.
    local_pool.exit_with_parent(os.getppid())
    from cadre.services.jobs.worker import run_job

    for module in plugins:
        add_plugin(module)
    run_job(url, job_id)


def _terminate(process: BaseProcess) -> None:
    process.terminate()
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()


def stop_running(url: str, reason: str) -> None:
    """Stop the jobs this process runs (the service stops); each is closed as failed."""
    for job_id, child in list(_running.items()):
        _terminate(child)
        _close(_engine(url), job_id, reason)


def function_at(path: str) -> Callable[..., Any]:
    module, _, name = path.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


def run_part(url: str, job_id: int, position: int, function: str, claimant: str) -> bool:
    """Run one part of a fanned-out job, if its job still runs and nobody else took it."""
    engine = _engine(url)
    _, item = _claim(engine, job_id, position, claimant)
    if item is None:
        return False
    try:
        outcome = function_at(function)(item)
    except Exception as error:  # the part's error becomes the job's, named
        _keep(engine, job_id, position, error=error)
        return True
    _keep(engine, job_id, position, outcome)
    return True


def run_parts(
    url: str,
    job_id: int,
    positions: list[int],
    function: str,
    claimant: str,
    processes: int | None = None,
) -> Iterator[int]:
    """Run these parts of a fanned-out job here, on `processes` processes (`local_pool.py`):
    each is claimed as a process comes free, none once the job no longer runs or a part
    failed. Each part's position as its outcome is kept."""
    engine = _engine(url)
    failed = False

    def claimed() -> Iterator[tuple[int, Any]]:
        for position in positions:
            if failed:
                return
            running, item = _claim(engine, job_id, position, claimant)
            if not running:  # cancelled, or at its time limit
                return
            if item is not None:
                yield position, item

    run = function_at(function)
    workers = local_pool.processes_for(len(positions), processes)
    for position, done in local_pool.each_done(run, claimed(), workers):
        error = done.exception()
        failed = failed or error is not None
        _keep(engine, job_id, position, None if error else done.result(), error)
        yield position


def _claim(engine: Engine, job_id: int, position: int, claimant: str) -> tuple[bool, Any | None]:
    """Whether the job still runs, and if so the part's item taken for `claimant` (None when
    it is done or another claimant runs it)."""
    with transaction(engine) as session:
        if store.status(session, job_id) != "running":
            return False, None
        return True, parts.claim_part(session, job_id, position, claimant)


def _keep(
    engine: Engine,
    job_id: int,
    position: int,
    outcome: Any = None,
    error: BaseException | None = None,
) -> None:
    with transaction(engine) as session:
        if error is not None:  # the part's error becomes the job's, named
            parts.finish_part(session, job_id, position, error=f"part {position}: {error}")
        else:
            parts.finish_part(session, job_id, position, outcome)


async def recover_stalled(app: procrastinate.App, url: str) -> list[int]:
    """Retry once, then fail, the tasks of workers silent for `STALLED_SECONDS`."""
    manager = app.job_manager
    stalled = await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_SECONDS)
    engine = _engine(url)
    seen = []
    for task in stalled:
        assert task.id is not None
        job_id = int(task.task_kwargs["job_id"])  # type: ignore[arg-type]
        seen.append(job_id)
        silent = f"the worker running it stopped (no heartbeat for {STALLED_SECONDS:.0f} s)"
        seconds = round(STALLED_SECONDS)
        if task.attempts < RETRIES:
            if task.task_name == JOB_TASK:
                again = Phase(
                    "job.requeued",
                    "queued again: the worker running it stopped (no heartbeat for %(seconds)s s)",
                    seconds=seconds,
                )
                with transaction(engine) as session:
                    store.requeue(session, job_id, again)
            await manager.retry_job(task)
            log.warning("task %s of job %s retried: %s", task.id, job_id, silent)
            continue
        await manager.finish_job_by_id_async(task.id, status=Status.FAILED, delete_job=False)
        reason = Phase(
            "job.stalled_twice",
            "the worker running it stopped (no heartbeat for %(seconds)s s), twice; "
            "not tried again",
            seconds=seconds,
        )
        with transaction(engine) as session:
            if task.task_name == JOB_TASK:
                store.finish(session, job_id, "failed", _now(), error=reason, message=phases.FAILED)
            else:
                first = int(task.task_kwargs["position"])  # type: ignore[arg-type]
                for place in range(first, first + int(task.task_kwargs["count"])):  # type: ignore[arg-type]
                    parts.finish_part(session, job_id, place, error=f"part {place}: {reason}")
        log.warning("task %s of job %s failed: %s", task.id, job_id, reason)
    return seen


async def recovering(app: procrastinate.App, url: str) -> None:
    """Look for stalled workers' tasks every few seconds, for as long as the worker runs."""
    while True:
        try:
            await recover_stalled(app, url)
        except Exception:  # the worker must outlive a database hiccup
            log.exception("looking for stalled jobs failed; trying again")
        await asyncio.sleep(HEARTBEAT_SECONDS)
