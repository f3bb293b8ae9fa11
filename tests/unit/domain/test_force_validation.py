"""The mission's rules for requirement lines and offers, as the importers apply them."""

from __future__ import annotations

from typing import Any

import pytest

from cadre.domain.force.offers import Offer
from cadre.domain.force.validation import line_problems, offer_problems
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import PostKind, RequirementLine
from tests.force_factories import day, force_scenario, make_line, make_offer

SCENARIO = force_scenario()
LINES = {"L1": make_line(), "MOSUL-1": make_line(number="MOSUL-1", site="MOSUL")}


def line_findings(**changes: Any) -> list[tuple[str, str]]:
    line: RequirementLine = make_line(**changes)
    return list(line_problems(line, SCENARIO, {**LINES, line.number: line}))


def offer_findings(**changes: Any) -> list[tuple[str, str]]:
    offer: Offer = make_offer(**changes)
    return list(offer_problems(offer, SCENARIO, LINES))


def test_the_baseline_line_and_offer_break_no_rule() -> None:
    assert (line_findings(), offer_findings()) == ([], [])


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": " "}, ("title", "line L1 needs a title")),
        (
            {"qualification": "X"},
            ("qualification", "line L1 teaches with X, which is not a defined qualification"),
        ),
        (
            {"rank_band": RankBand.parse("OF-3..OF-1")},
            ("rank_band", "line L1: rank band OF-3..OF-1 runs from high to low"),
        ),
        ({"site": None}, ("site", "line L1 needs a site or a region")),
        ({"site": "BASRA"}, ("site", "line L1 is at site BASRA, which is not defined")),
        (
            {"region": "Ninawa"},
            ("region", "line L1 is at TAJI, which is in Baghdad, not Ninawa"),
        ),
        (
            {"site": None, "region": "Anbar"},
            ("region", "line L1 is in region Anbar, where no site is"),
        ),
        ({"count": 0}, ("count", "line L1 must have at least 1 post, not 0")),
        (
            {"end": day("2018-12-31")},
            ("end", "line L1 ends on 2018-12-31, before it starts on 2019-01-01"),
        ),
        (
            {"end": day("2021-03-31")},
            (
                "start",
                "line L1 runs 2019-01-01 to 2021-03-31, outside the mission "
                "(2019-01-01 to 2020-12-31)",
            ),
        ),
        ({"courses": ("X-1",)}, ("courses", "line L1 teaches X-1, which is not in the catalogue")),
        (
            {"protects": "L1"},
            ("protects", "line L1 protects a team but is not a force protection line"),
        ),
        (
            {"kind": PostKind.FORCE_PROTECTION, "qualification": "FP", "protects": "NOPE"},
            ("protects", "line L1 protects NOPE, which is not a teaching line"),
        ),
    ],
)
def test_each_line_rule_names_its_field(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert line_findings(**changes) == [expected]


def test_a_specialty_need_not_be_a_qualification_for_posts_that_do_not_teach() -> None:
    assert line_findings(kind=PostKind.HEADQUARTERS, qualification="HQ-J3") == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"nation": "USA"}, ("nation", "USA is not an ally or partner of mission TEST")),
        ({"nation": "IRQ"}, ("nation", "IRQ is not an ally or partner of mission TEST")),
        (
            {"line": "L7", "qualification": None},
            ("line", "line L7 is not in the statement of requirements"),
        ),
        ({"qualification": None}, ("line", "an offer names a line or a qualification")),
        (
            {"qualification": "HQ-J9"},
            ("qualification", "HQ-J9 is neither a qualification nor a specialty any line asks for"),
        ),
        ({"count": -2}, ("count", "an offer is of at least 1 person, not -2")),
        (
            {"end": day("2018-06-30")},
            ("end", "the offer ends on 2018-06-30, not after it starts on 2019-01-01"),
        ),
        (
            {
                "line": "L1",
                "qualification": None,
                "start": day("2020-01-01"),
                "end": day("2020-06-30"),
            },
            (
                "start",
                "the offer (2020-01-01 to 2020-06-30) misses line L1 (2019-01-01 to 2019-12-31)",
            ),
        ),
        ({"tour_months": 0}, ("tour_months", "tours last at least 1 month, not 0")),
        (
            {"rank_band": RankBand.parse("OF-4..OF-2")},
            ("rank", "rank band OF-4..OF-2 runs from high to low"),
        ),
        (
            {"line": "L1", "qualification": None, "rank_band": RankBand.parse("OR-2")},
            ("rank", "rank OR-2 is outside line L1's band OR-6..OF-3"),
        ),
        ({"caveats": ("ZZZ",)}, ("caveats", "caveat ZZZ is not defined")),
        ({"caveats": ("SWE-1",)}, ("caveats", "caveat SWE-1 belongs to SWE, not CAN")),
        (
            {"nation": "SWE", "caveats": ("SWE-1",), "tour_months": 12},
            ("tour_months", "caveat SWE-1 limits tours to 6 months, not 12"),
        ),
        (
            {"nation": "SWE", "caveats": ("SWE-1",), "line": "MOSUL-1", "qualification": None},
            ("caveats", "line MOSUL-1 is out of bounds: caveat SWE-1 bars MOSUL (Ninawa)"),
        ),
    ],
)
def test_each_offer_rule_names_its_field(
    changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert offer_findings(**changes) == [expected]
