"""Logging in and out with the web session, who am I, and bearer tokens for oneself."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from cadre.access.policy import Principal, actions
from cadre.access.sessions import CSRF_COOKIE, SESSION_COOKIE, cookie_attributes
from cadre.api.errors import RESPONSES
from cadre.api.schemas import LoginIn, MeOut, SessionOut, TokenIn, TokenOut
from cadre.api.security import CurrentPrincipal, Database, Work, session_cookie
from cadre.domain.errors import InvalidInput
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork

router = APIRouter(tags=["session"])


def _me(principal: Principal) -> MeOut:
    return MeOut(
        username=principal.username,
        affiliation=principal.affiliation,
        roles=sorted(r.value for r in principal.roles),
        clearance=principal.clearance.value,
        actions=actions(principal.roles),
    )


async def _credentials(request: Request) -> LoginIn:
    """The login as JSON or as a form (the web page posts one)."""
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form: FormData = await request.form()
        try:
            return LoginIn(username=str(form.get("username")), password=str(form.get("password")))
        except ValueError as err:
            raise InvalidInput("give a username and a password") from err
    try:
        return LoginIn.model_validate_json(await request.body())
    except ValueError as err:
        raise InvalidInput("give a username and a password as JSON or as a form") from err


def secure(request: Request) -> bool:
    forced: bool | None = request.app.state.settings.secure_cookies
    return forced if forced is not None else request.url.scheme == "https"


def set_session_cookies(request: Request, response: Response, login: users.Login) -> None:
    """HttpOnly session cookie (scripts cannot read it), SameSite=Strict (no other site's
    page sends it), Secure over TLS; the CSRF token beside it is readable by our own page."""
    common = cookie_attributes(secure(request))
    response.set_cookie(SESSION_COOKIE, login.token, httponly=True, **common)  # type: ignore[arg-type]
    response.set_cookie(CSRF_COOKIE, login.csrf, httponly=False, **common)  # type: ignore[arg-type]


@router.post(
    "/session",
    response_model=SessionOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": LoginIn.model_json_schema()},
                "application/x-www-form-urlencoded": {"schema": LoginIn.model_json_schema()},
            },
        }
    },
    responses={401: RESPONSES[401], 422: RESPONSES[422], 429: RESPONSES[429]},
)
async def log_in(request: Request, response: Response, engine: Database) -> SessionOut:
    """Log in with a name and password: sets the session cookie, returns the CSRF token."""
    credentials = await _credentials(request)
    address = request.client.host if request.client else "unknown"
    login = await run_in_threadpool(
        users.login, UnitOfWork(engine), credentials.username, credentials.password, address
    )
    set_session_cookies(request, response, login)
    me = _me(login.principal).model_dump()
    return SessionOut(**me, csrf_token=login.csrf, expires_at=login.expires_at)


@router.delete(
    "/session",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={401: RESPONSES[401], 403: RESPONSES[403]},
)
def log_out(
    _principal: CurrentPrincipal,
    work: Work,
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> Response:
    """End the web session."""
    if cookie:
        users.logout(work, cookie)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.get("/me", response_model=MeOut, responses={401: RESPONSES[401]})
def me(principal: CurrentPrincipal) -> MeOut:
    """Who the service takes you for, and every action your roles allow."""
    return _me(principal)


@router.post(
    "/tokens",
    response_model=TokenOut,
    status_code=status.HTTP_201_CREATED,
    responses={401: RESPONSES[401], 403: RESPONSES[403], 422: RESPONSES[422]},
)
def issue_token(body: TokenIn, principal: CurrentPrincipal, work: Work) -> TokenOut:
    """A bearer token for yourself (for scripts and the CLI), shown once."""
    token = users.issue_token(work, principal.username, name=body.name, days=body.days)
    return TokenOut(token=token, expires_in_days=body.days)
