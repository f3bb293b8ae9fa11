"""xAPI statements at scale: building and checking the statements of a mission's year (by
default 20,000 trainees, each enrolled in one 25-day run, present every day, assessed and
certified: 29 statements each, 580,000 in all), then the outbox's batches as JSON. Pure
interchange: no database, no LRS. Prints figures; asserts nothing.

    .venv/bin/python bench/xapi.py [--trainees 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cadre.interchange.xapi import Event, problems, statement  # noqa: E402

KEY, HOME = b"bench key", "https://cadre.invalid"
START = dt.datetime(2019, 3, 3, 8, tzinfo=dt.UTC)


def events_of(trainee: int) -> list[Event]:
    run, course = f"R-{trainee % 400:03d}", "CIED-101"
    days = [START + dt.timedelta(days=d) for d in range(25)]
    found = [Event("enrolled", "NMI", trainee, run, course, START - dt.timedelta(days=7))]
    found += [Event("attended", "NMI", trainee, run, course, d, detail=f"{d:%F}") for d in days]
    found += [
        Event("passed", "NMI", trainee, run, course, days[-1], score=82.5),
        Event("completed", "NMI", trainee, run, course, days[-1]),
        Event("certified", "NMI", trainee, run, course, days[-1], detail=f"NMI-{trainee:06d}"),
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20_000)
    args = parser.parse_args()
    events = [e for t in range(1, args.trainees + 1) for e in events_of(t)]
    began = time.perf_counter()
    made = [statement(e, home=HOME, key=KEY) for e in events]
    built = time.perf_counter() - began
    began = time.perf_counter()
    wrong = sum(1 for s in made if problems(s))
    checked = time.perf_counter() - began
    began = time.perf_counter()
    size = sum(len(json.dumps(made[i : i + 500]).encode()) for i in range(0, len(made), 500))
    encoded = time.perf_counter() - began
    print(f"statements       {len(made):>10,}  ({args.trainees:,} trainees)")
    print(f"built            {built:>10.2f} s  ({len(made) / built:,.0f} a second)")
    print(f"checked          {checked:>10.2f} s  ({wrong} refused)")
    print(
        f"batches as JSON  {encoded:>10.2f} s  ({size / 1e6:,.1f} MB, {len(made) // 500 + 1} POSTs)"
    )


if __name__ == "__main__":
    main()
