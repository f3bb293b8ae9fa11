"""Properties every capacity plan must have, over generated train-the-trainer scenarios."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import CourseLevel, Discipline, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat
from cadre.domain.host import Demand
from cadre.domain.planning import SolveResult
from cadre.domain.scenario import PlanningParameters, Scenario
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import START, course, pledge, scenario, site

ROUNDING = 1e-4


@st.composite
def missions(draw: st.DrawFn) -> Scenario:
    """One discipline with an end-user course and a train-the-trainer course feeding it."""
    years = draw(st.integers(1, 2))
    ops = course(
        "OPS-1",
        "OPS",
        "OPS-INS",
        duration_days=draw(st.sampled_from([10, 21, 45])),
        max_class_size=draw(st.integers(10, 30)),
        pass_rate=draw(st.sampled_from([0.7, 0.85, 1.0])),
        grants="OPS-Q",
    )
    ttt = course(
        "OPS-TTT",
        "OPS",
        "OPS-MT",
        duration_days=draw(st.sampled_from([21, 30])),
        level=CourseLevel.INSTRUCTOR,
        prerequisites=("OPS-1",),
        grants="OPS-INS",
        max_class_size=20,
    )
    demands = tuple(
        Demand("Army", "OPS-1", START.year + y, draw(st.integers(50, 900))) for y in range(years)
    )
    return scenario(
        years=years,
        planning=PlanningParameters(
            attrition_per_month=draw(st.sampled_from([0.0, 0.01, 0.03])),
            certification_lag_months=draw(st.integers(0, 3)),
            mentor_ratio=draw(st.integers(1, 4)),
        ),
        sites=(site("S", draw(st.integers(1, 4))), site("T", draw(st.integers(0, 2)))),
        disciplines=(Discipline("OPS", "Operations"),),
        qualifications=(
            Qualification("OPS-Q", "Operator", "OPS", InstructorLevel.TRAINEE),
            Qualification("OPS-INS", "Instructor", "OPS", InstructorLevel.INSTRUCTOR),
            Qualification("OPS-MT", "Master", "OPS", InstructorLevel.MASTER_TRAINER),
        ),
        courses=(ops, ttt),
        demands=demands,
        pledges=(
            pledge("P1", "CAN", "OPS-INS", draw(st.integers(0, 6)) or 1),
            pledge("P2", "SWE", "OPS-MT", draw(st.integers(1, 3))),
        ),
    )


def plan_of(s: Scenario, mode: PlanMode = PlanMode.SIZING) -> CapacityPlan:
    problem = build_problem(s, mode)
    plan = solve_capacity(problem, seconds=20).solution
    assert plan.status == "optimal"
    assert check_capacity_plan(problem, plan) == []
    return plan


def result_of(s: Scenario, mode: PlanMode = PlanMode.SIZING) -> SolveResult[CapacityPlan]:
    problem = build_problem(s, mode)
    result = solve_capacity(problem, seconds=20)
    assert result.status == "optimal"
    assert check_capacity_plan(problem, result.solution) == []
    return result


def handovers(plan: CapacityPlan) -> dict[str, int]:
    return {h.subject: h.index for h in plan.handovers}


@settings(max_examples=15, deadline=None)
@given(missions(), st.integers(1, 5))
def test_more_pledges_never_increase_the_shortfall(s: Scenario, extra: int) -> None:
    more = dataclasses.replace(s, pledges=(*s.pledges, pledge("P3", "CAN", "OPS-INS", extra)))
    assert plan_of(more, PlanMode.CHECK).unmet <= plan_of(s, PlanMode.CHECK).unmet + ROUNDING


# More demand or a new caveat may bring a handover earlier: a larger early investment in host
# instructors makes the cadre self-sufficient sooner, and handover is read from the plan, no
# longer its first goal (issue 14). What they can never do is lower the requirement.
@settings(max_examples=15, deadline=None)
@given(missions(), st.sets(st.sampled_from(["P1", "P2"]), min_size=1))
def test_a_higher_rung_never_increases_the_shortfall_in_check_mode(
    s: Scenario, raised: set[str]
) -> None:
    """A master trainer can do everything an instructor can (`rung_fills`): pledging masters
    instead of instructors, people for people, never leaves more unmet."""
    higher = dataclasses.replace(
        s,
        pledges=tuple(
            dataclasses.replace(p, qualification="OPS-MT") if p.code in raised else p
            for p in s.pledges
        ),
    )
    assert plan_of(higher, PlanMode.CHECK).unmet <= plan_of(s, PlanMode.CHECK).unmet + ROUNDING


@settings(max_examples=15, deadline=None)
@given(missions(), st.integers(1, 600))
def test_more_demand_never_lowers_the_requirement(s: Scenario, extra: int) -> None:
    first = s.demands[0]
    more = dataclasses.replace(
        s, demands=(dataclasses.replace(first, trained=first.trained + extra), *s.demands[1:])
    )
    before, after = result_of(s), result_of(more)
    if after.solution.unmet <= ROUNDING and before.solution.unmet <= ROUNDING:
        assert (after.objective or 0.0) >= (before.objective or 0.0) - ROUNDING


@settings(max_examples=15, deadline=None)
@given(missions())
def test_a_new_caveat_never_lowers_the_requirement(s: Scenario) -> None:
    caveat = Caveat("CAN-1", "CAN", forbidden_sites=frozenset({"S"}))
    barred = dataclasses.replace(
        s,
        caveats=(caveat,),
        pledges=tuple(
            dataclasses.replace(p, caveats=("CAN-1",)) if p.nation == "CAN" else p
            for p in s.pledges
        ),
    )
    before = result_of(s, PlanMode.CHECK)
    after = result_of(barred, PlanMode.CHECK)
    assert after.solution.unmet >= before.solution.unmet - ROUNDING
    if after.solution.unmet <= before.solution.unmet + ROUNDING:
        assert (after.objective or 0.0) >= (before.objective or 0.0) - ROUNDING


@settings(max_examples=15, deadline=None)
@given(missions(), st.sampled_from([0.01, 0.03, 0.08]))
def test_raising_attrition_never_lowers_the_requirement(s: Scenario, rise: float) -> None:
    higher = dataclasses.replace(
        s,
        planning=dataclasses.replace(
            s.planning, attrition_per_month=s.planning.attrition_per_month + rise
        ),
    )
    before, after = result_of(s), result_of(higher)
    assert after.solution.unmet >= before.solution.unmet - ROUNDING
    if after.solution.unmet <= before.solution.unmet + ROUNDING:
        # Handover is no longer first in the objective: the requirement (instructor-months
        # with its small weights, stage three's cost) only grows with attrition.
        assert (after.objective or 0.0) >= (before.objective or 0.0) - ROUNDING
        # A handover read from the plan may come earlier with more attrition: the plan of
        # fewest instructor-months may then train more instructors early (a counterexample:
        # 84 and 111 wanted, attrition 0.01 → 0.04, handover month 10 → 8). Handover is not
        # first in the objective (issue 14), so this is not asserted here; the issue's
        # property holds for the earliest possible handover, a reading of the problem, not
        # of one plan: test_capacity_earliest.py.


@settings(max_examples=15, deadline=None)
@given(missions(), st.sampled_from([PlanMode.SIZING, PlanMode.CHECK]))
def test_no_handover_while_demand_is_unmet_or_without_host_cadre(
    s: Scenario, mode: PlanMode
) -> None:
    problem = build_problem(s, mode)
    plan = plan_of(s, mode)
    for h in plan.handovers:
        if h.month is None:
            assert h.reason
            continue
        assert not any(
            o.discipline == h.subject and o.year >= h.month.year and o.unmet > 0.5
            for o in plan.outcomes
        )
        assert plan.host_cadre["OPS-INS"][h.index] >= 2 - ROUNDING  # a run's crew
        assert h.index + problem.handover_sustained <= len(problem.months)


@settings(max_examples=15, deadline=None)
@given(missions(), st.integers(0, 4), st.booleans())
def test_the_force_never_falls_below_the_floor_before_the_end(
    s: Scenario, floor: int, ends: bool
) -> None:
    s = dataclasses.replace(
        s,
        planning=dataclasses.replace(
            s.planning, quality_assurance_per_discipline=floor, mission_ends_at_handover=ends
        ),
    )
    plan = plan_of(s)
    handed = {h.subject: h.index for h in plan.handovers if h.month is not None}
    end = handed.get("OPS", len(plan.months)) if ends else len(plan.months)
    force = plan.force_by_month()
    assert all(force[t] >= floor - ROUNDING for t in range(end))
