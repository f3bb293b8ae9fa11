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
from cadre.services.jobs.queues import (
    DeferringQueue,
    InProcessQueue,
    PostgresWorkers,
    WaitingQueue,
)
from cadre.services.system.database import open_database
from cadre.services.system.settings import Settings


def create_app(settings: Settings | None = None, queue: JobQueue | None = None) -> FastAPI:
    chosen = settings or Settings.from_environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with open_database(chosen.database_url) as engine:
            postgres = engine.dialect.name == "postgresql"
            pool: InProcessQueue | PostgresWorkers | None = None
            if queue is not None:
                app.state.jobs = queue
            elif chosen.start_jobs:
                kind = PostgresWorkers if postgres else InProcessQueue
                pool = kind(chosen.database_url, workers=chosen.job_workers)
                pool.start()  # also takes jobs left queued by an earlier run
                app.state.jobs = pool
            else:  # CADRE_START_JOBS=0: only enqueue; `cadre worker` runs them elsewhere
                app.state.jobs = DeferringQueue() if postgres else WaitingQueue()
            app.state.engine = engine
            try:
                yield
            finally:
                if pool is not None:
                    pool.stop()

    app = create_api(chosen, lifespan)
    web.install(app)  # the web pages and their static files, after every API route
    return app
