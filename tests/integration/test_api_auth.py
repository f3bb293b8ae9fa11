"""Logging in: passwords, the session cookie and its CSRF token, throttling, bearer tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, service

PASSWORD = "four words make a password"


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        users.add_user(
            UnitOfWork(engine_of(client), actor="test"),
            username="nora",
            affiliation="NATO",
            roles=["force_generation_officer"],
            password=PASSWORD,
        )
        yield client


def test_a_login_sets_an_httponly_strict_session_cookie_and_returns_the_csrf_token(
    api: TestClient,
) -> None:
    response = api.post("/api/v1/session", json={"username": "nora", "password": PASSWORD})
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("cadre_session="))
    csrf = next(c for c in cookies if c.startswith("cadre_csrf="))
    assert response.status_code == 200
    assert response.json()["csrf_token"] == csrf.split(";")[0].split("=")[1]
    assert ["HttpOnly" in session, "SameSite=strict" in session, "Secure" in session] == [
        True,
        True,
        False,
    ]
    assert "HttpOnly" not in csrf
    assert api.get("/api/v1/me").json()["username"] == "nora"


def test_cookies_are_secure_when_served_over_tls(db_url: str) -> None:
    with service(db_url) as plain:
        users.add_user(
            UnitOfWork(engine_of(plain), actor="t"),
            username="ines",
            affiliation="NATO",
            roles=["auditor"],
            password=PASSWORD,
        )
        tls = TestClient(plain.app, base_url="https://cadre.example")
        response = tls.post("/api/v1/session", json={"username": "ines", "password": PASSWORD})
    assert all("Secure" in c for c in response.headers.get_list("set-cookie"))


def test_a_form_login_works_too(api: TestClient) -> None:
    response = api.post("/api/v1/session", data={"username": "nora", "password": PASSWORD})
    assert response.status_code == 200


def test_a_cookie_write_needs_the_sessions_csrf_token(api: TestClient) -> None:
    csrf = api.post("/api/v1/session", json={"username": "nora", "password": PASSWORD}).json()[
        "csrf_token"
    ]
    read = api.get("/api/v1/missions/TINY/pledges/P-CAN-1").json()
    path, body = "/api/v1/missions/TINY/pledges/P-CAN-1", read["data"] | {"count": 3}
    without = api.put(path, headers={"If-Match": read["etag"]}, json=body)
    forged = api.put(path, headers={"If-Match": read["etag"], "X-CSRF-Token": "0" * 64}, json=body)
    with_token = api.put(path, headers={"If-Match": read["etag"], "X-CSRF-Token": csrf}, json=body)
    assert [r.status_code for r in (without, forged, with_token)] == [403, 403, 200]
    assert without.json()["message"] == (
        "this request lacks the session's CSRF token; reload the page and try again"
    )


def test_repeated_failed_logins_are_throttled_even_for_the_right_password(
    api: TestClient,
) -> None:
    wrong = [
        api.post("/api/v1/session", json={"username": "nora", "password": f"guess number {i}"})
        for i in range(5)
    ]
    right = api.post("/api/v1/session", json={"username": "nora", "password": PASSWORD})
    assert [r.status_code for r in wrong] == [401] * 5
    assert right.status_code == 429
    assert 800 < int(right.headers["Retry-After"]) <= 900
    assert right.json()["message"].startswith("too many failed logins; try again in ")


def test_an_unknown_name_and_a_wrong_password_get_the_same_answer(api: TestClient) -> None:
    unknown = api.post("/api/v1/session", json={"username": "nobody", "password": PASSWORD})
    wrong = api.post("/api/v1/session", json={"username": "nora", "password": "not it at all"})
    assert unknown.json() == wrong.json()


def test_logging_out_ends_the_session(api: TestClient) -> None:
    csrf = api.post("/api/v1/session", json={"username": "nora", "password": PASSWORD}).json()[
        "csrf_token"
    ]
    session = api.cookies["cadre_session"]
    assert api.delete("/api/v1/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    api.cookies.set("cadre_session", session)  # a copy kept by whoever stole it
    assert api.get("/api/v1/me").status_code == 401


def test_a_disabled_users_tokens_stop_working_at_once(api: TestClient) -> None:
    token = users.issue_token(UnitOfWork(engine_of(api), actor="test"), "nora")
    headers = {"Authorization": f"Bearer {token}"}
    before = api.get("/api/v1/me", headers=headers).status_code
    users.disable_user(UnitOfWork(engine_of(api), actor="test"), "nora")
    after = api.get("/api/v1/me", headers=headers)
    login = api.post("/api/v1/session", json={"username": "nora", "password": PASSWORD})
    assert (before, after.status_code, login.status_code) == (200, 401, 401)


def test_a_user_issues_a_bearer_token_for_themselves(api: TestClient) -> None:
    token = users.issue_token(UnitOfWork(engine_of(api), actor="test"), "nora")
    issued = api.post(
        "/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}, json={"name": "script"}
    )
    again = api.get("/api/v1/me", headers={"Authorization": f"Bearer {issued.json()['token']}"})
    assert (issued.status_code, again.json()["username"]) == (201, "nora")
