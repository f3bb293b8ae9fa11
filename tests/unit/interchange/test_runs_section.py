"""The scenario file's optional `runs:` section: course runs listed for the timetable."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.course_runs import CourseRun
from cadre.domain.errors import InvalidInput
from cadre.interchange.scenario_file import dump_scenario, parse_scenario
from tests.conftest import EXAMPLES

TINY = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
RUNS = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, cohort: IA-9DIV-ENG, earliest: 2019-02-03, latest: 2019-04-30}
  - {code: R-02, course: CIED-101, site: BESMAYA, earliest: 2019-03-03, latest: 2019-05-30, mode: mobile_training_team, class_size: 24}
"""  # noqa: E501


def test_listed_runs_are_read_and_written_back_unchanged() -> None:
    scenario = parse_scenario(TINY + RUNS)
    assert scenario.runs == (
        CourseRun(
            "R-01", "CIED-101", "TAJI", dt.date(2019, 2, 3), dt.date(2019, 4, 30), "IA-9DIV-ENG"
        ),
        CourseRun(
            "R-02", "CIED-101", "BESMAYA", dt.date(2019, 3, 3), dt.date(2019, 5, 30),
            mode=DeliveryMode.MOBILE_TRAINING_TEAM, class_size=24,
        ),
    )  # fmt: skip
    assert parse_scenario(dump_scenario(scenario)) == scenario


def test_a_run_naming_an_unknown_cohort_is_reported_at_its_line() -> None:
    text = TINY + RUNS.replace("cohort: IA-9DIV-ENG", "cohort: IA-99")
    with pytest.raises(InvalidInput) as caught:
        parse_scenario(text, "s.yaml")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "IA-99" in x)
    assert [(p.line, p.field, p.reason) for p in caught.value.problems] == [
        (line, "runs[0].cohort", "run R-01: cohort IA-99 is not defined")
    ]


def test_a_run_in_a_mode_its_course_is_not_taught_in_is_refused() -> None:
    text = TINY + RUNS.replace("course: CIED-101, site: BESMAYA", "course: CIED-TTT, site: BESMAYA")
    with pytest.raises(InvalidInput) as caught:
        parse_scenario(text, "s.yaml")
    assert [p.reason for p in caught.value.problems] == [
        "run R-02: CIED-TTT is not taught mobile_training_team"
    ]
