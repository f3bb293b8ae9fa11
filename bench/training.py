"""Trainees at scale: 20,000 generated host personnel (names drawn as the NMI example's are,
with some entered twice) imported from one CSV file, all or nothing, likely duplicates
flagged across the whole roster; then a name searched in another spelling, warm. Target:
the import within 60 s (issue 16). Prints figures; asserts nothing.

    make bench-training   # or: .venv/bin/python bench/training.py --trainees 20000 [--url URL]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import pathlib
import random
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cadre.interchange.trainees import COLUMNS  # noqa: E402
from cadre.services.scenario import operations as scenarios  # noqa: E402
from cadre.services.training import operations, queries  # noqa: E402
from cadre.services.unit_of_work import UnitOfWork  # noqa: E402
from cadre.storage.database import make_engine, upgrade  # noqa: E402

IMPORT_TARGET_S = 60.0
_spec = importlib.util.spec_from_file_location(
    "generate", ROOT / "examples" / "trainees" / "generate.py"
)
assert _spec is not None
assert _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def roster_csv(count: int, seed: int) -> bytes:
    rng = random.Random(seed)
    numbers = rng.sample(range(10_000_000, 99_999_999), count)
    people = [generate.person(rng, n) for n in numbers]
    twice = [generate.entered_again(rng, p) for p in rng.sample(people, count // 100)]
    taken = {(p["service"], p["service_number"]) for p in people}
    people += [p for p in twice if (p["service"], p["service_number"]) not in taken]
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(people)
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=20_000)
    parser.add_argument("--url", help="A database URL; default: a new SQLite file.")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.url or f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        work = UnitOfWork(engine, actor="bench")
        scenarios.import_file(work, ROOT / "examples" / "nmi-2018.yaml")
        data = roster_csv(args.trainees, args.seed)
        began = time.perf_counter()
        done = operations.import_trainees(work, None, data, "roster.csv")
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
        engine.dispose()


if __name__ == "__main__":
    main()
