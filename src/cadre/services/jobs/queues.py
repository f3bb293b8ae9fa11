"""The queues the service hands its jobs to.

- `DeferringQueue` (PostgreSQL): the job's task is written to Procrastinate's queue in the
  transaction that creates the job, so a job exists with its task or not at all; any
  `cadre worker` that reaches the database runs it.
- `InProcessQueue` (the embedded default, SQLite): Procrastinate's in-memory connector and a
  worker in a thread of the service; the tasks, the child process per job and its watch are
  the same code as on PostgreSQL. Its queue lives in memory: on start it takes again the jobs
  the table holds queued, and closes as failed those the process before it left running.
- `WaitingQueue`: leaves jobs queued in the table (SQLite with `CADRE_START_JOBS=0`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Coroutine
from typing import Any

import procrastinate
from procrastinate.testing import InMemoryConnector
from sqlalchemy import event, make_url
from sqlalchemy.orm import Session

from cadre.domain.phases import Phase
from cadre.services.jobs import engine as jobs_engine
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.storage import jobs as store
from cadre.storage import queue as queue_store
from cadre.storage.database import make_engine, normalise_url, transaction

STOPPED = Phase("job.service_stopped", "the service stopped while the job ran; start it again")


def conninfo(url: str) -> str:
    """The libpq address Procrastinate's psycopg connector takes, from Cadre's URL."""
    parsed = make_url(normalise_url(url)).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class WaitingQueue:
    """Leaves jobs queued in the table, for a runner elsewhere."""

    def submit(self, session: Session, job_id: int, priority: int) -> None:
        pass

    def cancel(self, job_id: int) -> None:
        pass


class DeferringQueue:
    """PostgreSQL: the task goes in with the job, in its transaction."""

    def submit(self, session: Session, job_id: int, priority: int) -> None:
        queue_store.defer(
            session,
            jobs_engine.JOB_TASK,
            {"job_id": job_id},
            priority=priority,
            queue=jobs_engine.QUEUE,
        )

    def cancel(self, job_id: int) -> None:
        pass  # the worker that runs it reads the cancel from the job's row


class WorkerThread:
    """A Procrastinate worker in a thread of this process, with its own event loop."""

    def __init__(
        self,
        app: procrastinate.App,
        url: str,
        concurrency: int,
        *,
        recover: bool,
        queues: list[str] | None = None,
    ) -> None:
        self.app, self.url, self.recover = app, url, recover
        self.options = jobs_engine.worker_options(url, concurrency, queues)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="cadre-jobs", daemon=True)
        self._stop: asyncio.Event | None = None

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(30)

    def call(self, work: Coroutine[Any, Any, Any]) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(30)

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        jobs_engine.stop_running(self.url, STOPPED)
        self._thread.join(timeout=30)

    def _main(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with self.app.open_async():
            worker = asyncio.create_task(
                self.app.run_worker_async(install_signal_handlers=False, **self.options)
            )
            looking = (
                asyncio.create_task(jobs_engine.recovering(self.app, self.url))
                if self.recover
                else None
            )
            self._ready.set()
            await self._stop.wait()
            for task in (worker, looking):
                if task is not None:
                    task.cancel()
            await asyncio.gather(worker, *([looking] if looking else []), return_exceptions=True)


class InProcessQueue:
    """The embedded mode: Procrastinate in memory, a worker in a thread of the service."""

    def __init__(self, url: str, workers: int = 2) -> None:
        self.url = url
        self.app = jobs_engine.make_app(InMemoryConnector())
        self._worker = WorkerThread(self.app, url, workers, recover=False)

    def start(self) -> None:
        self._worker.start()
        engine = make_engine(self.url)
        try:
            with transaction(engine) as session:
                store.fail_running(session, dt.datetime.now(dt.UTC), STOPPED)
                waiting = store.queued(session)
        finally:
            engine.dispose()
        for job_id, kind, parameters in waiting:
            self._defer(job_id, JOB_KINDS[kind].priority(parameters))

    def stop(self) -> None:
        self._worker.stop()

    def submit(self, session: Session, job_id: int, priority: int) -> None:
        """Queued once the job's transaction commits (the worker must find its row)."""

        def committed(_session: Session) -> None:
            self._defer(job_id, priority)

        event.listen(session, "after_commit", committed, once=True)

    def cancel(self, job_id: int) -> None:
        pass  # the worker that runs it reads the cancel from the job's row

    def _defer(self, job_id: int, priority: int) -> None:
        deferrer = self.app.configure_task(
            jobs_engine.JOB_TASK, priority=priority, queue=jobs_engine.QUEUE
        )
        self._worker.call(deferrer.defer_async(job_id=job_id))


class PostgresWorkers:
    """`cadre serve` on PostgreSQL with CADRE_START_JOBS on: jobs deferred with their
    transaction, and a worker in the service as well as any `cadre worker` elsewhere."""

    def __init__(self, url: str, workers: int = 2) -> None:
        from procrastinate import PsycopgConnector

        self.url = url
        self.deferring = DeferringQueue()
        app = jobs_engine.make_app(PsycopgConnector(conninfo=conninfo(url), min_size=1))
        self._worker = WorkerThread(app, url, workers, recover=True)

    def start(self) -> None:
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()

    def submit(self, session: Session, job_id: int, priority: int) -> None:
        self.deferring.submit(session, job_id, priority)

    def cancel(self, job_id: int) -> None:
        pass
