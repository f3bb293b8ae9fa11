"""Each rule of the mission, on a valid baseline changed in exactly one place."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cadre.domain.contributors import Caveat
from cadre.domain.host import Demand
from cadre.domain.rules import Violation, check_scenario
from cadre.domain.sites import Holiday, Room, Site, SiteKind
from tests.factories import REGISTRIES, make_course, make_pledge, make_scenario


def violations(**changes: object) -> list[Violation]:
    return check_scenario(make_scenario(**changes), REGISTRIES)


def test_the_baseline_breaks_no_rule() -> None:
    assert violations() == []


def test_unknown_prerequisite_is_named_with_the_course() -> None:
    courses = (make_course(), make_course(code="CIED-201", prerequisites=("CIED-999",)))
    assert violations(courses=courses) == [
        Violation(
            ("courses", 1, "prerequisites", 0),
            "course CIED-201 requires CIED-999, which is not in the catalogue",
        )
    ]


def test_prerequisite_cycle_is_reported_once_with_its_chain() -> None:
    courses = (
        make_course(code="A", prerequisites=("C",)),
        make_course(code="B", prerequisites=("A",)),
        make_course(code="C", prerequisites=("B",)),
    )
    assert violations(courses=courses, demands=()) == [
        Violation(("courses", 0, "prerequisites"), "prerequisites form a cycle: A → C → B → A")
    ]


def test_course_requiring_itself_is_refused() -> None:
    courses = (make_course(prerequisites=("CIED-101",)),)
    found = violations(courses=courses)
    assert Violation(("courses", 0, "prerequisites", 0), "course CIED-101 requires itself") in found


def test_duplicate_course_code_points_at_the_second() -> None:
    found = violations(courses=(make_course(), make_course()))
    assert found == [Violation(("courses", 1, "code"), "course code CIED-101 is used twice")]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_days", 0, "course CIED-101: duration days must be at least 1, not 0"),
        (
            "instructors_per_run",
            -1,
            "course CIED-101: instructors per run must be at least 1, not -1",
        ),
        ("pass_rate", 1.2, "course CIED-101: pass rate must be above 0 and at most 1, not 1.2"),
    ],
)
def test_course_sizes_must_make_sense(field: str, value: float, message: str) -> None:
    courses = (make_course(**{field: value}),)
    assert violations(courses=courses) == [Violation(("courses", 0, field), message)]


def test_class_minimum_above_maximum_is_refused() -> None:
    courses = (make_course(min_class_size=40, max_class_size=30),)
    assert violations(courses=courses) == [
        Violation(
            ("courses", 0, "min_class_size"),
            "course CIED-101: the smallest class (40) is larger than the largest (30)",
        )
    ]


def test_pledge_tour_longer_than_its_caveat_allows_is_refused() -> None:
    pledges = (
        make_pledge(),
        make_pledge(code="P-SWE-1", nation="SWE", tour_months=12, caveats=("SWE-1",)),
    )
    assert violations(pledges=pledges) == [
        Violation(
            ("pledges", 1, "tour_months"),
            "pledge P-SWE-1 has 12-month tours, but caveat SWE-1 of SWE allows at most 6 months",
        )
    ]


def test_pledge_under_another_nations_caveat_is_refused() -> None:
    pledges = (make_pledge(caveats=("SWE-1",)),)
    assert violations(pledges=pledges) == [
        Violation(
            ("pledges", 0, "caveats", 0),
            "pledge P-CAN-1 from CAN is under caveat SWE-1, which belongs to SWE",
        )
    ]


def test_pledge_dates_out_of_order_are_refused() -> None:
    pledges = (make_pledge(start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1)),)
    assert violations(pledges=pledges) == [
        Violation(
            ("pledges", 0, "end"),
            "pledge P-CAN-1 ends on 2019-01-01, not after it starts on 2020-01-01",
        )
    ]


def test_pledge_from_an_organisation_is_refused() -> None:
    pledges = (make_pledge(), make_pledge(code="P-NATO", nation="NATO"))
    assert violations(pledges=pledges) == [
        Violation(
            ("pledges", 1, "nation"), "pledge P-NATO is from NATO, which is not an ally or partner"
        )
    ]


def test_unknown_nation_code_is_refused_but_organisations_are_free() -> None:
    scenario = make_scenario()
    from cadre.domain.contributors import Contributor, ContributorRole

    contributors = (*scenario.contributors, Contributor("XYZ", "Nowhere", ContributorRole.ALLY))
    assert check_scenario(dataclasses.replace(scenario, contributors=contributors), REGISTRIES) == [
        Violation(
            ("contributors", 4, "code"),
            "XYZ is not an ISO 3166 alpha-3 nation code (role ally)",
        )
    ]


def test_caveat_allowing_a_region_without_sites_is_refused() -> None:
    caveats = (Caveat("SWE-1", "SWE", allowed_regions=frozenset({"Bagdad"}), max_tour_months=6),)
    assert violations(caveats=caveats) == [
        Violation(
            ("caveats", 0, "allowed_regions", "Bagdad"),
            "caveat SWE-1 allows region Bagdad, where no site is",
        )
    ]


def test_demand_outside_the_mission_years_is_refused() -> None:
    demands = (Demand("Iraqi Army", "CIED-101", 2031, 100),)
    assert violations(demands=demands) == [
        Violation(
            ("demands", 0, "year"),
            "demand for CIED-101 in 2031 falls outside the mission (2019–2020)",
        )
    ]


def test_holiday_ending_before_it_starts_is_refused() -> None:
    site = Site(
        "TAJI",
        "Taji",
        SiteKind.TRAINING_CENTRE,
        "Baghdad",
        rooms=(Room("R1", 30),),
        holidays=(Holiday("Eid", dt.date(2019, 6, 7), dt.date(2019, 6, 4)),),
    )
    assert violations(sites=(site,)) == [
        Violation(
            ("sites", 0, "holidays", 0, "end"),
            "holiday Eid ends on 2019-06-04, before it starts on 2019-06-07",
        )
    ]


def test_every_problem_is_reported_not_just_the_first() -> None:
    courses = (make_course(duration_days=0, min_class_size=0, grants="NOPE"),)
    paths = [v.path for v in violations(courses=courses)]
    assert paths == [
        ("courses", 0, "grants"),
        ("courses", 0, "duration_days"),
        ("courses", 0, "min_class_size"),
    ]


def test_planning_rates_out_of_bounds_are_refused() -> None:
    from cadre.domain.scenario import PlanningParameters

    planning = PlanningParameters(attrition_per_month=1.5, teaching_fraction=0.0)
    assert violations(planning=planning) == [
        Violation(
            ("planning", "attrition_per_month"),
            "attrition per month must be at least 0 and below 1, not 1.5",
        ),
        Violation(
            ("planning", "teaching_fraction"),
            "teaching fraction must be above 0 and at most 1, not 0.0",
        ),
    ]


def test_seats_offered_on_a_course_not_taught_abroad_are_refused() -> None:
    from cadre.domain.scenario import PlanningParameters, SeatOffer

    planning = PlanningParameters(out_of_country_seats=(SeatOffer("CAN", "CIED-101", 2019, 5),))
    assert violations(planning=planning) == [
        Violation(
            ("planning", "out_of_country_seats", 0, "course"),
            "seats are offered on CIED-101, which is not taught out of country",
        )
    ]


def test_site_teaching_an_unknown_discipline_is_refused() -> None:
    site = Site("TAJI", "Taji", SiteKind.TRAINING_CENTRE, "Baghdad", disciplines=frozenset({"MED"}))
    assert violations(sites=(site,)) == [
        Violation(
            ("sites", 0, "disciplines", "MED"),
            "site TAJI teaches discipline MED, which is not defined",
        )
    ]


def test_a_negative_ratio_of_the_whole_force_is_refused() -> None:
    from cadre.domain.scenario import PlanningParameters

    planning = PlanningParameters(support_per_deployed=-0.1, force_protection_per_site=0)
    assert violations(planning=planning) == [
        Violation(
            ("planning", "support_per_deployed"),
            "support per deployed must be 0 or more, not -0.1",
        )
    ]


def test_an_unusable_distribution_is_named_with_its_figure() -> None:
    from cadre.domain.uncertain_inputs import Distribution, DistributionKind, Uncertainty

    stated = Uncertainty(
        attrition=Distribution(DistributionKind.TRIANGULAR, 0.01, 1.5, mode=2.0),
        pass_rate=Distribution(DistributionKind.BETA, 0.9, 1.1, alpha=0, beta=2),
    )
    found = [(v.path[-1], v.message) for v in violations(uncertainty=stated)]
    assert any(path == "attrition" and "mode" in m for path, m in found)
    assert any(path == "attrition" and "at most 1" in m for path, m in found)
    assert any(path == "pass_rate" and "alpha and beta" in m for path, m in found)
    assert violations() == []
