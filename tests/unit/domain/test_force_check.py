"""The independent checker catches each broken rule on a hand-made allocation."""

from __future__ import annotations

from typing import Any

import pytest

from cadre.domain.force.check import ForceViolation, check_force_plan
from cadre.domain.force.problem import Allocation
from cadre.domain.ranks import RankBand
from tests.force_factories import day, make_line, make_offer, problem_of

JAN, JUN, DEC = day("2019-01-01"), day("2019-06-01"), day("2019-12-01")


def rules(lines: list[Any], offers: list[Any], allocations: list[Allocation]) -> list[str]:
    return [v.rule for v in check_force_plan(problem_of(lines, offers), allocations)]


def test_a_sound_allocation_passes() -> None:
    assert rules([make_line()], [make_offer()], [Allocation("L1", "O-CAN-1", JAN, DEC, 1)]) == []


@pytest.mark.parametrize(
    ("line", "offer", "rule"),
    [
        (make_line(), make_offer(qualification="MED-INS"), "qualification"),
        (make_line(qualification="CIED-MT"), make_offer(), "qualification"),
        (make_line(), make_offer(rank_band=RankBand.parse("OF-4")), "rank"),
        (make_line(site="MOSUL"), make_offer(nation="SWE", caveats=("SWE-1",)), "caveat"),
        (make_line(), make_offer(nation="SWE", caveats=("SWE-1",), tour_months=9), "caveat"),
        (make_line(), make_offer(caveats=("NOPE",)), "caveat"),
        (make_line(), make_offer(qualification=None, line="L9"), "target"),
        (make_line(), make_offer(start=day("2019-01-02")), "window"),
    ],
)
def test_each_broken_rule_is_named(line: object, offer: object, rule: str) -> None:
    assert rules([line], [offer], [Allocation("L1", "O-CAN-1", JAN, JAN, 1)]) == [rule]


def test_too_many_people_on_a_line_or_from_an_offer_are_caught() -> None:
    allocations = [
        Allocation("L1", "O-CAN-1", JAN, JUN, 1),
        Allocation("L2", "O-CAN-1", JUN, DEC, 1),
    ]
    found = check_force_plan(
        problem_of([make_line(), make_line(number="L2")], [make_offer()]), allocations
    )
    assert found == [
        ForceViolation("offer capacity", "offer O-CAN-1 places 2 people in 2019-06, but offers 1")
    ]
    crowded = [Allocation("L1", "O-CAN-1", JAN, JAN, 2)]
    assert rules([make_line()], [make_offer(count=2)], crowded) == ["line capacity"]


def test_unknown_names_and_empty_spans_are_caught() -> None:
    assert rules([make_line()], [make_offer()], [Allocation("L1", "X", JAN, JAN, 1)]) == ["known"]
    assert rules([make_line()], [make_offer()], [Allocation("L1", "O-CAN-1", JUN, JAN, 1)]) == [
        "shape"
    ]
