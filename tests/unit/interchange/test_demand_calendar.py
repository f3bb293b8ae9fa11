"""A training calendar in the scenario file: quarters, months and intakes, read, refused where
they are wrong (file, line, field and reason) and written back as they were."""

from __future__ import annotations

import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.scenario_file import dump_scenario, parse_scenario
from tests.conftest import EXAMPLES

TINY = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
YEARLY = "  - {organisation: Iraqi Army, target: CIED-101, year: 2020, trained: 400}"


def with_demand(line: str) -> str:
    assert YEARLY in TINY
    return TINY.replace(YEARLY, f"{YEARLY}\n{line}")


def problems(text: str) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        parse_scenario(text, "s.yaml")
    return list(caught.value.problems)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_quarter_and_month_intakes_are_read_and_written_back() -> None:
    text = with_demand(
        "  - {organisation: Iraqi Army, target: CIED-101, year: 2020, quarter: 2, intake: 120}\n"
        "  - {organisation: Iraqi Army, target: CIED-101, year: 2020, month: 9, trained: 30}"
    )
    scenario = parse_scenario(text, "s.yaml")
    quarter, month = scenario.demands[-2:]
    assert (quarter.period, quarter.intake, quarter.trained) == ("2020-Q2", 120, 0)
    assert (month.period, month.months, month.trained) == ("2020-09", (9, 9), 30)
    assert parse_scenario(dump_scenario(scenario), "again.yaml") == scenario


def test_a_quarter_outside_the_months_planned_is_refused_at_its_line() -> None:
    text = with_demand(
        "  - {organisation: Iraqi Army, target: CIED-101, year: 2020, quarter: 5, intake: 9}\n"
        "  - {organisation: CTS, target: CIED-101, year: 2021, month: 3, intake: 9}"
    )
    found = problems(text)
    assert [(p.line, p.field, p.reason) for p in found] == [
        (line_of(text, "quarter: 5"), "demands[2].quarter", "a quarter is 1 to 4, not 5"),
        (
            line_of(text, "month: 3"),
            "demands[3].month",
            "demand for CIED-101 in 2021-03 falls outside the months planned (2019-01 to 2020-12)",
        ),
    ]
    assert {p.file for p in found} == {"s.yaml"}


def test_trained_and_intake_together_are_refused() -> None:
    text = with_demand(
        "  - {organisation: CTS, target: CIED-101, year: 2020, month: 2, trained: 5, intake: 9}"
    )
    (problem,) = problems(text)
    assert problem.field == "demands[2].intake"
    assert problem.line == line_of(text, "intake: 9")
    assert "give one" in problem.reason
