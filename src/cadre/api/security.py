"""Who is asking: a bearer token (API clients, the CLI) or the web session cookie, whose
unsafe requests must also carry the session's CSRF token. Every route that needs a principal
takes `CurrentPrincipal`; nothing else reads credentials."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from cadre.access.errors import NotAuthenticated
from cadre.access.policy import Principal
from cadre.access.sessions import (
    CSRF_FIELD,
    CSRF_HEADER,
    FORM_TYPES,
    SESSION_COOKIE,
    csrf_holds,
    needs_csrf,
)
from cadre.domain.errors import Forbidden
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="A token from `cadre token USER` or POST /api/v1/tokens.",
)
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description="The web session from POST /api/v1/session. POST, PUT and DELETE requests "
    f"with it also need the session's CSRF token: the {CSRF_HEADER} header or a "
    f"{CSRF_FIELD} form field.",
)


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def _engine(request: Request) -> Engine:
    # async: a plain lookup, so FastAPI need not send it to a worker thread on every request
    return engine_of(request)


Database = Annotated[Engine, Depends(_engine)]


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> Principal:
    engine = engine_of(request)
    if credentials is not None:
        return await run_in_threadpool(
            users.authenticate, UnitOfWork(engine), credentials.credentials
        )
    if cookie:
        principal = await run_in_threadpool(users.authenticate, UnitOfWork(engine), cookie)
        if needs_csrf(request.method):
            offered = request.headers.get(CSRF_HEADER)
            if offered is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
                offered = str((await request.form()).get(CSRF_FIELD) or "")
            if not csrf_holds(cookie, offered):
                raise Forbidden(
                    "this request lacks the session's CSRF token; reload the page and try again"
                )
        return principal
    raise NotAuthenticated(
        "log in first: send a bearer token (Authorization: Bearer ...) or the session cookie"
    )


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def _work(request: Request, principal: CurrentPrincipal) -> UnitOfWork:
    """The request's unit of work: the service's database, acting for the principal."""
    engine: Engine = request.app.state.engine
    return UnitOfWork(engine, actor=principal.username)


Work = Annotated[UnitOfWork, Depends(_work)]
