"""Optional OpenID Connect login (Authlib), for missions with an identity provider.

The provider says who someone is; Cadre still decides what they may do: the ID token's
subject must belong to a Cadre user added with `cadre user add --oidc SUBJECT` (with their
nation, roles and clearance), or the login is refused. Mounted only when configured.
"""

from __future__ import annotations

from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from starlette.middleware.sessions import SessionMiddleware

from cadre.access.errors import NotAuthenticated
from cadre.api.routes_session import set_session_cookies
from cadre.services.access import users
from cadre.services.system.settings import Settings
from cadre.services.unit_of_work import UnitOfWork


def install(app: FastAPI, settings: Settings) -> None:
    if not settings.oidc_enabled:
        return
    oauth = OAuth()
    oauth.register(
        "provider",
        server_metadata_url=settings.oidc_metadata_url,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        client_kwargs={"scope": settings.oidc_scope},
    )
    # Holds the login's state and nonce between the redirect and the callback only.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.state_secret,
        session_cookie="cadre_oidc_state",
        same_site="lax",  # the provider's redirect back is a cross-site navigation
        https_only=bool(settings.secure_cookies),
        max_age=600,
    )
    router = APIRouter(prefix="/api/v1/auth/oidc", tags=["session"], include_in_schema=False)

    @router.get("/login")
    async def login(request: Request) -> RedirectResponse:
        client = oauth.create_client("provider")
        redirect: RedirectResponse = await client.authorize_redirect(
            request, str(request.url_for("oidc_callback"))
        )
        return redirect

    @router.get("/callback", name="oidc_callback")
    async def callback(request: Request) -> RedirectResponse:
        client = oauth.create_client("provider")
        try:
            token = await client.authorize_access_token(request)
        except OAuthError as err:
            raise NotAuthenticated(f"the identity provider refused the login: {err.error}") from err
        subject = str((token.get("userinfo") or {}).get("sub") or "")
        if not subject:
            raise NotAuthenticated("the identity provider did not say who you are")
        work = UnitOfWork(request.app.state.engine)
        username = await run_in_threadpool(users.subject_user, work, subject)
        login = await run_in_threadpool(users.open_session, work, username)
        response = RedirectResponse("/", status_code=303)
        set_session_cookies(request, response, login)
        return response

    app.include_router(router)
