"""The independent checker on hand-made timetables whose conflicts and costs are counted by hand."""

from __future__ import annotations

import pathlib

from cadre.domain.itc2007 import (
    CostBreakdown,
    Event,
    Itc2007Rule,
    Itc2007Violation,
    Resource,
    ResourceKind,
    Session,
    TimeGrid,
    Timetable,
    TimetableProblem,
    TimetableRoom,
    check_itc2007,
    hard_violations,
    itc2007_cost,
)
from cadre.interchange.itc2007 import read_instance

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "itc2007"


def timetable(*sessions: tuple[str, str, int]) -> Timetable:
    return Timetable(tuple(Session(event, room, period) for event, room, period in sessions))


def test_a_poor_timetable_costs_each_component_as_counted_by_hand() -> None:
    problem = read_instance(DATA / "tiny_forced.ctt")  # 2 days x 3 periods
    # X (25 students) twice in Small (10 seats), once in Big; Y (40) in Big (30 seats).
    poor = timetable(("X", "Small", 0), ("X", "Small", 2), ("X", "Big", 4), ("Y", "Big", 0))
    assert check_itc2007(problem, poor) == []
    assert itc2007_cost(problem, poor) == CostBreakdown(
        room_capacity=15 + 15 + 10,
        min_working_days=5 * (3 - 2),
        isolated_sessions=2 * (3 + 1),  # every lecture of X and of Y stands alone in its day
        room_stability=1,  # X uses two rooms
    )


def test_the_best_timetable_of_the_forced_instance_costs_nineteen() -> None:
    problem = read_instance(DATA / "tiny_forced.ctt")
    best = timetable(("X", "Big", 0), ("X", "Big", 1), ("X", "Big", 3), ("Y", "Big", 2))
    cost = itc2007_cost(problem, best)
    assert (check_itc2007(problem, best), cost, cost.total) == (
        [],
        CostBreakdown(room_capacity=10, min_working_days=5, isolated_sessions=4, room_stability=0),
        19,
    )


def test_clashes_unavailability_and_double_booked_rooms_are_each_counted() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")  # A, B share curriculum Q1; A, C teacher t1
    clashing = timetable(
        ("A", "R1", 1), ("A", "R1", 2), ("B", "R1", 1), ("B", "R2", 3), ("C", "R2", 0)
    )
    conflicts = check_itc2007(problem, clashing)
    assert conflicts == [
        Itc2007Violation(Itc2007Rule.UNAVAILABLE, "C at period 0"),
        Itc2007Violation(Itc2007Rule.CLASH, "A and B at period 1"),
        Itc2007Violation(Itc2007Rule.ROOM_OCCUPIED, "R1 at period 1"),
    ]
    assert hard_violations(conflicts) == 3


def test_a_conflicting_pair_counts_once_per_period_and_missing_lectures_count_each() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    crowded = timetable(("A", "R1", 1), ("B", "R2", 1), ("C", "R2", 1))
    conflicts = check_itc2007(problem, crowded)
    assert conflicts == [
        Itc2007Violation(Itc2007Rule.SESSIONS, "A: 1 missing"),
        Itc2007Violation(Itc2007Rule.SESSIONS, "B: 1 missing"),
        Itc2007Violation(Itc2007Rule.CLASH, "A and B at period 1"),
        Itc2007Violation(Itc2007Rule.CLASH, "A and C at period 1"),
        Itc2007Violation(Itc2007Rule.ROOM_OCCUPIED, "R2 at period 1"),
    ]


def test_names_the_problem_does_not_know_are_conflicts() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    strange = timetable(("A", "R9", 0), ("A", "R1", 2), ("B", "R1", 1), ("B", "R1", 3))
    strange = Timetable((*strange.sessions, Session("C", "R2", 1), Session("Z", "R2", 99)))
    assert check_itc2007(problem, strange) == [
        Itc2007Violation(Itc2007Rule.UNKNOWN, "room R9"),
        Itc2007Violation(Itc2007Rule.UNKNOWN, "event Z"),
        Itc2007Violation(Itc2007Rule.UNKNOWN, "period 99"),
    ]


def make_long_problem() -> TimetableProblem:
    """Two-period sessions on two days of three periods, sharing cohort K."""
    return TimetableProblem(
        name="long",
        grid=TimeGrid(days=2, periods_per_day=3),
        rooms=(TimetableRoom("R", 20), TimetableRoom("S", 20)),
        resources=(Resource("K", ResourceKind.COHORT, compact=True),),
        events=(
            Event("E", sessions=1, size=10, resources=("K",), duration=2),
            Event("F", sessions=1, size=10, resources=("K",), duration=2),
        ),
    )


def test_sessions_longer_than_a_period_clash_where_they_overlap_and_must_fit_the_day() -> None:
    overlapping = timetable(("E", "R", 0), ("F", "R", 1))
    assert check_itc2007(make_long_problem(), overlapping) == [
        Itc2007Violation(Itc2007Rule.CLASH, "E and F at period 1"),
        Itc2007Violation(Itc2007Rule.ROOM_OCCUPIED, "R at period 1"),
    ]
    past_the_day = timetable(("E", "R", 2), ("F", "S", 3))
    assert check_itc2007(make_long_problem(), past_the_day) == [
        Itc2007Violation(Itc2007Rule.UNAVAILABLE, "E at period 2"),
        Itc2007Violation(Itc2007Rule.CLASH, "E and F at period 3"),
    ]


def test_a_two_period_session_alone_in_its_day_is_not_isolated() -> None:
    problem = make_long_problem()
    alone = timetable(("E", "R", 0), ("F", "R", 3))
    assert itc2007_cost(problem, alone) == CostBreakdown(0, 0, 0, 0)
