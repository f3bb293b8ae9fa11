"""The demo as the web benchmark, the screenshots and the browser tests need it: a fresh
database in a folder of its own with the NATO Mission Iraq example planned (capacity, force,
the first year timetabled) and a demo account per role, served by uvicorn in a process of its
own on a free port (as `cadre demo` serves it)."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre.domain.training.certificates import Mark
from cadre.services.access.demo_accounts import DemoAccount, create_demo_accounts
from cadre.services.capacity import operations as capacity
from cadre.services.force import operations as force
from cadre.services.scenario import operations as scenarios
from cadre.services.scenario.demo import NMI_EXAMPLE
from cadre.services.system.database import open_database
from cadre.services.timetable import operations as schedule
from cadre.services.training import enrolment, results
from cadre.services.training import operations as training
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext


@dataclass(frozen=True)
class Demo:
    url: str
    accounts: dict[str, DemoAccount]
    mission: str
    database: str  # the server's database, for a caller that looks behind the pages


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: pathlib.Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {process.returncode}); {log}")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url} within 60 s; see {log}")


@contextmanager
def demo_server(folder: pathlib.Path, environment: Mapping[str, str] = {}) -> Iterator[Demo]:
    """The planned demo served from `folder`; `environment` adds to the server's settings."""
    url = f"sqlite:///{folder / 'cadre.db'}"
    with open_database(url) as engine:
        outcome = scenarios.import_file(UnitOfWork(engine), NMI_EXAMPLE)
        capacity.plan_capacity(UnitOfWork(engine), adopt=True)
        force.picture(UnitOfWork(engine), adopt=True)
        schedule.schedule(UnitOfWork(engine), seconds=10, adopt=True)  # the page shows a calendar
        accounts = {a.username: a for a in create_demo_accounts(UnitOfWork(engine))}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = folder / "server.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "cadre.server:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env={**os.environ, **environment, "CADRE_DATABASE_URL": url},
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    try:
        _wait_until_up(base, process, log_path)
        yield Demo(base, accounts, outcome.mission, url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def seat_trainees(work: UnitOfWork) -> str:
    """The demo has trainees on no run: seat three on the earliest, so its roster has rows."""
    run = min(mission_runs(work, "NMI").runs.values(), key=lambda r: (r.start, r.run)).run
    for number in ("901", "902", "903"):
        trainee = {
            "service": "IA",
            "service_number": number,
            "name_ar": "علي كاظم",
            "name_latin": f"Ali Kadhim {number}",
            "vetting_status": "cleared",
            "vetting_date": "2019-01-10",
            "vetting_authority": "MoD J2",
            "languages": {"ar": 5},
        }
        made = training.create_trainee(work, None, trainee).view.id
        enrolment.enrol(work, None, run, made, "NMI")
    return run


def certify_one(work: UnitOfWork, seated: str) -> tuple[int, str]:
    """The demo issues no certificate: one trainee attends and passes a run other than the
    `seated` one (whose roster stays as it is), and the run is closed. Their id and the
    certificate's number, for the trainee's and the certificate's pages."""
    runs = sorted(mission_runs(work, "NMI").runs.values(), key=lambda r: (r.start, r.run))
    seats = next(r for r in runs if r.run != seated)
    trainee = {
        "service": "IA",
        "service_number": "904",
        "name_ar": "حسين جبار",
        "name_latin": "Hussein Jabbar",
        "vetting_status": "cleared",
        "vetting_date": "2019-01-10",
        "vetting_authority": "MoD J2",
        "languages": {"ar": 5},
    }
    made = training.create_trainee(work, None, trainee).view.id
    enrolment.enrol(work, None, seats.run, made, "NMI")
    for day in seats.days:
        results.record_attendance(work, None, seats.run, day, {made: Mark.PRESENT}, "NMI")
    results.record_result(work, None, seats.run, made, 90, seats.end, "NMI")
    (number,) = results.close_run(work, None, seats.run, "NMI").issued
    return made, number


def signed_in(
    browser: Browser,
    url: str,
    account: DemoAccount | None,
    language: str,
    viewport: Mapping[str, int],
) -> BrowserContext:
    """A browser context reading `language`, signed in as `account` (none: signed out)."""
    context = browser.new_context(viewport=dict(viewport), device_scale_factor=1)  # type: ignore[arg-type]
    context.add_cookies([{"name": "cadre_lang", "value": language, "url": url}])
    if account is not None:
        page = context.new_page()
        page.goto(f"{url}/login")
        page.fill("#username", account.username)
        page.fill("#password", account.password)
        page.click("form.form button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.close()
    return context
