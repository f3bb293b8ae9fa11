"""Fill by line, nation, qualification and month; shortfalls ranked by the runs they cost;
the caveats that alone keep ready people off empty posts."""

from __future__ import annotations

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.force.caveats import CaveatImpact, caveat_blocks, caveat_impact
from cadre.domain.force.fill import Fill, MonthFill, NationFill, fill_report
from cadre.domain.force.problem import Allocation
from cadre.domain.force.shortfalls import RunsLost, shortfalls
from cadre.domain.requirements import Criticality, PostKind
from tests.factories import make_course
from tests.force_factories import day, make_line, make_offer, problem_of

H1 = (day("2019-01-01"), day("2019-06-01"))


def test_fill_is_counted_per_line_nation_qualification_and_month() -> None:
    lines = [
        make_line(number="C1", criticality=Criticality.CRITICAL, end=day("2019-06-30")),
        make_line(number="E1", qualification="MED-INS", count=2, end=day("2019-06-30")),
    ]
    offers = [make_offer(code="CAN", count=2), make_offer(code="SWE", nation="SWE")]
    allocations = [Allocation("C1", "SWE", *H1, 1), Allocation("E1", "CAN", *H1, 1)]
    report = fill_report(problem_of(lines, offers), allocations)
    assert report.total == Fill("all lines", 18, 12, 6, 6)
    assert [f.key for f in report.by_criticality] == ["critical", "essential", "desirable"]
    assert report.by_qualification == (Fill("CIED-INS", 6, 6, 6, 6), Fill("MED-INS", 12, 6))
    assert [(x.line.number, x.filled, x.months_short, x.nations) for x in report.by_line] == [
        ("C1", 6, 0, ("SWE",)),
        ("E1", 6, 6, ("CAN",)),
    ]
    assert report.by_nation == (NationFill("CAN", 12, 6, 0), NationFill("SWE", 6, 6, 6))
    assert report.by_month[0] == MonthFill(day("2019-01-01"), 3, 3, 2, 1, 1)
    assert round(report.weighted_share, 3) == round((600 + 60) / (600 + 120), 3)


def test_shortfalls_put_critical_first_then_the_runs_they_cost() -> None:
    course = make_course(code="CIED-101", instructors_per_run=2)
    lines = [
        make_line(number="D1", criticality=Criticality.DESIRABLE, count=4),
        make_line(number="E1", count=2, end=day("2019-03-31")),
        make_line(number="E2", count=1, courses=("NONE",)),
        make_line(number="C1", criticality=Criticality.CRITICAL, count=1, end=day("2019-01-31")),
    ]
    found = shortfalls(problem_of(lines, []), [], [course])
    assert [(s.line.number, s.post_months, s.worst, s.run_months_lost) for s in found] == [
        ("C1", 1, 1, 0.5),
        ("E1", 6, 2, 3.0),
        ("E2", 12, 1, 0.0),
        ("D1", 48, 4, 24.0),
    ]
    assert found[1].runs_lost == (RunsLost("CIED-101", 3.0),)
    assert (found[1].first_month, found[1].last_month) == (day("2019-01-01"), day("2019-03-01"))


def test_a_mobile_team_without_its_protection_loses_its_runs() -> None:
    course = make_course(code="CIED-101", instructors_per_run=2)
    team = make_line(number="MTT", count=4, mode=DeliveryMode.MOBILE_TRAINING_TEAM)
    guard = make_line(
        number="MTT-FP",
        qualification="FP",
        count=4,
        kind=PostKind.FORCE_PROTECTION,
        mode=DeliveryMode.MOBILE_TRAINING_TEAM,
        protects="MTT",
    )
    allocations = [Allocation("MTT", "O-CAN-1", day("2019-01-01"), day("2019-12-01"), 4)]
    problem = problem_of([team, guard], [make_offer(count=4)])
    (short,) = shortfalls(problem, allocations, [course])
    assert (short.line.number, short.post_months, short.runs_lost) == (
        "MTT-FP",
        48,
        (RunsLost("CIED-101", 24.0),),
    )


def test_caveat_block_counts_only_idle_people_and_only_the_posts_empty() -> None:
    line = make_line(number="M1", site="MOSUL", count=3)
    swe = make_offer(code="SWE", nation="SWE", count=2, caveats=("SWE-1",))
    can = make_offer(code="CAN", count=1)
    allocations = [Allocation("M1", "CAN", day("2019-01-01"), day("2019-12-01"), 1)]
    (block,) = caveat_blocks(problem_of([line], [swe, can]), allocations)
    assert (block.line, block.caveat, block.offers, block.post_months) == (
        "M1",
        "SWE-1",
        ("SWE",),
        24,
    )


def test_no_caveat_block_when_another_rule_bars_the_offer_too() -> None:
    line = make_line(number="M1", site="MOSUL", qualification="MED-INS")
    swe = make_offer(nation="SWE", caveats=("SWE-1",))  # counter-IED: wrong discipline anyway
    assert caveat_blocks(problem_of([line], [swe]), []) == ()


def test_caveat_impact_compares_the_matching_with_and_without_caveats() -> None:
    line = make_line(number="M1", site="MOSUL", count=2)
    offers = [make_offer(code="CAN"), make_offer(code="SWE", nation="SWE", caveats=("SWE-1",))]
    year = (day("2019-01-01"), day("2019-12-01"))
    with_caveats = [Allocation("M1", "CAN", *year, 1)]
    without = [Allocation("M1", "CAN", *year, 1), Allocation("M1", "SWE", *year, 1)]
    assert caveat_impact(problem_of([line], offers), with_caveats, without) == (
        CaveatImpact("M1", 12, ("SWE-1",), ("SWE",), "caveat SWE-1 bars MOSUL (Ninawa)"),
    )
