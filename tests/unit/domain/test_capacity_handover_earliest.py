"""A missed handover target says whether any plan could have met it, once the earliest
possible month is known (domain/capacity/handover.py, `read_handovers(..., earliest)`)."""

from __future__ import annotations

import dataclasses

from cadre.domain.capacity.handover import read_handovers
from cadre.domain.capacity.plan import CapacityPlan, DemandOutcome, Handover
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.planning import SolveStatus
from tests.capacity_factories import cadre_scenario


def problem(target: int) -> CapacityProblem:
    built = build_problem(cadre_scenario(), PlanMode.SIZING)
    return dataclasses.replace(built, handover_by=(("OPS", target),))


def nothing(p: CapacityProblem) -> CapacityPlan:
    """A plan with no runs and no host cadre: it never hands over."""
    return CapacityPlan(
        SolveStatus.OPTIMAL, p.mode, p.months, (), {}, {}, {}, {}, {}, {}, (), (), ()
    )


def ops(p: CapacityProblem, earliest: dict[str, int | None] | None) -> Handover:
    handovers, _ = read_handovers(p, nothing(p), earliest)
    return next(h for h in handovers if h.subject == "OPS")


def test_without_the_earliest_month_the_reason_is_the_plans() -> None:
    h = ops(problem(0), None)
    assert not h.earliest_known
    assert h.reason.startswith("target Jan 2019 missed: ")


def test_a_target_before_the_earliest_possible_month_cannot_be_met() -> None:
    h = ops(problem(0), {"OPS": 5})
    assert h.earliest_known
    assert h.earliest is not None
    assert f"{h.earliest:%Y-%m}" == "2019-06"
    assert h.reason == (
        "target Jan 2019 cannot be met: the host could carry it from Jun 2019 at the earliest"
    )


def test_a_target_no_plan_can_meet_within_the_horizon() -> None:
    h = ops(problem(0), {"OPS": None})
    assert h.earliest_known
    assert h.earliest is None
    assert h.reason.startswith(
        "target Jan 2019 cannot be met: the host could not carry it within the horizon"
    )


def test_a_target_some_plan_could_meet_says_so_beside_the_plans_reason() -> None:
    h = ops(problem(10), {"OPS": 5})
    assert h.missed
    assert h.reason.startswith("target Nov 2019 missed: ")
    assert h.reason.endswith(
        "(the host could carry it from Jun 2019, in a plan that costs more instructor-months "
        "or leaves other demand unmet)"
    )


def test_a_discipline_left_out_of_the_search_is_not_known() -> None:
    h = ops(problem(0), {"ITC": 3})
    assert not h.earliest_known
    assert h.earliest is None


def test_demand_unmet_names_every_shortfall_with_its_period() -> None:
    """One target short in two years, and another in a quarter: each is named once, with
    when (a year's second shortfall used to replace its first in the reason)."""
    p = problem(0)
    short = (
        DemandOutcome("OPS-101", 2019, 40, 30.0, 10.0, "OPS"),
        DemandOutcome("OPS-TTT", 2019, 6, 5.0, 1.0, "OPS"),
        DemandOutcome("OPS-101", 2020, 40, 38.0, 2.0, "OPS", period="2020-Q2"),
    )
    handovers, _ = read_handovers(p, dataclasses.replace(nothing(p), outcomes=short), None)
    h = next(h for h in handovers if h.subject == "OPS")
    assert h.month is None
    assert "demand is unmet until 2020" in h.reason
    for named in (
        "10 of 40 OPS-101 in 2019",
        "1 of 6 OPS-TTT in 2019",
        "2 of 40 OPS-101 in 2020-Q2",
    ):
        assert named in h.reason
