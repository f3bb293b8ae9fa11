"""The whole deployed force: given the ratios, the force is trainers + advisers + headquarters
+ force protection + support, each computed by hand below."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.force.whole_force import MissionFrame, layers, posts_by_month, whole_force_lines
from cadre.domain.months import add_months, month_end
from cadre.domain.requirements import Criticality, PostKind
from cadre.domain.scenario import PlanningParameters
from tests.force_factories import make_line

JAN, FEB, MAR = dt.date(2019, 1, 1), dt.date(2019, 2, 1), dt.date(2019, 3, 1)
FRAME = MissionFrame((JAN, FEB, MAR), dt.date(2019, 1, 10), dt.date(2019, 3, 31), "HQ")
RATIOS = PlanningParameters(
    headquarters_core=20,
    headquarters_per_trainer=0.1,
    advisers_at_headquarters=10,
    advisers_per_school=2,
    force_protection_per_site=30,
    force_protection_per_mobile_trainer=1.0,
    support_per_deployed=0.25,
)


def teaching() -> tuple:
    """Four instructors at Taji all quarter, three at Besmaya in February only."""
    return (
        make_line(number="SOR-0001", site="TAJI", count=4, start=JAN, end=dt.date(2019, 3, 31)),
        make_line(number="SOR-0002", site="BESMAYA", count=3, start=FEB, end=dt.date(2019, 2, 28)),
    )


def test_the_whole_force_is_each_kind_by_its_ratio_month_by_month() -> None:
    lines = (*teaching(), *whole_force_lines(teaching(), RATIOS, FRAME))
    by_kind = posts_by_month(lines, FRAME.months)
    # January: 4 trainers at 1 school; February: 7 at 2 schools; March as January.
    assert by_kind[PostKind.TEACHING] == (4, 7, 4)
    assert by_kind[PostKind.ADVISER] == (10 + 2, 10 + 4, 10 + 2)
    # 20 + ⌈0.1 × (4 + 12)⌉ = 22; 20 + ⌈0.1 × (7 + 14)⌉ = 23
    assert by_kind[PostKind.HEADQUARTERS] == (22, 23, 22)
    # a platoon at the headquarters and at each school
    assert by_kind[PostKind.FORCE_PROTECTION] == (60, 90, 60)
    # ⌈0.25 × (4 + 12 + 22 + 60)⌉ = ⌈24.5⌉ = 25; ⌈0.25 × (7 + 14 + 23 + 90)⌉ = ⌈33.5⌉ = 34
    assert by_kind[PostKind.SUPPORT] == (25, 34, 25)
    whole = [sum(series[t] for series in by_kind.values()) for t in range(3)]
    assert whole == [4 + 12 + 22 + 60 + 25, 7 + 14 + 23 + 90 + 34, 123]


def test_derived_lines_keep_to_the_mission_and_name_their_specialty() -> None:
    lines = whole_force_lines(teaching(), RATIOS, FRAME)
    assert {(x.kind, x.qualification) for x in lines} == {
        (PostKind.ADVISER, "ADV"),
        (PostKind.HEADQUARTERS, "HQ"),
        (PostKind.FORCE_PROTECTION, "FP"),
        (PostKind.SUPPORT, "SUP"),
    }
    assert min(x.start for x in lines) == dt.date(2019, 1, 10)  # the mission's first day
    assert len({x.number for x in lines}) == len(lines)
    besmaya = [x for x in lines if x.site == "BESMAYA"]
    assert {(x.kind, x.count, x.start, x.end) for x in besmaya} == {
        (PostKind.ADVISER, 2, FEB, dt.date(2019, 2, 28)),
        (PostKind.FORCE_PROTECTION, 30, FEB, dt.date(2019, 2, 28)),
    }


def test_a_site_guard_is_as_critical_as_the_posts_it_protects() -> None:
    critical = (make_line(site="TAJI", criticality=Criticality.CRITICAL, start=JAN, end=JAN),)
    guards = [
        x for x in whole_force_lines(critical, RATIOS, FRAME) if x.kind is PostKind.FORCE_PROTECTION
    ]
    assert {(x.site, x.criticality) for x in guards} == {
        ("HQ", Criticality.ESSENTIAL),
        ("TAJI", Criticality.CRITICAL),
    }


def test_a_mobile_team_brings_its_own_guards_and_makes_no_school() -> None:
    mobile = make_line(site="TAJI", mode=DeliveryMode.MOBILE_TRAINING_TEAM, count=4)
    escort = make_line(
        number="L1-FP", kind=PostKind.FORCE_PROTECTION, qualification="FP", count=4, protects="L1"
    )
    frame = MissionFrame((JAN,), JAN, dt.date(2019, 1, 31), "HQ")
    lines = (mobile, escort, *whole_force_lines((mobile, escort), RATIOS, frame))
    by_kind = posts_by_month(lines, frame.months)
    assert by_kind[PostKind.ADVISER] == (10,)  # no school: the team only visits
    assert by_kind[PostKind.FORCE_PROTECTION] == (30 + 4,)  # the HQ's platoon and the escort
    assert by_kind[PostKind.HEADQUARTERS] == (20 + 2,)  # ⌈0.1 × 14⌉
    assert by_kind[PostKind.SUPPORT] == (18,)  # ⌈0.25 × (4 + 10 + 22 + 34)⌉ = ⌈17.5⌉


def test_a_kind_the_scenario_writes_is_taken_as_written_and_counted() -> None:
    staff = make_line(
        number="HQ-1", kind=PostKind.HEADQUARTERS, qualification="HQ-J7", count=5, site="HQ"
    )
    lines = whole_force_lines(teaching(), RATIOS, FRAME, written=(staff,))
    assert not [x for x in lines if x.kind is PostKind.HEADQUARTERS]
    by_kind = posts_by_month((*teaching(), staff, *lines), FRAME.months)
    # January: ⌈0.25 × (4 + 12 + 5 + 60)⌉ = ⌈20.25⌉ = 21
    assert by_kind[PostKind.SUPPORT][0] == 21


def test_no_teaching_leaves_the_headquarters_its_advisers_guards_and_support() -> None:
    by_kind = posts_by_month(whole_force_lines((), RATIOS, FRAME), FRAME.months)
    # 20 + ⌈0.1 × 10⌉ = 21 staff; ⌈0.25 × (10 + 21 + 30)⌉ = ⌈15.25⌉ = 16 support
    assert [by_kind[k][0] for k in PostKind] == [0, 21, 10, 30, 16]


def test_zero_ratios_add_nothing_but_the_fixed_posts() -> None:
    none = PlanningParameters(
        headquarters_core=0,
        headquarters_per_trainer=0.0,
        advisers_at_headquarters=0,
        advisers_per_school=0,
        force_protection_per_site=0,
        support_per_deployed=0.0,
    )
    assert whole_force_lines(teaching(), none, FRAME) == ()


@given(st.lists(st.integers(0, 9), min_size=1, max_size=24))
def test_layers_add_up_to_the_need_in_every_month(values: list[int]) -> None:
    need = {add_months(JAN, i): v for i, v in enumerate(values)}
    if not any(values):
        return
    cut = layers({m: v for m, v in need.items() if v})
    assert [
        sum(count for first, last, count in cut if first <= month <= last) for month in need
    ] == values


def test_derived_posts_stay_within_the_mission_when_the_horizon_runs_past_it() -> None:
    frame = MissionFrame((JAN, FEB, MAR), JAN, dt.date(2019, 2, 15), "HQ")
    lines = whole_force_lines(teaching(), RATIOS, frame)
    assert max(x.end for x in lines) == dt.date(2019, 2, 15)
    assert all(x.start <= x.end for x in lines)


SITES = ("HQ", "TAJI", "BESMAYA")


@st.composite
def teaching_lines(draw: st.DrawFn) -> tuple:
    lines = []
    for i in range(draw(st.integers(0, 4))):
        first, last = sorted(draw(st.lists(st.integers(0, 2), min_size=2, max_size=2)))
        lines.append(
            make_line(
                number=f"T{i}",
                site=draw(st.sampled_from(SITES)),
                mode=draw(
                    st.sampled_from([DeliveryMode.RESIDENT, DeliveryMode.MOBILE_TRAINING_TEAM])
                ),
                count=draw(st.integers(1, 9)),
                start=FRAME.months[first],
                end=month_end(FRAME.months[last]),
            )
        )
    return tuple(lines)


@given(
    teaching_lines(),
    st.integers(0, 30),
    st.sampled_from([0.0, 0.1, 0.33]),
    st.integers(0, 40),
    st.integers(0, 5),
    st.integers(0, 40),
    st.sampled_from([0.0, 0.25, 0.4]),
)
def test_the_whole_force_keeps_its_formulas_for_any_teaching_force(
    taught: tuple, core: int, per_trainer: float, at_hq: int, per_school: int, guard: int,
    support: float,
) -> None:  # fmt: skip
    ratios = PlanningParameters(
        headquarters_core=core,
        headquarters_per_trainer=per_trainer,
        advisers_at_headquarters=at_hq,
        advisers_per_school=per_school,
        force_protection_per_site=guard,
        support_per_deployed=support,
    )
    by_kind = posts_by_month((*taught, *whole_force_lines(taught, ratios, FRAME)), FRAME.months)
    for t, month in enumerate(FRAME.months):
        here = [x for x in taught if x.start <= month_end(month) and x.end >= month]
        trainers = sum(x.count for x in here)
        schools = {x.site for x in here if x.site != "HQ" and x.mode is DeliveryMode.RESIDENT}
        advisers = at_hq + per_school * len(schools)
        staff = core + math.ceil(per_trainer * (trainers + advisers) - 1e-9)
        guards = guard * (1 + len(schools))
        rest = math.ceil(support * (trainers + advisers + staff + guards) - 1e-9)
        assert (
            by_kind[PostKind.TEACHING][t],
            by_kind[PostKind.ADVISER][t],
            by_kind[PostKind.HEADQUARTERS][t],
            by_kind[PostKind.FORCE_PROTECTION][t],
            by_kind[PostKind.SUPPORT][t],
        ) == (trainers, advisers, staff, guards, rest)
