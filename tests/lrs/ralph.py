"""A real LRS for the xAPI tests: Ralph (5.1.0, its file-system backend) run from the venv
that tests/lrs/setup_ralph.sh makes, with an auth.json that `ralph auth` writes for a test
account, on a free port; stopped with its process group at the end. One LRS per test: Ralph's
file-system backend writes a POST into one file it creates, and refuses a second POST once
that file exists (so Cadre sends its outbox in batches of 500)."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

VENV = pathlib.Path(os.environ.get("CADRE_RALPH_VENV", "/tmp/cadre-ralph-5.1.0"))
USER, PASSWORD = "cadre", "test-only-password"
HOME = "https://cadre.invalid"


@dataclass(frozen=True)
class Ralph:
    url: str  # the xAPI endpoint

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS holds, following its `more` links."""
        found: list[dict[str, Any]] = []
        path = "/statements?limit=500"
        base = self.url.removesuffix("/xAPI")
        while path:
            page = _get(f"{base}{path}" if path.startswith("/xAPI") else f"{self.url}{path}")
            found += page["statements"]
            path = page.get("more") or ""
        return found


def _get(url: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"X-Experience-API-Version": "1.0.3"})
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        found: dict[str, Any] = json.load(answer)
        return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _missing() -> None:
    reason = f"Ralph is not installed in {VENV} (bash tests/lrs/setup_ralph.sh)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    binary = VENV / "bin" / "ralph"
    if not binary.exists():
        _missing()
    home = tmp_path_factory.mktemp("ralph")
    env = os.environ | {
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home / "data"),
    }
    account = ["-A", USER, HOME]
    subprocess.run(
        [binary, "auth", "-u", USER, "-p", PASSWORD, "-s", "all", *account, "-w"],
        env=env, cwd=home, check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    log = (home / "ralph.log").open("w")
    server = subprocess.Popen(
        [binary, "runserver", "-b", "fs", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/__heartbeat__", timeout=1):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        else:
            pytest.fail(f"Ralph did not start: {(home / 'ralph.log').read_text()[-2000:]}")
        yield Ralph(f"{url}/xAPI")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
