"""The service's settings, read once from the environment (CADRE_*), so `cadre serve`, a
process manager, a worker and the tests configure it the same way."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from cadre.storage.database import database_url


def _flag(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None or value == "":
        return None
    return value.lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    database_url: str
    # None: cookies are Secure exactly when the request came over TLS (behind a proxy, run
    # uvicorn with --proxy-headers so it knows); True or False forces it.
    secure_cookies: bool | None = None
    job_workers: int = 2
    start_jobs: bool = True  # False: jobs wait in the table for another runner
    oidc_metadata_url: str | None = None  # the provider's .well-known/openid-configuration
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scope: str = "openid email profile"
    # Signs the short-lived OIDC login state; set it when several processes serve together.
    state_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Input hardening (docs/audit-and-hardening.md): API requests a minute per client (token,
    # session or address), and how long and how large a request body may be.
    api_requests_per_minute: int = 600
    body_seconds: float = 10.0
    body_max_bytes: int = 25 * 1024 * 1024

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_metadata_url and self.oidc_client_id)

    @classmethod
    def from_environment(cls) -> Settings:
        env = os.environ.get
        return cls(
            database_url=database_url(),
            secure_cookies=_flag("CADRE_SECURE_COOKIES"),
            job_workers=int(env("CADRE_JOB_WORKERS", "2")),
            start_jobs=_flag("CADRE_START_JOBS") is not False,
            oidc_metadata_url=env("CADRE_OIDC_METADATA_URL") or None,
            oidc_client_id=env("CADRE_OIDC_CLIENT_ID") or None,
            oidc_client_secret=env("CADRE_OIDC_CLIENT_SECRET") or None,
            oidc_scope=env("CADRE_OIDC_SCOPE", "openid email profile"),
            state_secret=env("CADRE_STATE_SECRET") or secrets.token_urlsafe(32),
            api_requests_per_minute=int(env("CADRE_API_REQUESTS_PER_MINUTE", "600")),
            body_seconds=float(env("CADRE_BODY_SECONDS", "10")),
            body_max_bytes=int(env("CADRE_BODY_MAX_BYTES", str(25 * 1024 * 1024))),
        )
