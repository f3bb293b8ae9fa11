"""A missed handover target says whether any plan could have met it, once the earliest
possible month is known (domain/capacity/handover.py, `read_handovers(..., earliest)`)."""

from __future__ import annotations

import dataclasses

from cadre.domain.capacity.handover import read_handovers
from cadre.domain.capacity.plan import CapacityPlan, Handover
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
