"""Timetables stored for real, on SQLite and PostgreSQL: listed runs kept with the scenario, a
timetable kept as a plan version of kind "timetable", a re-plan chained on it, and the plain
values and calendars the web pages read."""

from __future__ import annotations

import dataclasses
import pathlib

import pytest
from sqlalchemy import Engine

from cadre.cli.messages import error_text
from cadre.domain.errors import NotFound
from cadre.domain.timetable.changes import Withdrawal
from cadre.domain.timetable.check import check_timetable
from cadre.interchange.scenario_file import read_scenario
from cadre.services.capacity import operations as capacity
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import exports as handouts
from cadre.services.timetable import operations as schedule
from cadre.services.timetable import queries as timetables
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES

TINY = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
RUNS = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, cohort: IA-9DIV-ENG, earliest: 2019-02-03, latest: 2019-04-30}
  - {code: R-02, course: CIED-101, site: BESMAYA, earliest: 2019-04-07, latest: 2019-06-30}
"""  # noqa: E501


@pytest.fixture
def with_runs(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "tiny-runs.yaml"
    path.write_text(TINY + RUNS, encoding="utf-8")
    return path


def test_listed_runs_are_stored_with_the_scenario_and_load_back_equal(
    engine: Engine, work: UnitOfWork, with_runs: pathlib.Path
) -> None:
    scenarios.import_file(work, with_runs)
    assert scenarios.load(work) == read_scenario(with_runs)
    scenarios.import_file(work, EXAMPLES / "tiny.yaml")  # the runs go with the old scenario
    assert scenarios.load(work).runs == ()


def test_a_timetable_is_kept_as_a_version_and_a_replan_is_chained_on_it(
    engine: Engine, work: UnitOfWork, with_runs: pathlib.Path
) -> None:
    scenarios.import_file(work, with_runs)
    first = schedule.schedule(work, seconds=3, workers=1, adopt=True)
    assert (first.number, first.violations, first.parameters["source"]) == (
        1,
        (),
        "the scenario's runs",
    )
    assert [p.run for p in first.plan.result.solution.placed] == ["R-01", "R-02"]
    loaded = timetables.load_timetable(work)
    assert (
        dataclasses.replace(loaded, created_at=first.created_at, adoption=first.adoption) == first
    )

    second = schedule.replan(work, Withdrawal(nation="SWE"), seconds=3, workers=1)
    assert (second.number, second.parameters["previous"], second.plan.changes) == (
        2,
        1,
        (Withdrawal(nation="SWE"),),
    )
    assert check_timetable(second.problem, second.plan.result.solution) == []
    assert [(m.run, m.changes, m.reason) for m in second.plan.result.moves] == [
        ("R-01", ("no longer placed",), "T-SWE-01 of pledge P-SWE-1 left: SWE withdraws"),
        ("R-02", ("no longer placed",), "T-SWE-01 of pledge P-SWE-1 left: SWE withdraws"),
    ]
    assert timetables.load_timetable(work, 2).plan == second.plan
    assert timetables.load_timetable(work).number == 1  # nothing placed: it stays unadopted


def test_the_web_gets_plain_runs_per_subject_and_a_calendar_that_cancels_what_was_lost(
    engine: Engine, work: UnitOfWork, with_runs: pathlib.Path
) -> None:
    scenarios.import_file(work, with_runs)
    schedule.schedule(work, seconds=3, workers=1, adopt=True)
    view = timetables.timetable_view(work, by="site", key="TAJI")
    assert [(r.run, r.site, r.cohort, r.instructors) for r in view.runs] == [
        ("R-01", "TAJI", "IA-9DIV-ENG", ("T-CAN-01", "T-SWE-01"))
    ]
    assert len(view.runs[0].days) == 25
    first_uid = view.runs[0].uid
    schedule.replan(work, Withdrawal(nation="SWE"), seconds=3, workers=1)
    calendar = handouts.subject_calendar(work, "instructor", "T-CAN-01", number=2)
    assert calendar.count("STATUS:CANCELLED") == 2
    assert timetables.timetable_view(work, number=1).runs[0].uid == first_uid


def test_without_listed_runs_the_latest_capacity_plan_is_rounded_to_runs(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, EXAMPLES / "tiny.yaml")
    with pytest.raises(NotFound) as caught:
        schedule.schedule(work, seconds=1)
    assert caught.value.code == "timetable.nothing_to_place"
    assert "run `cadre plan capacity` first" in error_text(caught.value)
    capacity.plan_capacity(work, seconds=30, adopt=True)
    version = schedule.schedule(work, months=6, seconds=2, workers=1)
    assert version.parameters["source"] == "capacity plan 1"
    assert {r.course for r in version.plan.runs} <= {"CIED-101", "CIED-TTT"}
    assert version.violations == ()
