"""Building the statement of requirements: ranks, lines from a capacity plan, support posts."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.force.planning import (
    StaffPost,
    headquarters_posts,
    protection_posts,
    requirements_from_plan,
)
from cadre.domain.ranks import Rank, RankBand
from cadre.domain.requirements import Criticality, PostKind, line_order
from cadre.domain.sites import Site, SiteKind
from tests.force_factories import day, force_scenario, make_line


def test_ranks_order_other_ranks_below_warrant_officers_below_officers() -> None:
    ranks = [Rank.parse(code) for code in ("OF-1", "OR-9", "WO-2", "OR-1", "OF-10")]
    assert [r.code for r in sorted(ranks)] == ["OR-1", "OR-9", "WO-2", "OF-1", "OF-10"]


@pytest.mark.parametrize("text", ["OR-0", "OR-10", "OF-11", "XX-1", "OF1", ""])
def test_a_code_that_is_no_nato_rank_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a NATO rank code"):
        Rank.parse(text)


def test_rank_band_contains_the_bands_inside_it() -> None:
    band = RankBand.parse("OR-5..OF-3")
    assert band.contains(RankBand.parse("OR-7..OF-2"))
    assert band.contains(RankBand.parse("OF-3"))
    assert not band.contains(RankBand.parse("OF-3..OF-4"))
    assert (str(band), str(RankBand.parse("of-2")), RankBand.parse("OF-3..OF-1").is_ordered) == (
        "OR-5..OF-3",
        "OF-2",
        False,
    )


def test_line_numbers_sort_as_people_read_them() -> None:
    numbers = ["SOR-10", "SOR-9", "HQ-2", "SOR-9-FP"]
    assert sorted(numbers, key=line_order) == ["HQ-2", "SOR-9", "SOR-9-FP", "SOR-10"]


def test_plan_requirement_becomes_as_few_and_as_long_lines_as_possible() -> None:
    need = {
        ("CIED-INS", dt.date(2019, 1, 1)): 2.0,
        ("CIED-INS", dt.date(2019, 2, 1)): 1.4,
        ("CIED-INS", dt.date(2019, 3, 1)): 3.0000000001,
        ("CIED-INS", dt.date(2019, 4, 1)): 2.9,
        ("CIED-INS", dt.date(2019, 5, 1)): 2.0,
        ("MED-INS", dt.date(2019, 3, 1)): 0.0,
    }
    lines = requirements_from_plan(need, "TAJI", courses={"CIED-INS": ["CIED-101"]})
    assert [(x.number, x.start, x.end, x.count) for x in lines] == [
        ("SOR-0001", day("2019-01-01"), day("2019-05-31"), 2),
        ("SOR-0002", day("2019-03-01"), day("2019-04-30"), 1),
    ]
    assert {(x.site, x.kind, x.courses, x.criticality) for x in lines} == {
        ("TAJI", PostKind.TEACHING, ("CIED-101",), Criticality.ESSENTIAL)
    }
    required = sum(x.required_post_months() for x in lines)
    assert required == 2 + 2 + 3 + 3 + 2


def test_a_month_without_need_splits_a_line() -> None:
    need = {("Q", dt.date(2019, 1, 1)): 1.0, ("Q", dt.date(2019, 3, 1)): 1.0}
    lines = requirements_from_plan(need, {"Q": "TAJI"})
    assert [(x.start, x.end) for x in lines] == [
        (day("2019-01-01"), day("2019-01-31")),
        (day("2019-03-01"), day("2019-03-31")),
    ]


def test_a_qualification_without_a_site_is_refused() -> None:
    with pytest.raises(ValueError, match="no site given for the posts of Q"):
        requirements_from_plan({("Q", dt.date(2019, 1, 1)): 1.0}, {"OTHER": "TAJI"})


def test_mobile_teams_get_force_protection_at_the_ratio() -> None:
    need = {("Q", dt.date(2018, 6, 1)): 4.0, ("Q", dt.date(2018, 7, 1)): 4.0}
    lines = requirements_from_plan(
        need, "TAJI", 1.0, modes={"Q": DeliveryMode.MOBILE_TRAINING_TEAM}
    )
    teaching, guard = lines
    assert (guard.number, guard.count, guard.kind, guard.protects, guard.mode) == (
        "SOR-0001-FP",
        4,
        PostKind.FORCE_PROTECTION,
        teaching.number,
        DeliveryMode.MOBILE_TRAINING_TEAM,
    )
    assert (guard.start, guard.end) == (teaching.start, teaching.end)


def test_resident_teaching_gets_no_force_protection() -> None:
    assert protection_posts([make_line(count=4)], 1.0) == ()
    mobile = make_line(count=3, mode=DeliveryMode.MOBILE_TRAINING_TEAM)
    assert [p.count for p in protection_posts([mobile], 0.5)] == [2]
    assert protection_posts([mobile], 0) == ()


def test_headquarters_staff_table_becomes_lines_for_the_period() -> None:
    table = [
        StaffPost("Chief of staff", "HQ-COS", RankBand.parse("OF-5"), 1, Criticality.CRITICAL),
        StaffPost("J3 operations officer", "HQ-J3", RankBand.parse("OF-2..OF-4"), 3),
    ]
    lines = headquarters_posts(table, "UNION-III", day("2018-10-01"), day("2019-09-30"))
    assert [(x.number, x.title, x.count, x.kind, x.site) for x in lines] == [
        ("HQ-001", "Chief of staff", 1, PostKind.HEADQUARTERS, "UNION-III"),
        ("HQ-002", "J3 operations officer", 3, PostKind.HEADQUARTERS, "UNION-III"),
    ]


def test_given_the_sites_posts_go_to_the_school_of_their_discipline() -> None:
    base = force_scenario()
    sites = (
        Site("HQ", "Headquarters", SiteKind.HEADQUARTERS, "Baghdad"),
        Site("ANY", "Any school", SiteKind.SCHOOL, "Baghdad"),
        Site(
            "MEDSCH", "Medical school", SiteKind.SCHOOL, "Baghdad", disciplines=frozenset({"MED"})
        ),
        Site("ABROAD", "Abroad", SiteKind.ABROAD, "Jordan", disciplines=frozenset({"CIED"})),
    )
    need = {("MED-INS", dt.date(2019, 1, 1)): 1.0, ("CIED-INS", dt.date(2019, 1, 1)): 1.0}
    lines = requirements_from_plan(need, sites, qualifications=base.qualifications)
    assert {x.qualification: x.site for x in lines} == {"MED-INS": "MEDSCH", "CIED-INS": "ANY"}
