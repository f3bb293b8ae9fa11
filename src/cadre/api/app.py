"""The FastAPI application: routers under /api/v1, the one error mapping, the job queue.

`create_app()` reads its settings from the environment; `cadre serve` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from cadre import __version__, web
from cadre.api import errors, oidc
from cadre.api.routes_audit import router as audit_router
from cadre.api.routes_jobs import router as jobs_router
from cadre.api.routes_missions import router as missions_router
from cadre.api.routes_records import router as records_router
from cadre.api.routes_session import router as session_router
from cadre.api.settings import Settings
from cadre.services.database import open_database
from cadre.services.job_pool import ProcessJobQueue
from cadre.services.jobs import JobQueue

PREFIX = "/api/v1"


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

    app = FastAPI(
        title="Cadre",
        version=__version__,
        summary="Plan and run multinational train-the-trainer missions.",
        openapi_url=f"{PREFIX}/openapi.json",
        # No Swagger UI or ReDoc: FastAPI loads them from a CDN, and a mission network has none.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        responses={400: errors.RESPONSES[400]},  # a body that is not JSON at all
    )
    app.state.settings = chosen
    errors.install(app)
    app.add_middleware(errors.PlainAddresses)
    for router in (session_router, missions_router, records_router, jobs_router, audit_router):
        app.include_router(router, prefix=PREFIX)
    oidc.install(app, chosen)
    web.install(app)  # the web pages and their static files, after every API route
    return app
