"""Guards every request passes, API and web pages alike, as plain ASGI middleware: answers say
what they are (nosniff), a body arrives within a deadline, and no one client floods the API.

Uvicorn has no deadline for reading a request's body (its timeouts are for idle keep-alive
connections), so a client that announces a large Content-Length and sends a byte a second
would hold a worker; the deadline is kept here instead.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cadre.access.sessions import SESSION_COOKIE
from cadre.api.errors import error_response


class Nosniff:
    """Every answer carries X-Content-Type-Options: nosniff, so no browser reads a JSON answer
    or a download as a script or a page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"x-content-type-options" for name, _ in headers):
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, marked)


class BodyDeadline:
    """Reads a request's whole body within `seconds` (and at most `max_bytes`) before the
    application sees it; a body slower than that is answered 408, a larger one 413."""

    def __init__(self, app: ASGIApp, seconds: float, max_bytes: int) -> None:
        self.app, self.seconds, self.max_bytes = app, seconds, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        try:
            async with asyncio.timeout(self.seconds):
                size, more = 0, True
                while more:
                    message = await receive()
                    messages.append(message)
                    if message["type"] != "http.request":
                        break
                    size += len(message.get("body", b""))
                    more = message.get("more_body", False)
                    if size > self.max_bytes:
                        answer = error_response(
                            413,
                            "too_large",
                            f"a request body may be at most {self.max_bytes:,} bytes",
                        )
                        await answer(scope, receive, send)
                        return
        except TimeoutError:
            answer = error_response(
                408, "request_timeout", f"the request body did not arrive within {self.seconds:g} s"
            )
            answer.headers["Connection"] = "close"
            await answer(scope, receive, send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


class RateLimit:
    """At most `per_minute` API requests a minute from one client: one bearer token, one
    session, or else one address. Counted in this process's memory, so each process of a
    service keeps its own count."""

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        prefix: str = "/api/",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app, self.per_minute, self.prefix, self.clock = app, per_minute, prefix, clock
        self.seen: dict[str, deque[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        wait = self._wait(_client(scope))
        if wait:
            answer = error_response(
                429, "rate_limited", f"too many requests; try again in {wait} seconds"
            )
            answer.headers["Retry-After"] = str(wait)
            await answer(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _wait(self, client: str) -> int:
        now = self.clock()
        times = self.seen.setdefault(client, deque())
        while times and now - times[0] >= 60:
            times.popleft()
        if len(times) >= self.per_minute:
            return max(1, math.ceil(60 - (now - times[0])))
        times.append(now)
        if len(self.seen) > 10_000:  # forget clients that have gone quiet
            self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] < 60}
        return 0


def _client(scope: Scope) -> str:
    """Who is asking, without a database read: a digest of the credential, else the address."""
    headers = dict(scope.get("headers", []))
    credential = headers.get(b"authorization", b"")
    if not credential:
        for part in headers.get(b"cookie", b"").split(b";"):
            name, _, value = part.strip().partition(b"=")
            if name == SESSION_COOKIE.encode():
                credential = value
    if credential:
        return "credential:" + hashlib.sha256(credential).hexdigest()
    address = scope.get("client") or ("unknown", 0)
    return f"address:{address[0]}"
