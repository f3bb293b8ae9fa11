"""A real server and a real browser: the demo as the benchmarks serve it (`bench/web_demo.py`:
uvicorn in a process of its own on a free port, over a fresh SQLite database with the NATO
Mission Iraq example planned and a demo account per role), and Debian's Chromium driven by
Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import pathlib
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from bench.web_demo import certify_one, demo_server, seat_trainees

from cadre.services.access.demo_accounts import DemoAccount
from cadre.services.system.database import open_database
from cadre.services.timetable import queries as schedule
from cadre.services.unit_of_work import UnitOfWork

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
    enrolled_run: str  # the earliest run of the timetable, with three trainees seated
    trainee: int  # one who passed another run, closed
    certificate: str  # the certificate that trainee holds


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    with (
        demo_server(folder, {"CADRE_JOB_WORKERS": "1"}) as demo,
        open_database(demo.database) as engine,
    ):
        timetable = schedule.load_timetable(UnitOfWork(engine))
        teams = Counter(
            timetable.problem.trainer(code).nation
            for placed in timetable.plan.result.solution.placed
            for code in placed.instructors
            if timetable.problem.trainer(code).nation != timetable.problem.host
        )
        seated = seat_trainees(UnitOfWork(engine))
        trainee, certificate = certify_one(UnitOfWork(engine), seated)
        nation = teams.most_common(1)[0][0]
        yield Server(demo.url, demo.accounts, nation, seated, trainee, certificate)


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
