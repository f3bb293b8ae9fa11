"""The planner against the closed forms of REFERENCE.md, within rounding.

Steady state of one discipline: runs a year R = D / (p·k); concurrent runs R·d/12 (Little's
law); instructors N = r·R·d / (12·u). A cadre fed q instructors a month with attrition a:
I_t = I_0(1−a)^t + (q/a)(1−(1−a)^t), and the handover month that growth implies.
"""

from __future__ import annotations

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import cadre_scenario, scenario


def solved(problem: CapacityProblem) -> CapacityPlan:
    plan = solve_capacity(problem, seconds=30).solution
    assert check_capacity_plan(problem, plan) == []
    return plan


def test_steady_state_of_one_discipline_matches_littles_law() -> None:
    demand, pass_rate, seats, months, instructors, teaching = 1000, 0.8, 25, 3, 2, 0.8
    problem = build_problem(scenario(years=4), PlanMode.SIZING)
    plan = solved(problem)

    runs_a_year = demand / (pass_rate * seats)
    by_graduation_year: dict[int, float] = {}
    for r in plan.runs:
        year = problem.months[r.month + months - 1].year
        by_graduation_year[year] = by_graduation_year.get(year, 0.0) + r.runs
    assert by_graduation_year == pytest.approx(dict.fromkeys(range(2019, 2023), runs_a_year))

    horizon = len(problem.months)
    concurrent = sum(r.runs for r in plan.runs) * months / horizon
    assert concurrent == pytest.approx(runs_a_year * months / 12)
    average_force = plan.instructor_months / horizon
    assert average_force == pytest.approx(instructors * runs_a_year * months / (12 * teaching))
    assert plan.unmet == pytest.approx(0.0, abs=1e-6)


def test_cadre_fed_at_a_constant_rate_grows_as_the_closed_form() -> None:
    attrition, initial = 0.02, 4
    problem = build_problem(cadre_scenario(attrition, initial), PlanMode.SIZING)
    plan = solved(problem)

    ttt = problem.course("TTT")
    feed = ttt.selection_rate * ttt.pass_rate * ttt.max_class / ttt.occupancy[0]  # q a month
    expected = [
        initial * (1 - attrition) ** t + feed / attrition * (1 - (1 - attrition) ** t)
        for t in range(len(problem.months))
    ]
    assert list(plan.host_cadre["OPS-INS"]) == pytest.approx(expected, rel=1e-6)


def test_handover_comes_when_the_cadre_can_carry_every_run_under_way() -> None:
    problem = build_problem(cadre_scenario(0.02, 0), PlanMode.SIZING)
    plan = solved(problem)
    ops = problem.course("OPS-1")
    cadre = plan.host_cadre["OPS-INS"]
    capacity = [problem.host_teaching_fraction * h / ops.instructors for h in cadre]
    # One run starts each month and lasts three: from the handover month h on, the runs begun
    # in h−2 and h−1 and every later one are host-led, so 1, 2, then 3 run at once.
    expected = next(
        h
        for h in range(2, len(cadre))
        if capacity[h - 2] >= 1 - 1e-9
        and capacity[h - 1] >= 2 - 1e-9
        and all(c >= 3 - 1e-9 for c in capacity[h:])
    )
    handover = {h.subject: h.index for h in plan.handovers}
    assert handover["OPS"] == expected
