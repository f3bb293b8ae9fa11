"""Benchmark of the mission timetabler: one year, 300 runs, 150 instructors from 25 nations,
12 sites, 40 cohorts (generated, feasible by construction: see bench/mission_instance.py);
then the foreign nation with the most assignments withdraws and the timetable is re-planned.
The issue's targets: a timetable with every run placed within 60 s; the re-plan within 5 s,
keeping at least as many runs as a fresh solve of the changed problem given the same time
(solved last, for comparison).

Run with `make bench-mission` (or `.venv/bin/python -m bench.mission_timetable --help`). It
prints for each step the status, runs placed, the independent checker's hard violations, the
objective and bound, the wall time; for the re-plan, the runs moved and why (by kind).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections import Counter

from bench.mission_instance import Sizes, generate

from cadre.domain.timetable.changes import Withdrawal, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.problem import MissionProblem
from cadre.domain.timetable.result import MissionResult
from cadre.solvers.timetable.solve import solve_replan, solve_timetable


def report(step: str, problem: MissionProblem, result: MissionResult, seconds: float) -> None:
    conflicts = check_timetable(problem, result.solution)
    proved = (result.bound or 0) // problem.unplaced_penalty()
    c = result.cost
    print(f"{step}:")
    print(f"  status {result.status.value}; {len(result.solution.placed)} of {len(problem.runs)} "
          f"runs placed ({proved} left out proved impossible); hard violations (checker) "
          f"{len(conflicts)}")  # fmt: skip
    print(f"  objective {result.objective:,}, bound {result.bound}; time {seconds:.1f} s")
    print(f"  extra sites {c.extra_sites}, busiest instructor {c.max_load / 10:.1f}% of days in "
          f"theatre, cohort finish {c.cohort_finish_days:,} days")  # fmt: skip
    d = result.diagnostics
    print(f"  start: greedy {d.get('greedy_placed')}, ejections {d.get('repaired_placed')}, "
          f"targeted LNS {d.get('lns_placed')} runs, {d.get('put_back', 0)} put back nearer, in "
          f"{d.get('start_seconds')} s; CP-SAT "
          f"{d.get('cp_sat_status')} in {d.get('solve_seconds')} s ({d.get('variables')} "
          f"variables, {d.get('workers')} workers)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit of the solve")
    parser.add_argument("--replan-seconds", type=float, default=5.0, help="of the re-plan")
    parser.add_argument("--seed", type=int, default=1, help="of the generated instance")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--nation", help="who withdraws; default: the busiest foreign nation")
    args = parser.parse_args()

    began = time.perf_counter()
    problem = generate(Sizes(), seed=args.seed)
    nations = len({t.nation for t in problem.trainers})
    print(f"instance (seed {args.seed}): {len(problem.runs)} runs, {len(problem.trainers)} "
          f"instructors from {nations} nations, {len(problem.sites)} sites, "
          f"{len(problem.cohorts)} cohorts, {problem.start} to {problem.end}; generated in "
          f"{time.perf_counter() - began:.1f} s; {os.cpu_count()} CPUs")  # fmt: skip

    began = time.perf_counter()
    first = solve_timetable(problem, args.seconds, seed=0, workers=args.workers)
    report("timetable", problem, first, time.perf_counter() - began)

    used = Counter(
        problem.trainer(code).nation for p in first.solution.placed for code in p.instructors
    )
    nation = args.nation or next(n for n, _ in used.most_common() if n != problem.host)
    print(f"{nation} withdraws ({used[nation]} assignments of its instructors)")
    began = time.perf_counter()
    change = Withdrawal(nation=nation)
    done = solve_replan(problem, first.solution, change, args.replan_seconds,
                        seed=0, workers=args.workers)  # fmt: skip
    changed = apply_change(problem, change)
    report("re-plan", changed, done, time.perf_counter() - began)
    moves = done.moves
    kinds = Counter(
        "dropped" if m.after is None else "direct" if "left" in m.reason else "knock-on"
        for m in moves
    )
    print(f"  moved runs {len(moves)}: {dict(kinds)}; of them {done.cost.moved_runs} "
          f"on other days, {done.cost.changed_instructors} instructors changed, "
          f"{done.cost.changed_rooms} rooms changed")  # fmt: skip
    for m in moves[:5]:
        print(f"    {m.run}: {'; '.join(m.changes)} — {m.reason}")
    began = time.perf_counter()
    fresh = solve_timetable(changed, args.replan_seconds, seed=0, workers=args.workers)
    report("fresh solve of the changed problem, the re-plan's time", changed, fresh,
           time.perf_counter() - began)  # fmt: skip
    kept, anew = len(done.solution.placed), len(fresh.solution.placed)
    print(f"re-plan keeps {kept} runs, a fresh solve {anew}: "
          f"{'at least as many' if kept >= anew else 'fewer'}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
