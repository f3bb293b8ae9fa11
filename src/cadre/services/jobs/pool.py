"""The default job queue: a pool of worker processes on the service's own machine.

The jobs table is the queue. A supervisor thread claims queued jobs (a conditional update, so
several service processes can share one database without running a job twice), starts each
in a process of its own, beats a heartbeat for the jobs it runs, and terminates the process
of a job someone cancelled (from any service process: it reads the cancel from the table).

One process per job rather than `concurrent.futures.ProcessPoolExecutor`: an executor cannot
stop one running task (a solver inside HiGHS does not look up until its stage ends), and
killing one of its workers breaks the whole pool. A fresh process per job costs about a
second of start-up, nothing next to a plan.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import threading
import uuid
from multiprocessing.process import BaseProcess

from cadre.storage import jobs as store
from cadre.storage.database import make_engine, transaction

log = logging.getLogger(__name__)

ABANDONED_AFTER = dt.timedelta(seconds=60)  # a runner silent this long has stopped


class ProcessJobQueue:
    def __init__(self, url: str, *, workers: int = 2, poll_seconds: float = 0.5) -> None:
        self.url = url
        self.workers = max(1, workers)
        self.poll_seconds = poll_seconds
        self.runner = f"pool-{uuid.uuid4().hex[:12]}"
        self._engine = make_engine(url)
        self._context = multiprocessing.get_context("spawn")  # no copy of the server's threads
        self._running: dict[int, BaseProcess] = {}
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="cadre-jobs", daemon=True)
            self._thread.start()

    def submit(self, job_id: int) -> None:
        self.start()
        self._wake.set()

    def cancel(self, job_id: int) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Stop taking jobs; the jobs this pool runs end as failed (the service stopped)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        for job_id, process in list(self._running.items()):
            self._terminate(process)
            self._close(job_id, "the service stopped while the job ran; start it again")
        self._running.clear()
        self._engine.dispose()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self._tick()
            except Exception:  # the loop must outlive a database hiccup
                log.exception("the job supervisor hit an error; trying again")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()

    def _tick(self) -> None:
        now = dt.datetime.now(dt.UTC)
        with transaction(self._engine) as session:
            states = store.statuses(session, list(self._running))
            store.beat(session, list(self._running), now)
            store.fail_abandoned(session, now - ABANDONED_AFTER, now)
        for job_id, process in list(self._running.items()):
            if states.get(job_id) == "cancelled" and process.is_alive():
                self._terminate(process)
            if not process.is_alive():
                process.join()
                del self._running[job_id]
                if states.get(job_id) == "running" and process.exitcode != 0:
                    self._close(
                        job_id, f"the worker stopped unexpectedly (exit code {process.exitcode})"
                    )
        while len(self._running) < self.workers and not self._stopping.is_set():
            with transaction(self._engine) as session:
                claimed = store.claim_next(session, self.runner, dt.datetime.now(dt.UTC))
                taken = claimed.id if claimed is not None else None
            if taken is None:
                return
            process = self._context.Process(
                target=_worker_main, args=(self.url, taken), name=f"cadre-job-{taken}"
            )
            process.start()
            self._running[taken] = process

    def _close(self, job_id: int, error: str) -> None:
        with transaction(self._engine) as session:
            store.finish(session, job_id, "failed", dt.datetime.now(dt.UTC), error=error)

    @staticmethod
    def _terminate(process: BaseProcess) -> None:
        process.terminate()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def _worker_main(url: str, job_id: int) -> None:
    from cadre.services.jobs.worker import run_job

    run_job(url, job_id)
