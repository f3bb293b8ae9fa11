"""On tiny instances with whole runs, brute force agrees with the model's bound as it must.

Runs are continuous in the model, so it is a relaxation of the whole-run problem: its least
unmet demand, and then its fewest instructor-months, can only be as low or lower.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.host import Demand
from cadre.domain.scenario import Mission, Scenario
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import course, scenario, site


def tiny(demand: int, months: int, chained: bool) -> Scenario:
    one_month = {
        "duration_days": 21,
        "max_class_size": 10,
        "pass_rate": 1.0,
        "instructors_per_run": 1,
        "grants": None,
    }
    courses = [course("A", "OPS", "OPS-INS", **one_month)]
    if chained:
        courses.append(course("B", "OPS", "OPS-INS", prerequisites=("A",), **one_month))
    target = "B" if chained else "A"
    base = scenario(
        years=1,
        sites=(site("S", 1),),
        courses=tuple(courses),
        demands=(Demand("Army", target, 2019, demand),),
    )
    return dataclasses.replace(
        base, mission=Mission("T", "Test", "IRQ", dt.date(2019, 1, 1), dt.date(2019, months, 28))
    )


def brute_force(problem: CapacityProblem) -> tuple[float, float]:
    """Least unmet demand over whole runs, then the fewest instructor-months reaching it."""
    horizon = len(problem.months)
    courses = problem.courses
    demand = problem.demands[0]
    best: tuple[float, float] = (float("inf"), float("inf"))
    # Whole runs a month that fit the rooms (every course here lasts under a month).
    rooms = problem.sites[0].rooms
    month_choices = [
        combo
        for combo in itertools.product(range(rooms + 2), repeat=len(courses))
        if sum(n * c.occupancy[0] for n, c in zip(combo, courses, strict=True)) <= rooms + 1e-9
    ]
    for plan in itertools.product(month_choices, repeat=horizon):
        runs = {(c.code, t): plan[t][i] for i, c in enumerate(courses) for t in range(horizon)}
        graduates = {c.code: [0.0] * horizon for c in courses}
        pool = 0.0
        for t in range(horizon):
            for c in courses:
                seats = runs[c.code, t] * c.max_class
                if c.prerequisites:
                    entrants = min(seats, pool)
                    pool -= entrants
                else:
                    entrants = seats
                graduates[c.code][t] = entrants * c.pass_rate
            pool = pool * (1 - problem.attrition) + graduates["A"][t]
        made = sum(graduates[demand.courses[0]])
        unmet = max(0.0, demand.trained - made)
        months = (
            sum(
                n * problem.course(code).instructors * problem.course(code).occupancy[0]
                for (code, _), n in runs.items()
            )
            / problem.foreign_teaching_fraction
        )
        best = min(best, (unmet, months))
    return best


@pytest.mark.parametrize(
    ("demand", "months", "chained"),
    [(40, 6, False), (70, 6, False), (70, 8, False), (20, 6, True), (45, 8, True)],
)
def test_model_bound_is_no_worse_than_whole_runs(demand: int, months: int, chained: bool) -> None:
    problem = build_problem(tiny(demand, months, chained), PlanMode.SIZING)
    plan = solve_capacity(problem, seconds=30).solution
    assert check_capacity_plan(problem, plan) == []

    whole_unmet, whole_months = brute_force(problem)
    rounding = 1e-4  # of a person or an instructor-month
    assert plan.unmet <= whole_unmet + rounding
    if whole_unmet == pytest.approx(plan.unmet, abs=rounding):
        assert plan.instructor_months <= whole_months + rounding
