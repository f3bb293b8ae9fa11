"""A real server and a real browser: uvicorn in a process of its own on a free port, over a
fresh SQLite database with the NATO Mission Iraq example planned and a demo account per role,
and Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cadre.services import capacity, force, scenarios, schedule
from cadre.services.database import open_database
from cadre.services.demo_accounts import DemoAccount, create_demo_accounts
from tests.conftest import EXAMPLES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Server:
    url: str
    accounts: dict[str, DemoAccount]
    busiest_nation: str  # the nation with most places in the first timetable's teams


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'cadre.db'}"
    with open_database(url) as engine:
        scenarios.import_file(engine, EXAMPLES / "nmi-2018.yaml")
        capacity.plan_capacity(engine)
        force.picture(engine)
        timetable = schedule.schedule(engine, seconds=10)  # the timetable page shows a calendar
        teams = Counter(
            timetable.problem.trainer(code).nation
            for placed in timetable.plan.result.timetable.placed
            for code in placed.instructors
            if timetable.problem.trainer(code).nation != timetable.problem.host
        )
        accounts = {a.username: a for a in create_demo_accounts(engine)}
    port = free_port()
    environment = {**os.environ, "CADRE_DATABASE_URL": url, "CADRE_JOB_WORKERS": "1"}
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "cadre.api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield Server(base, accounts, teams.most_common(1)[0][0])
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if shutil.which("chromium") is None and not pathlib.Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's Chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
