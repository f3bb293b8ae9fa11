"""Refusals about who is asking, as finer kinds of `Forbidden` so every edge that maps the
core's errors still maps these (the API answers 401 and 429 for them, the CLI exit code 5)."""

from __future__ import annotations

from cadre.domain.errors import Forbidden


class NotAuthenticated(Forbidden):
    """No valid credentials came with the request."""

    default_code = "not_authenticated"


class Throttled(Forbidden):
    """Too many failed logins; the next attempt must wait."""

    default_code = "throttled"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, retry_after=retry_after)
        self.retry_after = retry_after
