"""Every planner answers in the one shape of `cadre.domain.planning`: a SolveResult whose status
is a SolveStatus; each answer on a small instance also passes its planner's independent checker.
And the gap means what it says."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.force.check import check_force_plan
from cadre.domain.itc2007 import check_itc2007
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.domain.timetable.changes import RoomClosure, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.interchange.itc2007 import read_instance
from cadre.solvers.capacity import solve_capacity
from cadre.solvers.force.matching import solve_force
from cadre.solvers.itc2007 import solve_itc2007
from cadre.solvers.timetable.solve import solve_replan, solve_timetable
from tests import capacity_factories, force_factories, mission_factories

ITC2007 = pathlib.Path(__file__).resolve().parents[2] / "data" / "itc2007"
Solved = tuple[SolveResult[Any], list[Any]]  # the answer, and what its checker found in it


def capacity() -> Solved:
    problem = build_problem(capacity_factories.scenario(), PlanMode.SIZING)
    result = solve_capacity(problem, seconds=10)
    return result, check_capacity_plan(problem, result.solution)


def force() -> Solved:
    problem = force_factories.problem_of(
        [force_factories.make_line(count=2)], [force_factories.make_offer(count=3)]
    )
    result = solve_force(problem)
    return result, check_force_plan(problem, result.solution.allocations)


def timetable() -> Solved:
    problem = mission_factories.make_problem()
    result = solve_timetable(problem, seconds=2, seed=1, workers=1)
    return result, check_timetable(problem, result.solution)


def replan() -> Solved:
    problem = mission_factories.make_problem()
    first = solve_timetable(problem, seconds=2, seed=1, workers=1).solution
    closure = RoomClosure("TAJI-CR1", "TAJI")
    result = solve_replan(problem, first, closure, seconds=2, seed=1, workers=1)
    return result, check_timetable(apply_change(problem, closure), result.solution)


def itc2007() -> Solved:
    problem = read_instance(ITC2007 / "tiny_forced.ctt")
    result = solve_itc2007(problem, seconds=1, seed=1)
    return result, check_itc2007(problem, result.solution)


@pytest.mark.parametrize("solve", [capacity, force, timetable, replan, itc2007])
def test_every_engine_answers_a_solve_result_with_the_common_status(
    solve: Callable[[], Solved],
) -> None:
    result, violations = solve()
    assert (isinstance(result, SolveResult), type(result.status)) == (True, SolveStatus)
    assert (result.status.usable, violations) == (True, [])
    assert result.seconds > 0


def test_a_proved_optimum_has_no_gap_whatever_the_figures() -> None:
    assert SolveResult(SolveStatus.OPTIMAL, None, objective=12.0, bound=None).gap == 0.0


def test_a_feasible_answer_with_a_bound_is_that_far_from_it_relative_to_its_objective() -> None:
    fewer = SolveResult(SolveStatus.FEASIBLE, None, objective=100.0, bound=80.0)
    more = SolveResult(SolveStatus.FEASIBLE, None, objective=80.0, bound=100.0)
    assert (fewer.gap, more.gap) == (pytest.approx(0.2), pytest.approx(0.25))


def test_without_a_bound_or_an_objective_there_is_no_gap() -> None:
    assert [
        SolveResult(SolveStatus.FEASIBLE, None, objective=100.0).gap,
        SolveResult(SolveStatus.STOPPED, None, bound=80.0).gap,
    ] == [None, None]
