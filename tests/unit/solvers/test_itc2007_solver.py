"""The timetabling engine on instances whose optimum is known; every output goes through the
independent checker, and the engine's own count must agree with it."""

from __future__ import annotations

import pathlib

from cadre.domain.itc2007 import (
    CostBreakdown,
    Event,
    Resource,
    ResourceKind,
    TimeGrid,
    Timetable,
    TimetableProblem,
    TimetableRoom,
    check_itc2007,
    itc2007_cost,
)
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.interchange.itc2007 import read_instance
from cadre.solvers.itc2007 import solve_itc2007

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "itc2007"


def checked(problem: TimetableProblem, result: SolveResult[Timetable]) -> tuple[int, CostBreakdown]:
    """The checker's figures, after asserting that the engine counted the same."""
    violations = check_itc2007(problem, result.solution)
    cost = itc2007_cost(problem, result.solution)
    assert (result.diagnostics["hard_violations"], result.objective) == (
        len(violations),
        cost.total,
    )
    return len(violations), cost


def test_an_instance_that_can_cost_nothing_is_solved_to_zero_and_proved_optimal() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    result = solve_itc2007(problem, seconds=2, seed=1)
    assert checked(problem, result) == (0, CostBreakdown(0, 0, 0, 0))
    assert (result.status, result.bound) == (SolveStatus.OPTIMAL, 0)


def test_forced_costs_are_paid_once_each_and_the_bound_proves_it() -> None:
    problem = read_instance(DATA / "tiny_forced.ctt")
    result = solve_itc2007(problem, seconds=2, seed=2, workers=2)
    assert checked(problem, result) == (
        0,
        CostBreakdown(room_capacity=10, min_working_days=5, isolated_sessions=4, room_stability=0),
    )
    assert (result.status, result.bound) == (SolveStatus.OPTIMAL, 19)


def test_more_lectures_than_allowed_periods_is_infeasible_with_the_reason() -> None:
    problem = TimetableProblem(
        name="cramped",
        grid=TimeGrid(days=1, periods_per_day=2),
        rooms=(TimetableRoom("R", 10),),
        resources=(),
        events=(Event("A", sessions=3, size=5, resources=()),),
    )
    result = solve_itc2007(problem, seconds=1)
    assert (result.status, result.diagnostics["reason"]) == (
        SolveStatus.INFEASIBLE,
        "event A needs 3 sessions and may start in only 2 periods",
    )


def test_a_curriculum_with_more_lectures_than_periods_is_proved_infeasible() -> None:
    problem = TimetableProblem(
        name="overbooked",
        grid=TimeGrid(days=2, periods_per_day=2),
        rooms=(TimetableRoom("R", 10), TimetableRoom("S", 10)),
        resources=(Resource("Q", ResourceKind.CURRICULUM, compact=True),),
        events=tuple(Event(code, 2, 5, ("Q",)) for code in ("A", "B", "C")),
    )
    result = solve_itc2007(problem, seconds=1)
    assert (result.status, result.solution.sessions) == (SolveStatus.INFEASIBLE, ())


def test_two_period_sessions_are_placed_without_overlap_and_inside_their_day() -> None:
    problem = TimetableProblem(
        name="long sessions",
        grid=TimeGrid(days=2, periods_per_day=4),
        rooms=(TimetableRoom("Hall", 30), TimetableRoom("Lab", 12)),
        resources=(
            Resource("cohort-1", ResourceKind.COHORT, compact=True),
            Resource("instructor-1", ResourceKind.INSTRUCTOR),
        ),
        events=(
            Event("EOD", 2, 25, ("cohort-1", "instructor-1"), min_days=2, duration=2),
            Event("MED", 2, 12, ("cohort-1",), min_days=2, duration=2),
            Event("LOG", 1, 10, ("instructor-1",), allowed_rooms=frozenset({"Lab"})),
        ),
    )
    result = solve_itc2007(problem, seconds=1, seed=3)
    assert checked(problem, result) == (0, CostBreakdown(0, 0, 0, 0))


def test_the_same_seed_and_a_proved_optimum_give_the_same_cost() -> None:
    problem = read_instance(DATA / "tiny_forced.ctt")
    first, second = (
        solve_itc2007(problem, seconds=1, seed=7),
        solve_itc2007(problem, seconds=1, seed=7),
    )
    assert (
        (first.objective, first.status)
        == (second.objective, second.status)
        == (19, SolveStatus.OPTIMAL)
    )
