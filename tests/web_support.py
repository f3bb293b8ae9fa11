"""Helpers for tests of the web pages: the app on a real database with a plan made, and a
browser-like client logged in as someone (a session opened directly: no slow password hash)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cadre.access.sessions import CSRF_COOKIE, SESSION_COOKIE
from cadre.services.access import users
from cadre.services.capacity import operations as capacity
from cadre.services.force import operations as force
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, service

_numbers = itertools.count(1)


@contextmanager
def web(db_url: str, example: str = "tiny.yaml", *, planned: bool = True) -> Iterator[TestClient]:
    """The app with an example imported and, if `planned`, a capacity plan and a force plan."""
    with service(db_url, example=example) as client:
        if planned:
            engine = engine_of(client)
            capacity.plan_capacity(UnitOfWork(engine), seconds=30, adopt=True)
            force.picture(UnitOfWork(engine), adopt=True)
        yield client


def log_in(client: TestClient, affiliation: str, roles: Iterable[str]) -> str:
    """Log the client in as a new user; its CSRF token, for forms that change something."""
    engine: Engine = engine_of(client)
    name = f"w{next(_numbers)}-{affiliation.lower()}"
    users.add_user(
        UnitOfWork(engine, actor="test"),
        username=name,
        affiliation=affiliation,
        roles=list(roles),
        oidc_subject=f"subject-{name}",
    )
    login = users.open_session(UnitOfWork(engine), name)
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, login.token)
    client.cookies.set(CSRF_COOKIE, login.csrf)
    return login.csrf
