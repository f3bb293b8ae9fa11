"""Capacity plans stored as versions with the scenario they came from, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from cadre.cli.messages import error_text, problem_text
from cadre.domain.capacity.problem import PlanMode
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.fingerprint import fingerprint
from cadre.interchange.scenario_file import read_scenario
from cadre.services.capacity import operations as capacity
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage.database import transaction
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"


def test_a_plan_is_kept_with_the_scenario_it_came_from(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    version = capacity.plan_capacity(work, seconds=30, adopt=True)
    with transaction(engine) as session:
        row = plans.plan_version(session, None, "capacity")
        snapshot, stored_fingerprint = row.scenario_snapshot, row.scenario_fingerprint
    assert (version.number, version.violations) == (1, ())
    assert stored_fingerprint == fingerprint(read_scenario(TINY))
    assert snapshot["mission"]["code"] == "TINY"
    assert capacity.load_plan(work).plan == version.plan


def test_versions_are_numbered_and_overrides_recorded(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    capacity.plan_capacity(work, seconds=30)
    second = capacity.plan_capacity(
        work, mode=PlanMode.CHECK, overrides={"attrition": "0.03"}, seconds=30
    )
    listed = capacity.list_plans(work)
    assert second.number == 2
    assert [(r.number, r.parameters["mode"]) for r in listed] == [(1, "sizing"), (2, "check")]
    assert listed[1].parameters["overrides"] == {"attrition": "0.03"}


def test_an_unknown_override_is_refused_with_the_figures_one_may_set(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    with pytest.raises(InvalidInput) as caught:
        capacity.plan_capacity(work, overrides={"atrition": "0.03"}, seconds=30)
    (problem,) = caught.value.problems
    assert (problem.code, problem.field, problem.params["figure"]) == (
        "planning.unknown_figure",
        "atrition",
        "atrition",
    )
    assert "--set atrition: not a planning figure; one of" in problem_text(problem)
    assert "--set" not in problem.reason  # the core names no flag; the command line does


def test_an_override_out_of_bounds_is_refused_by_the_same_rule_as_files(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    with pytest.raises(InvalidInput) as caught:
        capacity.plan_capacity(work, overrides={"attrition": "1.5"}, seconds=30)
    assert str(caught.value) == (
        "attrition_per_month: attrition per month must be at least 0 and below 1, not 1.5"
    )


def test_asking_for_a_plan_before_any_exists_says_what_to_do(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    with pytest.raises(NotFound) as caught:
        capacity.load_plan(work)
    assert (caught.value.code, caught.value.params["kind"]) == ("plan.none", "capacity")
    assert error_text(caught.value).endswith("run `cadre plan capacity` first")
