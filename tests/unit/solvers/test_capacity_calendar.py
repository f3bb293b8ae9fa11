"""Demand as a training calendar (intakes and graduates per quarter or month), and a plan that
starts from actuals: closed forms on one course of three months, 25 seats, pass rate 0.8, two
instructors a run, foreign teaching fraction 0.8 (tests/capacity_factories.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cadre.domain.capacity.actuals import PlanActuals, replan
from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.host import Demand
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import START, scenario


def solved(problem: CapacityProblem) -> CapacityPlan:
    plan = solve_capacity(problem, seconds=30).solution
    assert check_capacity_plan(problem, plan) == []
    return plan


def entrants(plan: CapacityPlan, months: range) -> float:
    return sum(plan.trainees["OPS-1"][t] for t in months)


def test_a_quarters_intake_is_met_by_runs_starting_in_that_quarter() -> None:
    demand = Demand("Army", "OPS-1", 2019, quarter=2, intake=100)
    plan = solved(build_problem(scenario(years=1, demands=(demand,)), PlanMode.SIZING))

    assert entrants(plan, range(3, 6)) == pytest.approx(100)  # April to June
    assert entrants(plan, range(12)) == pytest.approx(100)  # and no one else
    started = sum(r.runs for r in plan.runs if 3 <= r.month <= 5)
    assert started == pytest.approx(100 / 25)
    # instructors = runs · 2 a run · 3 months / 0.8 of their time teaching
    assert plan.instructor_months == pytest.approx(4 * 2 * 3 / 0.8)
    (outcome,) = plan.outcomes
    assert (outcome.period, outcome.intake, outcome.graduated, outcome.unmet) == (
        "2019-Q2",
        True,
        pytest.approx(100),
        pytest.approx(0),
    )


def test_a_months_graduates_come_from_runs_begun_a_course_length_before() -> None:
    demand = Demand("Army", "OPS-1", 2019, month=6, trained=80)
    plan = solved(build_problem(scenario(years=1, demands=(demand,)), PlanMode.SIZING))

    # 80 graduates at a pass rate of 0.8 in June: 100 entrants in April, none otherwise.
    assert plan.trainees["OPS-1"][3] == pytest.approx(100)
    assert entrants(plan, range(12)) == pytest.approx(100)
    assert plan.outcomes[0].period == "2019-06"


def test_an_intake_caps_the_entrants_of_its_period() -> None:
    demands = (
        Demand("Army", "OPS-1", 2019, trained=400),
        Demand("Army", "OPS-1", 2019, quarter=2, intake=100),
    )
    plan = solved(build_problem(scenario(years=1, demands=demands), PlanMode.SIZING))

    assert entrants(plan, range(3, 6)) == pytest.approx(100)  # no more than the army releases
    assert entrants(plan, range(12)) == pytest.approx(400 / 0.8)  # the year is still met
    assert plan.unmet == pytest.approx(0, abs=1e-6)


def test_an_intake_before_any_run_can_start_is_unmet_with_its_reason() -> None:
    # A run begun in December would end after the horizon: no one can be taken in then.
    demand = Demand("Army", "OPS-1", 2019, month=12, intake=50)
    plan = solved(build_problem(scenario(years=1, demands=(demand,)), PlanMode.SIZING))

    assert entrants(plan, range(12)) == pytest.approx(0)
    assert plan.outcomes[0].unmet == pytest.approx(50)
    assert "2019-12" in plan.outcomes[0].reason


def test_the_checker_refuses_an_intake_the_runs_do_not_give() -> None:
    demand = Demand("Army", "OPS-1", 2019, quarter=2, intake=100)
    problem = build_problem(scenario(years=1, demands=(demand,)), PlanMode.SIZING)
    plan = solved(problem)
    late = dataclasses.replace(
        plan, outcomes=(dataclasses.replace(plan.outcomes[0], graduated=200.0),)
    )
    assert any("OPS-1" in v for v in check_capacity_plan(problem, late))


def test_a_past_below_forecast_asks_for_more_runs_after_through() -> None:
    problem = build_problem(scenario(years=2), PlanMode.SIZING)
    forecast = solved(problem)
    through = dt.date(2019, 7, 1)
    # Half the planned entrants came in the first half year; the rest of 2019 must make up.
    half = {START.replace(month=t + 1): int(forecast.trainees["OPS-1"][t] / 2) for t in range(6)}
    actual = PlanActuals(through, entrants={"OPS-1": half})
    problem_now = replan(problem, actual)
    plan = solved(problem_now)

    assert [plan.trainees["OPS-1"][t] for t in range(6)] == [float(n) for n in half.values()]
    after = [r for r in plan.runs if r.month >= 6]
    planned_after = [r for r in forecast.runs if r.month >= 6]
    short = sum(forecast.trainees["OPS-1"][t] for t in range(6)) - sum(half.values())
    assert sum(r.runs for r in after) == pytest.approx(
        sum(r.runs for r in planned_after) + short / 25
    )
    assert plan.unmet == pytest.approx(0, abs=1e-6)


def test_the_host_cadre_starts_from_its_actual_level_at_through() -> None:
    problem = build_problem(scenario(years=1), PlanMode.SIZING)
    through = dt.date(2019, 4, 1)
    actual = PlanActuals(
        through,
        certified={"OPS-INS": {dt.date(2019, 2, 1): 5}},
        losses={"OPS-INS": {dt.date(2019, 3, 1): 2}},
    )
    plan = solved(replan(problem, actual))
    assert list(plan.host_cadre["OPS-INS"][:3]) == [0.0, 5.0, 3.0]
    # from the actual level on, the model's attrition (no course makes new ones here)
    assert plan.host_cadre["OPS-INS"][3] == pytest.approx(3.0 * (1 - problem.attrition))
