"""Gaps of the coordination register and the map's totals, against cases worked out by hand."""

from __future__ import annotations

from cadre.domain.coordination.activities import Status
from cadre.domain.coordination.gaps import (
    Cover,
    Gap,
    GovernorateActivity,
    by_governorate,
    covers,
    find_gaps,
)
from cadre.domain.coordination.places import GOVERNORATES
from tests.coordination_factories import make_activity, make_need

NEEDS = [
    make_need(governorate="IQG15", discipline="CIED", people=100),
    make_need(governorate="IQG15", discipline="MED", people=50),
    make_need(governorate="IQG08", discipline="CIED", people=150),
    make_need(governorate="IQG08", discipline="CIED", people=50, organisation="MOD"),
]
COVERS = [
    Cover("IQG15", "CIED", "UNDP", 1, 30),
    Cover("IQG15", "CIED", "CAN", 2, 70),
    Cover("IQG08", "CIED", "NATO", 1, 120),
    Cover("IQG01", "LOG", "USA", 1, 10),  # no demand stated there: never a gap
]


def test_a_cell_is_a_gap_when_its_activities_count_for_fewer_people_than_its_demand() -> None:
    # Ninewa counter-IED: 30 + 70 = 100 of 100, covered. Baghdad counter-IED: 120 of 150 + 50,
    # short by 80. Ninewa medicine: nobody, short by 50 and uncovered.
    assert find_gaps(COVERS, NEEDS) == [
        Gap("IQG08", "CIED", 200, 120, 1, ("NATO",)),
        Gap("IQG15", "MED", 50, 0, 0, ()),
    ]
    gaps = find_gaps(COVERS, NEEDS)
    assert [(g.shortfall, g.uncovered) for g in gaps] == [(80, False), (50, True)]


def test_people_count_those_reached_once_completed_else_those_planned() -> None:
    lines = [
        make_activity(code="1", status=Status.COMPLETED, planned=40, reached=35),
        make_activity(code="2", status=Status.ONGOING, planned=40, reached=10),
        make_activity(code="3", status=Status.COMPLETED, planned=20),
        make_activity(code="4", organisation="CAN", planned=None),
    ]
    assert covers(lines) == [
        Cover("IQG15", "CIED", "CAN", 1, 0),
        Cover("IQG15", "CIED", "UNDP", 3, 35 + 40 + 20),
    ]


def test_the_map_has_every_governorate_with_its_activity_and_gaps() -> None:
    found = {g.governorate: g for g in by_governorate(COVERS, find_gaps(COVERS, NEEDS))}
    assert len(found) == len(GOVERNORATES) == 18
    assert found["IQG15"] == GovernorateActivity("IQG15", 3, 100, ("CAN", "UNDP"), 1, 1)
    assert found["IQG08"] == GovernorateActivity("IQG08", 1, 120, ("NATO",), 1, 0)
    assert found["IQG01"] == GovernorateActivity("IQG01", 1, 10, ("USA",), 0, 0)
    assert found["IQG02"] == GovernorateActivity("IQG02", 0, 0, (), 0, 0)
