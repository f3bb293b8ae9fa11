"""The lifecycle's rules on a plan's stored status and summary: what fails for good, and what
is worse by rule than the adopted plan."""

from __future__ import annotations

import pytest

from cadre.domain.lifecycle import PlanState, failure, regression, state_when_kept


@pytest.mark.parametrize("status", ["stopped", "infeasible", "error", "failed"])
def test_a_plan_whose_solve_gave_nothing_usable_fails_for_good(status: str) -> None:
    refusal = failure("capacity", status, {"unmet": 0})
    assert refusal is not None
    assert (refusal.code, refusal.params) == ("plan.failed_status", {"status": status})
    assert state_when_kept("capacity", status, {}) is PlanState.FAILED


def test_a_broken_or_empty_plan_fails_and_a_sound_one_starts_as_a_draft() -> None:
    assert failure("timetable", "optimal", {"placed": 3, "violations": ["x"]}) is not None
    assert failure("timetable", "feasible", {"placed": 0}) is not None
    assert failure("capacity", "optimal", {"runs": 0.0}) is not None
    assert state_when_kept("timetable", "feasible", {"placed": 3}) is PlanState.DRAFT


def test_worse_by_rule_is_more_unmet_demand_or_fewer_runs_placed() -> None:
    worse = regression("capacity", {"unmet": 8.3}, {"unmet": 0.0})
    assert worse is not None
    assert worse.params == {"figure": "unmet", "before": 0.0, "after": 8.3}
    assert regression("capacity", {"unmet": 0.0}, {"unmet": 2.0}) is None
    assert regression("timetable", {"placed": 65}, {"placed": 66}) is not None
    assert regression("timetable", {"placed": 66}, {"placed": 66}) is None
    assert regression("force", {"weighted_share": 0.9}, {"weighted_share": 0.8}) is None
