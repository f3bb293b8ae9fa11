"""OpenID Connect login against a small identity provider run by the test on the loopback:
the provider vouches for the subject, Cadre maps it to its own user (nation, roles)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from joserfc import jwk, jwt

from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, service

CLIENT_ID = "cadre-test"
KEY = jwk.RSAKey.generate_key(2048, parameters={"kid": "test-key"})


class Provider(BaseHTTPRequestHandler):
    nonce = ""
    subject = "idp|anna"

    def log_message(self, *_args: Any) -> None:  # keep the test output clean
        pass

    def _json(self, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/.well-known/openid-configuration"):
            self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "jwks_uri": f"{base}/jwks",
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            )
        elif self.path.startswith("/jwks"):
            self._json({"keys": [KEY.as_dict(private=False)]})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        now = int(time.time())
        claims = {
            "iss": base,
            "sub": Provider.subject,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": Provider.nonce,
        }
        token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, KEY)
        self._json({"access_token": "a", "token_type": "Bearer", "id_token": token})


@pytest.fixture
def provider() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def sign_in(api: TestClient) -> Any:
    start = api.get("/api/v1/auth/oidc/login", follow_redirects=False)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(start.headers["location"]).query)
    Provider.nonce = query["nonce"][0]
    return api.get(
        "/api/v1/auth/oidc/callback",
        params={"code": "c", "state": query["state"][0]},
        follow_redirects=False,
    )


def test_a_user_linked_to_the_providers_subject_gets_a_session(
    tmp_path: Any, provider: str
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    settings = {
        "oidc_metadata_url": f"{provider}/.well-known/openid-configuration",
        "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": "s",
    }
    with service(url, **settings) as api:
        users.add_user(
            UnitOfWork(engine_of(api), actor="t"),
            username="anna",
            affiliation="NATO",
            roles=["mission_planner"],
            oidc_subject="idp|anna",
        )
        Provider.subject = "idp|anna"
        signed_in = sign_in(api)
        me = api.get("/api/v1/me").json()
        api.cookies.clear()
        Provider.subject = "idp|stranger"
        stranger = sign_in(api)
    assert (signed_in.status_code, me["username"], me["roles"]) == (
        303,
        "anna",
        ["mission_planner"],
    )
    assert stranger.status_code == 401
    assert "no enabled Cadre user is linked to your identity" in stranger.json()["message"]
