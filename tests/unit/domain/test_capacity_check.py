"""The independent checker of capacity plans catches each kind of broken plan."""

from __future__ import annotations

import dataclasses

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan, Handover, PlannedRuns
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, RunMode, build_problem
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import cadre_scenario


@pytest.fixture(scope="module")
def solved() -> tuple[CapacityProblem, CapacityPlan]:
    problem = build_problem(cadre_scenario(0.02, 0), PlanMode.SIZING)
    return problem, solve_capacity(problem, seconds=30).solution


def test_the_solved_plan_passes(solved: tuple[CapacityProblem, CapacityPlan]) -> None:
    problem, plan = solved
    assert check_capacity_plan(problem, plan) == []


def test_runs_beyond_the_rooms_are_caught(solved: tuple[CapacityProblem, CapacityPlan]) -> None:
    problem, plan = solved
    extra = PlannedRuns("OPS-1", 5, RunMode.RESIDENT, "B", 2.0)
    broken = dataclasses.replace(plan, runs=(*plan.runs, extra))
    assert any("more than its rooms" in v for v in check_capacity_plan(problem, broken))


def test_a_foreign_requirement_below_the_teaching_is_caught(
    solved: tuple[CapacityProblem, CapacityPlan],
) -> None:
    problem, plan = solved
    broken = dataclasses.replace(
        plan, foreign={q: tuple(0.0 for _ in s) for q, s in plan.foreign.items()}
    )
    assert any("foreign instructors needed" in v for v in check_capacity_plan(problem, broken))


def test_an_inflated_host_cadre_is_caught(solved: tuple[CapacityProblem, CapacityPlan]) -> None:
    problem, plan = solved
    cadre = {q: tuple(v + 5 for v in s) for q, s in plan.host_cadre.items()}
    broken = dataclasses.replace(plan, host_cadre=cadre)
    assert any(v.startswith("host cadre OPS-INS") for v in check_capacity_plan(problem, broken))


def test_claimed_graduates_the_runs_do_not_make_are_caught(
    solved: tuple[CapacityProblem, CapacityPlan],
) -> None:
    problem, plan = solved
    first = dataclasses.replace(plan.outcomes[0], graduated=plan.outcomes[0].graduated + 10)
    broken = dataclasses.replace(plan, outcomes=(first, *plan.outcomes[1:]))
    assert any("its runs train" in v for v in check_capacity_plan(problem, broken))


def test_a_handover_before_the_last_foreign_run_is_caught(
    solved: tuple[CapacityProblem, CapacityPlan],
) -> None:
    problem, plan = solved
    early = tuple(Handover(h.subject, problem.months[0], 0) for h in plan.handovers)
    broken = dataclasses.replace(plan, handovers=early)
    assert any("foreign-led run" in v for v in check_capacity_plan(problem, broken))
