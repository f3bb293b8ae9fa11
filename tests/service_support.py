"""Helpers for tests of the service: a running app on a real database, people with tokens."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cadre.access.labels import Classification
from cadre.server import create_app
from cadre.services.access import users
from cadre.services.jobs.operations import JobQueue
from cadre.services.jobs.worker import run_job
from cadre.services.scenario import operations as scenarios
from cadre.services.system.settings import Settings
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import jobs
from cadre.storage.database import transaction
from tests.conftest import EXAMPLES

_numbers = itertools.count(1)


def person(
    engine: Engine,
    affiliation: str,
    roles: Iterable[str],
    clearance: Classification = Classification.NATO_UNCLASSIFIED,
    username: str | None = None,
) -> dict[str, str]:
    """A user (signing in through OIDC, so no slow password hash) and its bearer headers."""
    name = username or f"u{next(_numbers)}-{affiliation.lower()}"
    users.add_user(
        UnitOfWork(engine, actor="test"),
        username=name,
        affiliation=affiliation,
        roles=list(roles),
        clearance=clearance.value,
        oidc_subject=f"subject-{name}",
    )
    return {"Authorization": f"Bearer {users.issue_token(UnitOfWork(engine, actor='test'), name)}"}


@contextmanager
def service(
    db_url: str,
    *,
    example: str | None = "tiny.yaml",
    queue: JobQueue | None = None,
    **settings: Any,
) -> Iterator[TestClient]:
    """The API on `db_url` (with an example imported), jobs left queued unless a queue is given."""
    # The tests make thousands of requests as one principal; the rate limit has its own test.
    chosen = {"start_jobs": False, "api_requests_per_minute": 1_000_000} | settings
    app = create_app(Settings(database_url=db_url, **chosen), queue=queue)
    with TestClient(app) as client:
        if example is not None:
            scenarios.import_file(UnitOfWork(engine_of(client)), EXAMPLES / example)
        yield client


def engine_of(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def run_queued(client: TestClient, job_id: int, headers: dict[str, str]) -> dict[str, Any]:
    """Run a queued job here, as a worker would, and read it back through the API."""
    engine = engine_of(client)
    with transaction(engine) as session:
        assert jobs.start(session, job_id, "test", dt.datetime.now(dt.UTC))
    run_job(engine.url.render_as_string(hide_password=False), job_id)
    answer: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()
    return answer
