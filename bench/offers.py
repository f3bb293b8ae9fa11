"""Benchmark of a sourcing round's offers: list a round of N offers for force generation staff
and for one nation, and answer one, on a real database (SQLite in a temporary folder unless
--url names another).

Run with `.venv/bin/python -m bench.offers [--offers 2000] [--url URL]`. It prints the time
to store the round, then min/median/max of listing it (all offers, and a nation's own) and of
answering one offer, over --repeat runs each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cadre.access.policy import Principal, Role
from cadre.domain.force.offers import Offer, OfferState, StateChange
from cadre.services.force import review
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import force_offers
from cadre.storage.database import make_engine, upgrade
from cadre.storage.scenarios import find_mission

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tiny.yaml"
OFFICER = Principal("fgo", "NATO", frozenset({Role.FORCE_GENERATION_OFFICER}))
SWEDEN = Principal("swe", "SWE", frozenset({Role.NATIONAL_CONTRIBUTOR}))
ROUND = "FSC-1"


def store_round(work: UnitOfWork, count: int) -> None:
    """`count` offers of Canada and Sweden, half each, against line SOR-001."""
    on = dt.date(2018, 10, 1)
    with work.transaction() as session:
        mission_id = find_mission(session, "TINY").id
        force_offers.ensure_round(session, mission_id, ROUND, on)
        now = dt.datetime.now(dt.UTC)
        for n in range(count):
            nation = ("CAN", "SWE")[n % 2]
            offer = Offer(
                code=f"{nation}-{ROUND}-R{n:05d}",
                nation=nation,
                count=1 + n % 4,
                start=dt.date(2019, 3, 1),
                end=dt.date(2019, 12, 31),
                tour_months=6,
                line="SOR-001",
                history=(StateChange(OfferState.OFFERED, on, ROUND, "from bench.xlsx"),),
                reference=f"R{n:05d}",
            )
            force_offers.store_offer(session, mission_id, offer, ROUND, "bench.xlsx", now)


def timed(repeat: int, run: Callable[[int], object]) -> str:
    seconds = []
    for i in range(repeat):
        started = time.perf_counter()
        run(i)
        seconds.append(time.perf_counter() - started)
    return (
        f"min {min(seconds) * 1000:.0f} ms, median {statistics.median(seconds) * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms over {repeat} runs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", help="a database URL (default: SQLite in a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cadre-bench-offers-") as folder:
        engine = make_engine(args.url or f"sqlite:///{folder}/cadre.db")
        upgrade(engine)
        work = UnitOfWork(engine, actor="bench")
        scenarios.import_file(work, EXAMPLE)
        started = time.perf_counter()
        store_round(work, args.offers)
        print(
            f"round        {args.offers:,} offers stored in {time.perf_counter() - started:.1f} s"
        )
        listed = review.round_offers(work, OFFICER, "TINY")
        own = review.round_offers(work, SWEDEN, "TINY")
        print(
            f"seen         staff {len(listed.offers):,}; Sweden {len(own.offers):,} (as released)"
        )
        print(
            "list, staff  "
            + timed(args.repeat, lambda _: review.round_offers(work, OFFICER, "TINY"))
        )
        print(
            "list, nation "
            + timed(args.repeat, lambda _: review.round_offers(work, SWEDEN, "TINY"))
        )
        codes = [o.code for o in listed.offers]
        print(
            "answer one   "
            + timed(
                args.repeat,
                lambda i: review.answer_offer(
                    work, OFFICER, "TINY", codes[i], "queried", "bench: a question"
                ),
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
