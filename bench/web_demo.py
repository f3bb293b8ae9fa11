"""The demo as the web benchmark and the screenshots need it: a fresh database in a folder of
its own with the NATO Mission Iraq example planned and a demo account per role, served by
uvicorn in a process of its own on a free port (as `cadre demo` serves it)."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cadre.services import capacity, force, scenarios, schedule
from cadre.services.database import open_database
from cadre.services.demo import NMI_EXAMPLE
from cadre.services.demo_accounts import DemoAccount, create_demo_accounts


@dataclass(frozen=True)
class Demo:
    url: str
    accounts: dict[str, DemoAccount]
    mission: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def demo_server(folder: pathlib.Path) -> Iterator[Demo]:
    url = f"sqlite:///{folder / 'cadre.db'}"
    with open_database(url) as engine:
        outcome = scenarios.import_file(engine, NMI_EXAMPLE)
        capacity.plan_capacity(engine)
        force.picture(engine)
        schedule.schedule(engine, seconds=10)  # the timetable page shows a calendar
        accounts = {a.username: a for a in create_demo_accounts(engine)}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
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
        env={**os.environ, "CADRE_DATABASE_URL": url},
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the server did not start; see {folder}/server.log"
                    ) from None
                time.sleep(0.2)
        yield Demo(base, accounts, outcome.mission)
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()
