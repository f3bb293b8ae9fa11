"""Plans of whole runs when asked (issue 14): through `solve_plan`, as `plan_capacity` makes
them, every run in the country is a whole number, the independent checker holds the plan to
that and to every other rule, and what whole runs cost against the continuous plan is on the
plan. The sweep's samples stay continuous (their time target), as the default plan does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import PlanMode, RunMode, build_problem
from cadre.domain.scenario import Scenario
from cadre.services.capacity.operations import solve_plan
from cadre.solvers.capacity import solve_capacity
from tests.unit.solvers.test_capacity_properties import ROUNDING, missions


def in_country(plan: CapacityPlan) -> list[float]:
    return [r.runs for r in plan.runs if r.mode != RunMode.ABROAD]


@settings(max_examples=10, deadline=None)
@given(missions())
def test_plans_are_whole_runs_when_asked(s: Scenario) -> None:
    for mode in (PlanMode.SIZING, PlanMode.CHECK):
        problem = build_problem(s, mode)
        plan = solve_plan(problem, 20, whole_runs=True).solution
        assert all(n == round(n) for n in in_country(plan))
        assert check_capacity_plan(problem, plan) == []  # integrality and every other rule
        loss = plan.rounding
        assert loss is not None
        relaxed = solve_capacity(problem, seconds=20).solution
        # the continuous plan bounds the whole one: unmet, and the objective the repair weighs
        assert loss.bound_unmet == pytest.approx(relaxed.unmet, abs=1e-3)
        assert plan.unmet >= relaxed.unmet - ROUNDING
        assert loss.objective >= loss.bound_objective - 1e-6 * max(1.0, loss.bound_objective)
        assert loss.integrality_gap >= 0.0
        if loss.unmet <= ROUNDING and abs(loss.instructor_months) <= ROUNDING:
            assert loss.integrality_gap < 1.0
