"""The service as one process: the REST API and the web pages on one FastAPI application,
sharing its database and job queue. This is the composition root: the only module that knows
both edges; `cadre serve` names it by import path (`cadre.server:create_app`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from cadre import web
from cadre.api.app import create_api
from cadre.services.jobs.operations import JobQueue
from cadre.services.jobs.pool import ProcessJobQueue
from cadre.services.system.database import open_database
from cadre.services.system.settings import Settings


class WaitingQueue:
    """Leaves jobs queued in the table, for a runner elsewhere (CADRE_START_JOBS=0)."""

    def submit(self, job_id: int) -> None:
        pass

    def cancel(self, job_id: int) -> None:
        pass


def create_app(settings: Settings | None = None, queue: JobQueue | None = None) -> FastAPI:
    chosen = settings or Settings.from_environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_database(chosen.database_url) as engine:
            pool = None
            if queue is not None:
                app.state.jobs = queue
            elif chosen.start_jobs:
                pool = ProcessJobQueue(chosen.database_url, workers=chosen.job_workers)
                pool.start()  # also takes jobs left queued by an earlier run or another process
                app.state.jobs = pool
            else:
                app.state.jobs = WaitingQueue()
            app.state.engine = engine
            try:
                yield
            finally:
                if pool is not None:
                    pool.stop()

    app = create_api(chosen, lifespan)
    web.install(app)  # the web pages and their static files, after every API route
    return app
