"""The REST API: routers under /api/v1 and the one error mapping.

`cadre.server.create_app()` builds the service from it and the web pages.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI

from cadre import __version__
from cadre.api import errors, guards, oidc
from cadre.api.routes_audit import router as audit_router
from cadre.api.routes_certificates import router as certificates_router
from cadre.api.routes_coordination import router as coordination_router
from cadre.api.routes_force import router as force_router
from cadre.api.routes_jobs import router as jobs_router
from cadre.api.routes_missions import router as missions_router
from cadre.api.routes_pathway import router as pathway_router
from cadre.api.routes_people import router as people_router
from cadre.api.routes_records import router as records_router
from cadre.api.routes_rosters import router as rosters_router
from cadre.api.routes_session import router as session_router
from cadre.api.routes_timetable import router as timetable_router
from cadre.api.routes_training import router as training_router
from cadre.api.routes_training_runs import router as training_runs_router
from cadre.services.system.settings import Settings

PREFIX = "/api/v1"
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def create_api(settings: Settings, lifespan: Lifespan) -> FastAPI:
    """The application with every API route; the composition root (`cadre.server`) adds the
    web pages and gives it the lifespan that opens the database and the job queue."""
    app = FastAPI(
        title="Cadre",
        version=__version__,
        summary="Plan and run multinational train-the-trainer missions.",
        openapi_url=f"{PREFIX}/openapi.json",
        # No Swagger UI or ReDoc: FastAPI loads them from a CDN, and a mission network has none.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # 400: a body that is not JSON at all; 429: the guards' rate limit, on every route
        responses={400: errors.RESPONSES[400], 429: errors.RESPONSES[429]},
    )
    app.state.settings = settings
    errors.install(app)
    app.add_middleware(errors.PlainAddresses)
    app.add_middleware(guards.RateLimit, per_minute=settings.api_requests_per_minute)
    app.add_middleware(
        guards.BodyDeadline, seconds=settings.body_seconds, max_bytes=settings.body_max_bytes
    )
    app.add_middleware(guards.Nosniff)  # outermost: every answer, the guards' own included
    for router in (
        session_router,
        missions_router,
        records_router,
        coordination_router,
        jobs_router,
        audit_router,
        training_router,
        training_runs_router,
        pathway_router,
        certificates_router,
        rosters_router,
        people_router,
        force_router,
        timetable_router,
    ):
        app.include_router(router, prefix=PREFIX)
    oidc.install(app, settings)
    return app
