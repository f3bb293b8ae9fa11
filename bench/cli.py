"""Benchmark of the command line's start-up and of its wall-clock time limit.

Run with `make bench-cli` (or `.venv/bin/python -m bench.cli --help`). It times whole
processes from outside, as a user waits for them: `cadre --help` (target 0.3 s), `cadre
validate examples/tiny.yaml` (target 1 s), each RUNS times after one unmeasured run, as min,
median and max of the wall time, with the CPU time (user + system) beside it since the wall
time of a busy machine says more about the machine than about Cadre; then `cadre itc2007 solve
comp01.ctt --seconds 60` once (target: done within 61 s), from numba's cache as `make setup`
leaves it, and with --cold once more from an empty cache (the first run of an installation
that skipped the compile step). --quick: 10 s instead of 60 and 3 runs.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
INSTANCE = ROOT.parent / "shared" / "bench-data" / "itc2007" / "comp01.ctt"
CADRE = [sys.executable, "-m", "cadre"]


def timed(
    argv: list[str], env: dict[str, str] | None = None, output: list[str] | None = None
) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the child, exit status of one run (its standard output
    appended to `output` when given)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if output is not None else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if output is not None:
        output.append(done.stdout)
    return wall, cpu, done.returncode


def start_up(name: str, argv: list[str], runs: int, target: float) -> None:
    timed(argv)  # one run to fill the operating system's file cache
    walls, cpus, codes = [], [], set()
    for _ in range(runs):
        wall, cpu, code = timed(argv)
        walls.append(wall)
        cpus.append(cpu)
        codes.add(code)
    print(
        f"{name:<28} wall min {min(walls):.3f}  median {statistics.median(walls):.3f}  "
        f"max {max(walls):.3f} s; cpu median {statistics.median(cpus):.3f} s "
        f"(target {target} s; exit {sorted(codes)})"
    )


def itc(seconds: int, cold: bool) -> None:
    if not INSTANCE.exists():
        print(f"itc2007: {INSTANCE} is missing (see README: ITC-2007 instances); skipped")
        return
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        if cold:
            env["NUMBA_CACHE_DIR"] = scratch  # nothing compiled yet
        out = pathlib.Path(scratch) / "comp01.sol"
        argv = [*CADRE, "itc2007", "solve", str(INSTANCE), "--out", str(out)]
        said: list[str] = []
        wall, cpu, code = timed([*argv, "--seconds", str(seconds)], env, said)
        how = "from an empty numba cache" if cold else "from numba's cache (after setup)"
        first = next((line for line in "".join(said).splitlines() if "cost" in line), "?")
        print(
            f"itc2007 solve --seconds {seconds:<3} wall {wall:.2f} s, cpu {cpu:.1f} s, "
            f"{how} (target {seconds + 1} s; exit {code})\n  {first}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each start-up command")
    parser.add_argument("--quick", action="store_true", help="3 runs, and a 10 s solve")
    parser.add_argument("--cold", action="store_true", help="also solve from an empty cache")
    parser.add_argument("--no-itc", action="store_true", help="start-up times only")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    start_up("cadre --help", [*CADRE, "--help"], runs, 0.3)
    start_up("cadre validate tiny.yaml", [*CADRE, "validate", "examples/tiny.yaml"], runs, 1.0)
    if not args.no_itc:
        subprocess.run([*CADRE, "itc2007", "warm"], cwd=ROOT, check=True)
        itc(10 if args.quick else 60, cold=False)
        if args.cold:
            itc(10 if args.quick else 60, cold=True)


if __name__ == "__main__":
    main()
