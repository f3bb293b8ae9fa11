"""ITC-2007 track 3 benchmark: every competition instance found, solved and checked.

Prints per instance the hard violations and UD2 cost as the independent checker counts them,
the best-known cost, the ratio (cost + 1) / (best + 1), and their geometric mean. Run with
`make bench-timetable [SECONDS=60]`; the instances are read from ../shared/bench-data/itc2007/.
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys
import time

from cadre.domain.itc2007 import check_itc2007, hard_violations, itc2007_cost
from cadre.interchange.itc2007 import read_instance
from cadre.solvers.itc2007 import solve_itc2007

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench-data" / "itc2007"
BEST_KNOWN = {
    "comp01": 5, "comp02": 24, "comp03": 66, "comp04": 35, "comp05": 290, "comp06": 27,
    "comp07": 6, "comp08": 37, "comp09": 96, "comp10": 4, "comp11": 0, "comp12": 300,
    "comp13": 59, "comp14": 51, "comp15": 66, "comp16": 18, "comp17": 56, "comp18": 62,
    "comp19": 57, "comp20": 4, "comp21": 75,
}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=pathlib.Path, default=DATA)
    parser.add_argument("--only", nargs="*", help="instance names, e.g. comp01 comp05")
    args = parser.parse_args()
    files = sorted(args.data.glob("*.ctt"))
    if args.only:
        files = [f for f in files if f.stem in args.only]
    if not files:
        print(f"no .ctt instances in {args.data}", file=sys.stderr)
        return 1
    print(
        f"ITC-2007 track 3, UD2; {args.seconds:g} s per instance, seed {args.seed}, "
        f"{args.workers} workers"
    )
    header = ("instance", "hard", "cost", "best", "ratio", "bound", "status", "secs", "moves/s")
    print("{:<9} {:>5} {:>6} {:>5} {:>6} {:>6} {:<10} {:>6} {:>9}".format(*header))
    ratios: list[float] = []
    for file in files:
        problem = read_instance(file)
        began = time.perf_counter()
        result = solve_itc2007(problem, args.seconds, seed=args.seed, workers=args.workers)
        took = time.perf_counter() - began
        hard = hard_violations(check_itc2007(problem, result.solution))
        cost = itc2007_cost(problem, result.solution).total
        best = BEST_KNOWN.get(file.stem)
        speed = result.diagnostics.get("moves_per_second", "-")
        ratio = (cost + 1) / (best + 1) if best is not None and hard == 0 else math.nan
        if not math.isnan(ratio):
            ratios.append(ratio)
        print(
            f"{file.stem:<9} {hard:>5} {cost:>6} {best if best is not None else '-':>5} "
            f"{ratio:>6.2f} {result.bound if result.bound is not None else '-':>6} "
            f"{result.status.value:<10} {took:>6.1f} {speed:>9}",
            flush=True,
        )
    if ratios:
        mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"geometric mean of (cost+1)/(best+1) over {len(ratios)} instances: {mean:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
