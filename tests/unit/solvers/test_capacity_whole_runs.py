"""Whole runs (solvers/capacity/whole.py): every run a whole number, every rule still kept,
and the loss against the continuous plan honest, over generated missions."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import RoundingLoss
from cadre.domain.capacity.problem import PlanMode, RunMode, build_problem
from cadre.domain.scenario import Scenario
from cadre.solvers.capacity import solve_capacity
from tests.unit.solvers.test_capacity_brute_force import brute_force, tiny
from tests.unit.solvers.test_capacity_properties import ROUNDING, missions


@settings(max_examples=12, deadline=None)
@given(missions())
def test_runs_are_integers(s: Scenario) -> None:
    for mode in (PlanMode.SIZING, PlanMode.CHECK):
        problem = build_problem(s, mode)
        whole = solve_capacity(problem, seconds=20, whole_runs=True).solution
        relaxed = solve_capacity(problem, seconds=20).solution
        in_country = [r.runs for r in whole.runs if r.mode != RunMode.ABROAD]
        assert all(n == round(n) for n in in_country)
        # the independent checker holds the rows (rooms, classes, pools, cadre, force, ...)
        # and whole runs themselves
        assert check_capacity_plan(problem, whole) == []
        loss = whole.rounding
        assert loss is not None
        # the continuous plan bounds the whole one, and the loss is the distance to it
        assert loss.bound_unmet == pytest.approx(relaxed.unmet, abs=1e-3)
        assert whole.unmet == pytest.approx(loss.bound_unmet + loss.unmet, abs=1e-3)
        assert whole.unmet >= relaxed.unmet - ROUNDING


def test_the_checker_refuses_a_fractional_run_in_a_whole_run_plan() -> None:
    problem = build_problem(tiny(45, 6, False), PlanMode.SIZING)
    plan = solve_capacity(problem, seconds=20, whole_runs=True).solution
    assert check_capacity_plan(problem, plan) == []
    first = plan.runs[0]
    broken = dataclasses.replace(
        plan, runs=(dataclasses.replace(first, runs=first.runs - 0.5), *plan.runs[1:])
    )
    assert any("not whole runs" in s for s in check_capacity_plan(problem, broken))
    # a continuous plan is not held to whole runs
    continuous = dataclasses.replace(broken, rounding=None)
    assert not any("not whole runs" in s for s in check_capacity_plan(problem, continuous))


@pytest.mark.parametrize(
    ("demand", "months", "chained"),
    [(40, 6, False), (70, 6, False), (70, 8, False), (20, 6, True), (45, 8, True)],
)
def test_whole_runs_against_brute_force(demand: int, months: int, chained: bool) -> None:
    """No whole-run plan leaves less unmet than brute force's best; the repair's plan is one."""
    problem = build_problem(tiny(demand, months, chained), PlanMode.SIZING)
    plan = solve_capacity(problem, seconds=30, whole_runs=True).solution
    assert check_capacity_plan(problem, plan) == []
    whole_unmet, _ = brute_force(problem)
    assert plan.unmet >= whole_unmet - ROUNDING
    assert isinstance(plan.rounding, RoundingLoss)
    assert plan.rounding.bound_unmet <= whole_unmet + ROUNDING
