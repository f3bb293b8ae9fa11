"""Trainees at scale: 20,000 generated host personnel (names drawn as the NMI example's are,
with some entered twice) imported from one CSV file, all or nothing, likely duplicates
flagged across the whole roster; then a name searched in another spelling, warm. With
--marks (the NMI example planned and timetabled first, its runs filled by direct inserts):
200,000 attendance marks imported through the bulk path (all checked, all or nothing), the
course director's roster of the fullest run and the certificates expiring within 90 days
by school and discipline, each read 30 times warm (p95). Targets (issue 16): the imports
within 60 s, the pages' p95 within 100 ms. Prints figures; asserts nothing.

    make bench-training   # or: .venv/bin/python bench/training.py --trainees 20000 [--url URL]
    .venv/bin/python bench/training.py --marks 200000 --url postgresql+psycopg://…
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import random
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import datetime as dt  # noqa: E402

from sqlalchemy import insert, select  # noqa: E402

from cadre.domain.training.certificates import Mark  # noqa: E402
from cadre.services.capacity import operations as capacity  # noqa: E402
from cadre.services.force import operations as force  # noqa: E402
from cadre.services.scenario import operations as scenarios  # noqa: E402
from cadre.services.timetable import operations as timetable  # noqa: E402
from cadre.services.training import attendance, queries, roster_sheets, trainee_import  # noqa: E402
from cadre.services.training.runs import mission_runs  # noqa: E402
from cadre.services.unit_of_work import UnitOfWork  # noqa: E402
from cadre.storage.database import make_engine, upgrade  # noqa: E402
from cadre.storage.scenarios import find_mission  # noqa: E402
from cadre.storage.training import CertificateRow, EnrolmentRow, TraineeRow  # noqa: E402

IMPORT_TARGET_S = 60.0
PAGE_TARGET_MS = 100.0
MARKS = (Mark.PRESENT,) * 8 + (Mark.ABSENT, Mark.EXCUSED)
_spec = importlib.util.spec_from_file_location(
    "generate", ROOT / "examples" / "trainees" / "generate.py"
)
assert _spec is not None
assert _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20_000)
    parser.add_argument("--url", help="A database URL; default: a new SQLite file.")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--marks", type=int, default=0, help="Attendance marks to import (200000); 0: none."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.url or f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        work = UnitOfWork(engine, actor="bench")
        scenarios.import_file(work, ROOT / "examples" / "nmi-2018.yaml")
        if args.marks:
            capacity.plan_capacity(work, adopt=True)
            force.picture(work, adopt=True)
            timetable.schedule(work, seconds=10, adopt=True)
        data = generate.many(args.trainees, args.seed)
        began = time.perf_counter()
        done = trainee_import.import_trainees(work, None, data, "roster.csv")
        took = time.perf_counter() - began
        searches = []
        for _ in range(20):
            began = time.perf_counter()
            found = queries.list_trainees(work, None, q="Muhammad al-Juburi")
            searches.append((time.perf_counter() - began) * 1000)
        print(f"database            {engine.dialect.name}")
        print(f"file                {len(data) / 1e6:.1f} MB, {done.created:,} trainees")
        print(f"import              {took:.1f} s (target {IMPORT_TARGET_S:.0f} s)")
        print(f"likely duplicates   {done.duplicates:,} flagged")
        print(
            f"search 'Muhammad al-Juburi'  {found.total:,} found; median "
            f"{statistics.median(searches):.0f} ms, max {max(searches):.0f} ms"
        )
        if args.marks:
            records(work, args.marks, random.Random(args.seed))
        engine.dispose()


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


def timed(call: object, repeat: int = 30) -> list[float]:
    assert callable(call)
    call()  # warm
    found = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        found.append((time.perf_counter() - began) * 1000)
    return found


def records(work: UnitOfWork, count: int, rng: random.Random) -> None:
    """Seat every trainee on a run (direct inserts: the bench measures the marks, not the
    enrolment rules), import `count` marks over their teaching days, then time the roster
    and the expiring certificates."""
    runs = sorted(mission_runs(work, None).runs.values(), key=lambda r: r.run)
    now = dt.datetime.now(dt.UTC)
    with work.transaction() as session:
        mission = find_mission(session)
        trainees = list(
            session.scalars(select(TraineeRow.id).where(TraineeRow.mission_id == mission.id))
        )
        seats = [
            {
                "mission_id": mission.id, "trainee_id": t, "run": r.run, "course": r.course,
                "site": r.site, "start_date": r.start, "end_date": r.end, "standing": "enrolled",
                "asked_at": now, "score": None, "assessed_on": None,
            }
            for i, t in enumerate(trainees)
            for r in (runs[i % len(runs)],)
        ]  # fmt: skip
        session.execute(insert(EnrolmentRow), seats)
        first = dt.date(2019, 1, 1)
        certificates = [
            {
                "mission_id": mission.id, "number": f"{mission.code}-B-{i:06d}",
                "trainee_id": s["trainee_id"], "course": s["course"], "run": s["run"],
                "site": s["site"], "discipline": str(s["course"]).split("-")[0], "issued": first,
                "expires": first + dt.timedelta(days=rng.randrange(1, 1100)),
                "revoked_on": None, "reason": "",
            }
            for i, s in enumerate(seats)
        ]  # fmt: skip
        session.execute(insert(CertificateRow), certificates)
    marks = []
    for seat in seats:
        run = next(r for r in runs if r.run == seat["run"])
        marks += [
            attendance.AttendanceMark(int(str(seat["trainee_id"])), run.run, day, rng.choice(MARKS))
            for day in run.days
        ]
    marks = marks[:count]
    began = time.perf_counter()
    stored = attendance.import_attendance(work, None, marks, source="bench")
    took = time.perf_counter() - began
    print(f"attendance import   {stored:,} marks over {len(seats):,} seats on {len(runs)} runs: "
          f"{took:.1f} s (target {IMPORT_TARGET_S:.0f} s)")  # fmt: skip
    fullest = max(runs, key=lambda r: len(r.days))
    roster = timed(lambda: roster_sheets.director_roster(work, None, fullest.run))
    lines = len(roster_sheets.director_roster(work, None, fullest.run).sheet.lines)
    print(f"roster page         run {fullest.run}: {lines} trainees x {len(fullest.days)} days; "
          f"p95 {p95(roster):.0f} ms, median {statistics.median(roster):.0f} ms "
          f"(target {PAGE_TARGET_MS:.0f} ms)")  # fmt: skip
    school, discipline = fullest.site, fullest.course.split("-")[0]
    today = dt.date(2020, 6, 1)
    soon = timed(lambda: queries.expiring_certificates(
        work, None, 90, today=today, school=school, discipline=discipline))  # fmt: skip
    every = timed(lambda: queries.expiring_certificates(work, None, 90, today=today))
    found = len(queries.expiring_certificates(work, None, 90, today=today))
    print(f"expiring (90 days)  {len(certificates):,} certificates, {found:,} expiring; "
          f"one school and discipline p95 {p95(soon):.0f} ms; all p95 {p95(every):.0f} ms "
          f"(target {PAGE_TARGET_MS:.0f} ms)")  # fmt: skip


if __name__ == "__main__":
    main()
