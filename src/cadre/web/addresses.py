"""A page's address holding a control character (`%00`, say) answers a 400 page in the
reader's language, as other unreadable values of an address do; the API's own addresses keep
their JSON refusal (api/errors.py `PlainAddresses`), which this passes them on to."""

from __future__ import annotations

from urllib.parse import unquote

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from cadre.web import i18n
from cadre.web.messages import N_
from cadre.web.routing import error_page

CONTROL = N_(
    "The address holds a control character (an invisible character such as a null byte), "
    "which no address of Cadre has; remove it and try again."
)
API = "/api/"


def holds_control_character(scope: Scope) -> bool:
    text = unquote(scope.get("raw_path", b"").decode("latin-1")) + unquote(
        scope.get("query_string", b"").decode("latin-1")
    )
    return any(ch < " " or ch == "\x7f" for ch in text)


class PlainPageAddresses:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and not scope.get("path", "").startswith(API)
            and holds_control_character(scope)
        ):
            # The page names its own address (the language switch comes back to it): as sent,
            # still percent-encoded, so no control character lands in the page.
            raw = scope.get("raw_path", b"").decode("latin-1")
            request = Request({**scope, "path": raw or scope["path"]}, receive)
            token = i18n.current.set(i18n.language_of(request))
            try:
                response = error_page(request, 400, i18n.gettext_(CONTROL))
            finally:
                i18n.current.reset(token)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
