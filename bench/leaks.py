"""The generated leak test, larger: every principal (each role at each of six nations, and
auditor-administrators) over several draws of random releasability labels, on the surfaces the
in-suite test walks (tests/integration/test_leaks.py). Prints the figures for the closing note:
principals, requests, surfaces walked, leaks, oracles, 5xx; exits non-zero on any of the last three.

    python -m bench.leaks [--rounds 3] [--seed 13] [--database URL]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import leak_support  # noqa: E402
from tests.service_support import service  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="draws of labels")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--database", default=None, help="an empty database (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = pathlib.Path(folder)
        url = args.database or f"sqlite:///{tmp / 'leaks.db'}"
        started = time.perf_counter()
        with service(url, example=None) as client:
            world = leak_support.build_world(client, tmp)
            tally = leak_support.run(world, args.rounds, None, seed=args.seed)
        seconds = time.perf_counter() - started
    print(
        f"leak test ({args.rounds} label draws, seed {args.seed}, {seconds:.0f} s): {tally.line()}"
    )
    for finding in (tally.leaks + tally.oracles + tally.server_errors)[:40]:
        print("  ", finding)
    return 1 if tally.leaks or tally.oracles or tally.server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
