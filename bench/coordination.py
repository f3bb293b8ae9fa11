"""The coordination register at scale: 50,000 activities of 40 actors in the 18 governorates
over a year, imported from one HXL table through libhxl (all or nothing), gaps computed against
the host's needs, and the map page served warm, as the operator and as a NATO planner whose
view is filtered by releasability. Targets: import and gaps within 30 s; the map page within
300 ms.

    make bench-coordination   # or: .venv/bin/python bench/coordination.py --lines 50000
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import random
import statistics
import sys
import tempfile
import time

from fastapi.testclient import TestClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cadre.access.policy import Principal, Role  # noqa: E402
from cadre.access.sessions import CSRF_COOKIE, SESSION_COOKIE  # noqa: E402
from cadre.domain.coordination.activities import Need  # noqa: E402
from cadre.domain.coordination.places import GOVERNORATES  # noqa: E402
from cadre.interchange.coordination.hxl_columns import ACTIVITY_FIELDS  # noqa: E402
from cadre.interchange.coordination.hxl_write import needs_table, to_bytes  # noqa: E402
from cadre.server import create_app  # noqa: E402
from cadre.services.access import users  # noqa: E402
from cadre.services.coordination import operations, queries  # noqa: E402
from cadre.services.scenario import operations as scenarios  # noqa: E402
from cadre.services.system.settings import Settings  # noqa: E402
from cadre.services.unit_of_work import UnitOfWork  # noqa: E402
from cadre.storage.database import make_engine, upgrade  # noqa: E402

IMPORT_AND_GAPS_TARGET_S = 30.0
MAP_TARGET_MS = 300.0
DISCIPLINES = ("CIED", "EOD", "MED", "LOG", "AVM", "CIMIC", "DEDU")
RELEASES = ("NATO, HOST", "UN, HOST", "EU, NATO", "MISSION", "CJTF-OIR, NATO, HOST")


def register_csv(lines: int, seed: int) -> bytes:
    """A year's register of `lines` activities, as an HXL-tagged CSV file."""
    rng = random.Random(seed)
    actors = [f"ORG{i:02d}" for i in range(40)]
    rows = [[f.header for f in ACTIVITY_FIELDS], [str(f.tag) for f in ACTIVITY_FIELDS]]
    for n in range(lines):
        start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(330))
        end = start + dt.timedelta(days=rng.choice((4, 20, 34, 60, 90)))
        place = rng.choice(GOVERNORATES)
        status = rng.choice(("planned", "ongoing", "completed"))
        cells = {
            "code": f"B-{n:06d}",
            "organisation": rng.choice(actors),
            "organisation_type": rng.choice(("coalition", "un", "eu", "bilateral", "host")),
            "discipline": rng.choice(DISCIPLINES),
            "activity_type": rng.choice(("training", "advising", "equipping")),
            "beneficiary": f"Unit {rng.randrange(300)}",
            "governorate": place.pcode,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "status": status,
            "planned": str(rng.randrange(10, 200)),
            "reached": "" if status == "planned" else str(rng.randrange(5, 150)),
            "releasable_to": rng.choice(RELEASES),
        }
        rows.append([cells.get(f.name, "") for f in ACTIVITY_FIELDS])
    return to_bytes(rows, "csv")


def needs_csv(lines: int, seed: int) -> bytes:
    """The host's needs in every cell, around what the lines cover (so some cells fall short)."""
    rng = random.Random(seed)
    per_cell = lines * 100 // (len(GOVERNORATES) * len(DISCIPLINES))
    needs = [
        Need(
            g.pcode,
            d,
            rng.randrange(per_cell // 4, per_cell * 2),
            "IRQ",
            releasable_to=("MISSION",),
        )
        for g in GOVERNORATES
        for d in DISCIPLINES
    ]
    return to_bytes(needs_table(needs), "csv")


def timed(what: str, work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"  {what:<44} {seconds:8.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=20, help="map page requests timed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        scenarios.import_file(UnitOfWork(engine), ROOT / "examples" / "nmi-2018.yaml")
        uow = UnitOfWork(engine, actor="bench")
        data = register_csv(args.lines, args.seed)
        print(f"Coordination register: {args.lines:,} activities, {len(data) / 1e6:.1f} MB of CSV")
        operations.import_table(uow, None, needs_csv(args.lines, args.seed), "needs.csv")
        outcome, imported = timed(
            "import (libhxl read, checks, store)",
            lambda: operations.import_table(uow, None, data, "register.csv"),
        )
        gaps, gapped = timed("gaps (operator: every line)", lambda: queries.gaps(uow, None))
        planner_users(engine)
        planner = Principal("bench-planner", "NATO", frozenset({Role.MISSION_PLANNER}))
        planner_gaps, _ = timed(
            "gaps (NATO planner: released lines)", lambda: queries.gaps(uow, planner)
        )
        total = imported + gapped
        verdict = "within" if total <= IMPORT_AND_GAPS_TARGET_S else "OVER"
        print(
            f"  import + gaps: {total:.2f} s ({verdict} the {IMPORT_AND_GAPS_TARGET_S:.0f} s "
            f"target); {outcome.activities:,} lines stored, {len(gaps)} gaps for the operator, "
            f"{len(planner_gaps)} for the planner"
        )
        engine.dispose()
        map_page(url, args.rounds)


def planner_users(engine) -> None:  # type: ignore[no-untyped-def]
    users.add_user(
        UnitOfWork(engine, actor="bench"),
        username="bench-planner",
        affiliation="NATO",
        roles=["mission_planner"],
        oidc_subject="bench-planner",
    )


def map_page(url: str, rounds: int) -> None:
    app = create_app(Settings(database_url=url, start_jobs=False))
    with TestClient(app) as client:
        login = users.open_session(UnitOfWork(client.app.state.engine), "bench-planner")  # type: ignore[attr-defined]
        client.cookies.set(SESSION_COOKIE, login.token)
        client.cookies.set(CSRF_COOKIE, login.csrf)
        for label, query in (
            ("map page, whole year", ""),
            ("map page, one month", "?month=2019-06"),
            ("map page, one discipline, by gaps", "?discipline=CIED&metric=gaps"),
        ):
            address = f"/missions/NMI/coordination{query}"
            first = client.get(address)
            assert first.status_code == 200, first.text[:300]
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                client.get(address)
                times.append((time.perf_counter() - started) * 1000)
            p50 = statistics.median(times)
            p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
            verdict = "within" if p95 <= MAP_TARGET_MS else "OVER"
            print(
                f"  {label:<44} p50 {p50:6.0f} ms, p95 {p95:6.0f} ms, slowest "
                f"{max(times):6.0f} ms ({verdict} {MAP_TARGET_MS:.0f} ms)"
            )


if __name__ == "__main__":
    main()
