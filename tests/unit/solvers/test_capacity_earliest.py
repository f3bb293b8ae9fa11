"""The earliest possible handover (solvers/capacity/earliest.py) over generated missions: the
issue's monotonicity in attrition holds for it, the plan's own handover is never before it,
and it is tight against a handover imposed a month sooner."""

from __future__ import annotations

import dataclasses

from hypothesis import event, given, settings
from hypothesis import strategies as st

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.handover import UNMET, read_handovers
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import Discipline
from cadre.domain.scenario import Scenario
from cadre.solvers.capacity import solve_capacity
from cadre.solvers.capacity.earliest import earliest_handovers
from tests.capacity_factories import cadre_scenario
from tests.unit.solvers.test_capacity_properties import ROUNDING, missions

MODES = st.sampled_from([PlanMode.SIZING, PlanMode.CHECK])
CREW = 2  # instructors a run of OPS-1 takes (the factory's course)


def earliest(s: Scenario, mode: PlanMode) -> int | None:
    found = earliest_handovers(build_problem(s, mode), seconds=20)
    assert set(found) == {"OPS"}
    return found["OPS"]


@settings(max_examples=40, deadline=None)
@given(missions(), st.sampled_from([0.01, 0.03, 0.08]), MODES)
def test_more_attrition_never_brings_the_earliest_handover_sooner(
    s: Scenario, rise: float, mode: PlanMode
) -> None:
    """Issue 14's property, on the reading for which it holds: every plan possible with more
    attrition stays possible with less, since the host cadre only grows and is only ever a
    capacity. (The plan's own handover can come sooner: test_capacity_properties.py.)"""
    higher = dataclasses.replace(
        s,
        planning=dataclasses.replace(
            s.planning, attrition_per_month=s.planning.attrition_per_month + rise
        ),
    )
    before, after = earliest(s, mode), earliest(higher, mode)
    event(f"later by {'-' if None in (before, after) else (after or 0) - (before or 0)}")
    if before is None:
        assert after is None
    elif after is not None:
        assert after >= before


@settings(max_examples=40, deadline=None)
@given(missions(), MODES)
def test_the_plan_never_hands_over_before_the_earliest_possible_month(
    s: Scenario, mode: PlanMode
) -> None:
    """The plan is one plan: when its handover holds to the horizon's end, it shows that
    month possible. (Held to the end: read again with the sustained period running to it.)"""
    problem = build_problem(s, mode)
    result = solve_capacity(problem, seconds=20, earliest=True)
    plan = result.solution
    assert result.status == "optimal"
    assert check_capacity_plan(problem, plan) == []
    (handover,) = plan.handovers
    assert handover.earliest_known
    found = earliest_handovers(problem, seconds=20)["OPS"]
    assert handover.earliest == (None if found is None else problem.months[found])
    if handover.month is None:
        return
    to_the_end = dataclasses.replace(
        problem, handover_sustained=len(problem.months) - handover.index
    )
    held = read_handovers(to_the_end, plan)[0][0].index == handover.index
    event(f"handover held to the end: {held}")
    if held:
        assert found is not None
        assert found <= handover.index


@settings(max_examples=10, deadline=None)
@given(missions())
def test_a_handover_imposed_a_month_before_the_earliest_falls_short(s: Scenario) -> None:
    """Tight: imposing the month before (no foreign work from then on) leaves some of the
    discipline's demand of that year or later unmet, or a host cadre too small for a run."""
    problem = build_problem(s, PlanMode.SIZING)
    found = earliest_handovers(problem, seconds=20)["OPS"]
    event(f"imposed a month sooner: {bool(found)}")
    if found is None or found == 0:
        return
    sooner = found - 1
    plan = solve_capacity(problem, seconds=20, handover_by={"OPS": sooner}).solution
    year = problem.months[sooner].year
    unmet = any(o.year >= year and o.unmet > UNMET for o in plan.outcomes)
    short = any(n < CREW - ROUNDING for n in plan.host_cadre["OPS-INS"][sooner:])
    assert unmet or short


@settings(max_examples=5, deadline=None)
@given(missions(), MODES)
def test_no_host_cadre_possible_means_no_earliest_month(s: Scenario, mode: PlanMode) -> None:
    """Without the instructor course no host instructor is ever made (the mission starts with
    none), and a discipline without courses has no one who may lead them."""
    alone = dataclasses.replace(
        s,
        courses=tuple(c for c in s.courses if c.code != "OPS-TTT"),
        disciplines=(*s.disciplines, Discipline("MED", "Medical")),
    )
    problem = build_problem(alone, mode)
    assert earliest_handovers(problem, seconds=20) == {"OPS": None, "MED": None}


def test_a_target_before_the_earliest_month_says_it_cannot_be_met() -> None:
    """No host instructor at the start: no plan hands over in the first month, and the
    missed target says from when one could."""
    problem = dataclasses.replace(
        build_problem(cadre_scenario(), PlanMode.SIZING), handover_by=(("OPS", 0),)
    )
    plan = solve_capacity(problem, seconds=20, earliest=True).solution
    ops = next(h for h in plan.handovers if h.subject == "OPS")
    assert ops.missed
    assert ops.earliest_known
    assert ops.earliest is not None  # the cadre_scenario's host cadre grows enough in time
    assert ops.reason == (
        f"target {problem.months[0]:%b %Y} cannot be met: the host could carry it from "
        f"{ops.earliest:%b %Y} at the earliest"
    )
    assert ops.earliest == problem.months[earliest_handovers(problem, seconds=20)["OPS"] or 0]
