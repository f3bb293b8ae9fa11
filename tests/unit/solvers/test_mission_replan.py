"""Re-planning after a change keeps what it can of the previous timetable, and says what moved
and why; every answer passes the independent checker."""

from __future__ import annotations

import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.timetable.changes import RoomClosure, Withdrawal, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.result import Move
from cadre.solvers.timetable.solve import solve_replan
from tests.mission_factories import make_problem, make_run, make_trainer, solved

TRAINERS = tuple(
    make_trainer(f"T-{nation}", nation, "CIED-INS", pledge=f"P-{nation}-CIED")
    for nation in ("CAN", "SWE", "NLD", "DNK")
)
RUNS = (
    make_run("R1", cohort="C1"),
    make_run("R2", site="BESMAYA", cohort="C2"),
    make_run("R3", course="CIED-201", cohort="C1"),
)


def test_a_withdrawn_nations_instructor_is_replaced_and_nothing_else_moves() -> None:
    problem = make_problem(trainers=TRAINERS, runs=RUNS, caveats={})
    first = solved(problem).solution
    gone = first.of("R1")
    assert gone is not None
    nation = gone.instructors[0].removeprefix("T-")
    done = solve_replan(problem, first, Withdrawal(nation=nation), seconds=3, workers=1)
    after = done.solution
    assert check_timetable(apply_change(problem, Withdrawal(nation=nation)), after) == []
    r1 = after.of("R1")
    assert r1 is not None
    assert [p for p in after.placed if p.run != "R1"] == [p for p in first.placed if p.run != "R1"]
    assert (r1.start, r1.room) == (gone.start, gone.room)
    assert done.moves == (
        Move(
            "R1",
            gone,
            r1,
            (f"instructors T-{nation} → {r1.instructors[0]}",),
            f"T-{nation} of pledge P-{nation}-CIED left: {nation} withdraws",
        ),
    )
    assert (done.cost.moved_runs, done.cost.changed_instructors) == (0, 1)


def test_a_closed_room_sends_its_runs_to_another_room_on_the_same_days() -> None:
    runs = (make_run("R1", cohort="C2"),)
    problem = make_problem(trainers=TRAINERS[:1], runs=runs, caveats={})
    first = solved(problem).solution
    before = first.placed[0]
    done = solve_replan(problem, first, RoomClosure(before.room, "TAJI"), seconds=3, workers=1)
    (after,) = done.solution.placed
    other = "TAJI-CR2" if before.room == "TAJI-CR1" else "TAJI-CR1"
    assert done.moves == (
        Move("R1", before, after, (f"room {other}, was {before.room}",),
             f"room {before.room} at TAJI closed"),
    )  # fmt: skip
    assert (after.start, after.instructors) == (before.start, before.instructors)


def test_a_withdrawal_naming_nobody_in_the_timetable_is_refused() -> None:
    problem = make_problem(trainers=TRAINERS, runs=RUNS, caveats={})
    with pytest.raises(InvalidInput, match="FRA withdraws: no trainer of the timetable serves"):
        solve_replan(problem, solved(problem).solution, Withdrawal(nation="FRA"), seconds=1)
