"""Who is asking, for the web pages: the session cookie, whose unsafe requests must carry the
session's CSRF token (a hidden form field or the header our own script sends). The rules are
`access.sessions`; the API applies the same rules for its own clients."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from starlette.responses import Response

from cadre.access import secrets
from cadre.access.errors import NotAuthenticated
from cadre.access.policy import Principal
from cadre.access.sessions import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    FORM_TYPES,
    LOGIN_COOKIE,
    LOGIN_FORM_MINUTES,
    SESSION_COOKIE,
    cookie_attributes,
    csrf_holds,
    needs_csrf,
)
from cadre.domain.errors import Forbidden
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork


async def _engine(request: Request) -> Engine:
    # async: a plain lookup, so FastAPI need not send it to a worker thread on every request
    engine: Engine = request.app.state.engine
    return engine


Database = Annotated[Engine, Depends(_engine)]


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


async def current_principal(request: Request) -> Principal:
    cookie = session_token(request)
    if not cookie:
        raise NotAuthenticated("log in first")
    principal = await run_in_threadpool(
        users.authenticate, UnitOfWork(request.app.state.engine), cookie
    )
    if needs_csrf(request.method):
        offered = request.headers.get(CSRF_HEADER)
        if offered is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
            offered = str((await request.form()).get(CSRF_FIELD) or "")
        if not csrf_holds(cookie, offered):
            raise Forbidden(
                "this request lacks the session's CSRF token; reload the page and try again"
            )
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def _secure(request: Request) -> bool:
    forced: bool | None = request.app.state.settings.secure_cookies
    return forced if forced is not None else request.url.scheme == "https"


def set_session_cookies(request: Request, response: Response, login: users.Login) -> None:
    common = cookie_attributes(_secure(request))
    response.set_cookie(SESSION_COOKIE, login.token, httponly=True, **common)  # type: ignore[arg-type]
    response.set_cookie(CSRF_COOKIE, login.csrf, httponly=False, **common)  # type: ignore[arg-type]


def login_form_token(request: Request, response: Response) -> str:
    """The login form's CSRF token, from the form's own cookie (set here when missing)."""
    cookie = request.cookies.get(LOGIN_COOKIE) or secrets.new_token()
    response.set_cookie(
        LOGIN_COOKIE,
        cookie,
        httponly=True,
        **cookie_attributes(_secure(request)) | {"max_age": LOGIN_FORM_MINUTES * 60},  # type: ignore[arg-type]
    )
    return secrets.csrf_token(cookie)


def login_form_holds(request: Request, offered: str) -> bool:
    cookie = request.cookies.get(LOGIN_COOKIE)
    return bool(cookie) and csrf_holds(cookie or "", offered)


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


async def _work(request: Request, principal: CurrentPrincipal) -> UnitOfWork:
    """The request's unit of work: the service's database, acting for the principal."""
    engine: Engine = request.app.state.engine
    return UnitOfWork(engine, actor=principal.username)


Work = Annotated[UnitOfWork, Depends(_work)]
