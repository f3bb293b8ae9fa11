"""The guards every request passes, over HTTP: nosniff on every answer, the login form's CSRF
token and its throttle's Retry-After, a slow body answered 408, and the API's rate limit."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from cadre.api.guards import BodyDeadline, RateLimit
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, person, service


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        yield client


def test_json_answers_pages_and_errors_all_say_nosniff(app: TestClient) -> None:
    planner = person(engine_of(app), "NATO", ["mission_planner"], username="nina")
    answers = [
        app.get("/api/v1/missions", headers=planner),
        app.get("/api/v1/missions/NOPE", headers=planner),
        app.get("/api/v1/missions"),  # 401
        app.get("/api/v1/openapi.json"),
        app.get("/login"),
    ]
    assert [a.headers.get("x-content-type-options") for a in answers] == ["nosniff"] * 5


def _form(app: TestClient) -> str:
    page = app.get("/login").text
    return page.split('name="csrf_token" value="')[1].split('"')[0]


def test_the_login_form_needs_the_token_its_page_gave(app: TestClient) -> None:
    users.add_user(
        UnitOfWork(engine_of(app), actor="test"),
        username="lina",
        affiliation="NATO",
        roles=["mission_planner"],
        password="a long enough password",
    )
    fields = {"username": "lina", "password": "a long enough password", "next": "/"}
    forged = app.post("/login", data=fields, follow_redirects=False)
    token = _form(app)
    done = app.post("/login", data=fields | {"csrf_token": token}, follow_redirects=False)
    assert (forged.status_code, done.status_code) == (403, 303)
    assert "cadre_session" not in forged.cookies


def test_too_many_failed_logins_answer_429_with_retry_after(app: TestClient) -> None:
    token = _form(app)
    fields = {"username": "nobody", "password": "wrong", "csrf_token": token}
    statuses = [app.post("/login", data=fields).status_code for _ in range(6)]
    last = app.post("/login", data=fields)
    assert statuses[:5] == [401] * 5
    assert last.status_code == 429
    assert int(last.headers["retry-after"]) > 0


def test_the_api_answers_429_with_retry_after_past_the_limit_per_principal(db_url: str) -> None:
    with service(db_url, api_requests_per_minute=5) as api:
        one = person(engine_of(api), "NATO", ["mission_planner"], username="olga")
        other = person(engine_of(api), "NATO", ["mission_planner"], username="omar")
        first = [api.get("/api/v1/missions", headers=one).status_code for _ in range(6)]
        theirs = api.get("/api/v1/missions", headers=other)
        limited = api.get("/api/v1/missions", headers=one)
        page = api.get("/login")
    assert first == [200] * 5 + [429]
    assert theirs.status_code == 200  # a limit per principal, not for everyone
    assert limited.json()["error"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert page.status_code == 200  # the pages are not the API


def test_the_rate_limit_frees_a_slot_as_the_minute_passes() -> None:
    now = [0.0]
    limit = RateLimit(lambda *_: asyncio.sleep(0), per_minute=2, clock=lambda: now[0])
    waits = [limit._wait("c") for _ in range(3)]
    now[0] = 59.5
    still = limit._wait("c")
    now[0] = 60.0
    assert (waits, still, limit._wait("c")) == ([0, 0, 60], 1, 0)


def test_a_body_slower_than_the_deadline_is_answered_408_without_reaching_the_app() -> None:
    reached: list[str] = []

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(scope["path"])

    async def trickle() -> Message:  # a byte at a time, for ever
        await asyncio.sleep(0.01)
        return {"type": "http.request", "body": b"x", "more_body": True}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    guard = BodyDeadline(application, seconds=0.05, max_bytes=1_000_000)
    scope: Scope = {"type": "http", "method": "POST", "path": "/api/v1/x", "headers": []}
    _run(guard(scope, trickle, send))
    assert (sent[0]["status"], reached) == (408, [])


def test_a_body_within_the_deadline_reaches_the_app_whole() -> None:
    bodies: list[bytes] = []

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        body, more = b"", True
        while more:
            message = await receive()
            body, more = body + message["body"], message["more_body"]
        bodies.append(body)

    parts = iter([b"ab", b"cd", b""])

    async def receive() -> Message:
        part = next(parts)
        return {"type": "http.request", "body": part, "more_body": bool(part)}

    async def send(message: Message) -> None:
        pass

    guard = BodyDeadline(application, seconds=5, max_bytes=1_000)
    _run(guard({"type": "http", "method": "POST", "path": "/"}, receive, send))
    assert bodies == [b"abcd"]


def _run(work: Coroutine[Any, Any, None]) -> None:
    """Run the guard in a thread of its own: other tests of the session (the browser's) may
    keep an event loop running in this one, where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, work).result()
