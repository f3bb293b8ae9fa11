"""Overlaps of the coordination register, against cases worked out by hand."""

from __future__ import annotations

import datetime as dt

from cadre.domain.coordination.activities import Activity
from cadre.domain.coordination.overlaps import Overlap, find_overlaps, overlap_of
from tests.coordination_factories import make_activity

JAN_1, JAN_22, JAN_31, FEB_28 = (
    dt.date(2019, 1, 1),
    dt.date(2019, 1, 22),
    dt.date(2019, 1, 31),
    dt.date(2019, 2, 28),
)


def _pair(**second: object) -> tuple[Activity, Activity]:
    first = make_activity(
        code="UN-1", district="IQG15Q04", site="Mosul Training Centre", start=JAN_1, end=JAN_31
    )
    other = {
        "code": "CAN-1",
        "organisation": "CAN",
        "beneficiary": "iraqi army 15th  division",  # the same unit, written otherwise
        "district": "IQG15Q04",
        "site": "Mosul training centre",
        "start": JAN_22,
        "end": FEB_28,
    }
    other.update(second)
    return first, make_activity(**other)


def test_two_actors_at_the_same_site_overlap_by_the_shorter_ones_share_of_days() -> None:
    # Jan 22-31 is 10 of the shorter activity's 31 days, at the same site: 10/31 = 0.32.
    first, second = _pair()
    assert overlap_of(first, second) == Overlap(
        "IQG15",
        "CIED",
        "iraqi army 15th  division",
        "CAN-1",
        "UN-1",
        ("CAN", "UNDP"),
        JAN_22,
        JAN_31,
        "site",
        0.32,
    )


def test_other_sites_in_one_district_weigh_less_and_one_governorate_less_again() -> None:
    district = overlap_of(*_pair(site="Hamam al-Alil camp"))
    governorate = overlap_of(*_pair(district="", site=""))
    assert (district and district.place, district and district.score) == ("district", 0.26)
    assert (governorate and governorate.place, governorate and governorate.score) == (
        "governorate",
        0.19,
    )


def test_different_districts_units_skills_actors_or_days_do_not_overlap() -> None:
    apart = [
        _pair(district="IQG15Q01"),
        _pair(beneficiary="Federal Police"),
        _pair(discipline="MED"),
        _pair(organisation="UNDP"),
        _pair(start=dt.date(2019, 2, 1)),
    ]
    assert [overlap_of(a, b) for a, b in apart] == [None] * 5


def test_activities_touching_on_one_day_overlap_on_that_day() -> None:
    found = overlap_of(*_pair(start=JAN_31, district="", site=""))
    # one day of the shorter (29 days, Jan 31 - Feb 28) at governorate level: 1/29*0.6 = 0.02
    assert found is not None
    assert (found.start, found.end, found.score) == (JAN_31, JAN_31, 0.02)


def test_find_overlaps_lists_each_pair_once_highest_score_first() -> None:
    first, second = _pair()
    third = make_activity(
        code="EU-1", organisation="EUAM", start=JAN_1, end=JAN_31, district="", site=""
    )
    found = find_overlaps([second, third, first])
    assert [(o.first, o.second, o.score) for o in found] == [
        ("EU-1", "UN-1", 0.6),
        ("CAN-1", "UN-1", 0.32),
        ("CAN-1", "EU-1", 0.19),
    ]
