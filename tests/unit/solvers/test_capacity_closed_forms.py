"""The planner against the closed forms of REFERENCE.md, within rounding.

Steady state of one discipline: runs a year R = D / (p·k); concurrent runs R·d/12 (Little's
law); instructors N = r·R·d / (12·u). A cadre fed q instructors a month with attrition a:
I_t = I_0(1−a)^t + (q/a)(1−(1−a)^t), and the handover month that growth implies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.scenario import AttritionShock
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import START, cadre_scenario, scenario


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


def pipeline_scenario(**planning: object) -> CapacityProblem:
    s = cadre_scenario(0.02, 0)
    return build_problem(
        dataclasses.replace(s, planning=dataclasses.replace(s.planning, **planning)),
        PlanMode.SIZING,
    )


def test_the_absorption_cap_feeds_the_cadre_at_the_cap_as_the_closed_form() -> None:
    # One school teaches with OPS-INS (site B), so the cap is the school's; the train-the-
    # trainer room could certify 7.2 a month, the school takes in 2.
    cap, attrition = 2.0, 0.02
    problem = pipeline_scenario(new_instructors_per_school_month=cap)
    plan = solved(problem)
    expected = [cap / attrition * (1 - (1 - attrition) ** t) for t in range(len(problem.months))]
    assert list(plan.host_cadre["OPS-INS"]) == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_new_instructors_mentor_only_after_the_experience_period() -> None:
    lag, experience, ratio = 2, 6, 2
    problem = pipeline_scenario(
        certification_lag_months=lag, mentoring_experience_months=experience, mentor_ratio=ratio
    )
    plan = solved(problem)
    ttt = problem.course("TTT")
    graduates = [ttt.pass_rate * n for n in plan.trainees["TTT"]]  # a one-month course
    made = [g * ttt.selection_rate for g in graduates]
    # The first instructors are certified in month lag + 1 and may mentor `experience` later;
    # until then every new instructor under supervision has a foreign mentor.
    first = next(t for t, n in enumerate(made) if n > 1e-9) + lag + 1
    for t in range(first + experience):
        mentees = sum(made[t - k] for k in range(1, lag + 1) if t - k >= 0)
        assert plan.host_mentoring["OPS-INS"][t] == pytest.approx(0.0, abs=1e-7)
        assert plan.foreign_mentoring["OPS-INS"][t] == pytest.approx(mentees / ratio, abs=1e-6)
    later = range(first + experience, len(problem.months))
    assert any(plan.host_mentoring["OPS-INS"][t] > 1e-6 for t in later)


def test_a_shock_takes_its_share_of_the_cadre_at_once() -> None:
    cap, attrition, share, month = 2.0, 0.02, 0.5, 10
    problem = pipeline_scenario(
        new_instructors_per_school_month=cap,
        attrition_shocks=(AttritionShock(problem_month(month), share),),
    )
    plan = solved(problem)
    before = cap / attrition * (1 - (1 - attrition) ** (month - 1))
    # I_m = (1−a)(1−s)·I_{m−1} + q, then the closed form again from I_m
    at = (1 - attrition) * (1 - share) * before + cap
    expected = [
        at * (1 - attrition) ** k + cap / attrition * (1 - (1 - attrition) ** k)
        for k in range(len(problem.months) - month)
    ]
    assert list(plan.host_cadre["OPS-INS"][month:]) == pytest.approx(expected, rel=1e-6)


def problem_month(index: int) -> dt.date:
    return dt.date(START.year + index // 12, index % 12 + 1, 15)
