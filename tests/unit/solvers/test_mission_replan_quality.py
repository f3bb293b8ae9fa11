"""A re-plan keeps at least as many runs as a fresh solve of the changed problem given the same
time: it starts from the timetable that was, so its searches only fill the holes the change
made. Both answers pass the independent checker. (How fast it answers is measured in
bench/mission_timetable.py, not here.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cadre.domain.course_runs import CourseRun
from cadre.domain.timetable.changes import Withdrawal, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.solvers.timetable.solve import solve_replan, solve_timetable
from tests.mission_factories import MAY, make_problem, make_run, make_trainer, solved

SITES = ("TAJI", "TAJI", "BESMAYA")  # three rooms: three runs a week at most
# Two Canadians, a Swede and a Dutchman: when Canada withdraws, two runs a week at most.
TRAINERS = tuple(
    make_trainer(code, code[2:5], "CIED-INS", pledge=f"P-{code}")
    for code in ("T-CAN-1", "T-CAN-2", "T-SWE-1", "T-NLD-1")
)
FIRST_SUNDAY = MAY  # 5 May 2019


def _runs() -> tuple[CourseRun, ...]:
    """Three five-day runs a week for ten weeks, each to be taught within two weeks."""
    runs = []
    for week in range(10):
        earliest = FIRST_SUNDAY + dt.timedelta(weeks=week)
        for k, site in enumerate(SITES):
            runs.append(
                make_run(
                    f"R{week:02d}{k}",
                    site=site,
                    earliest=earliest,
                    latest=earliest + dt.timedelta(days=11),
                    class_size=20,  # both rooms at Taji seat it
                )
            )
    return tuple(runs)


def test_a_replan_keeps_at_least_as_many_runs_as_a_fresh_solve_in_the_same_time() -> None:
    problem = make_problem(trainers=TRAINERS, runs=_runs(), caveats={}, cohorts=())
    first = solved(problem, seconds=4.0).solution
    used = Counter(problem.trainer(t).nation for p in first.placed for t in p.instructors)
    nation = used.most_common(1)[0][0]
    change = Withdrawal(nation=nation)
    changed = apply_change(problem, change)

    replanned = solve_replan(problem, first, change, seconds=2.0, seed=1, workers=1).solution
    fresh = solve_timetable(changed, seconds=2.0, seed=1, workers=1).solution

    assert check_timetable(changed, replanned) == []
    assert check_timetable(changed, fresh) == []
    assert len(replanned.placed) < len(problem.runs)  # the change does cost runs
    assert len(replanned.placed) >= len(fresh.placed)
