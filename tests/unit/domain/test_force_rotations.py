"""The relief calendar from a matching: tours of the nation's length, reliefs in place with
their handover, and the gaps where a tour ends with nobody to take over."""

from __future__ import annotations

from cadre.domain.force.problem import Allocation
from cadre.domain.force.rotations import Gap, Relief, Tour, rotation_plan
from tests.force_factories import day, make_line, make_offer, problem_of


def test_a_nation_relieves_its_own_people_every_tour_with_the_full_overlap() -> None:
    problem = problem_of([make_line()], [make_offer(tour_months=4)])
    plan = rotation_plan(
        problem, [Allocation("L1", "O-CAN-1", day("2019-01-01"), day("2019-12-01"), 1)], 10
    )
    assert [(t.start, t.end) for t in plan.tours] == [
        (day("2019-01-01"), day("2019-04-30")),
        (day("2019-05-01"), day("2019-08-31")),
        (day("2019-09-01"), day("2019-12-31")),
    ]
    assert [(r.arrives, r.handover_days, r.short_by) for r in plan.reliefs] == [
        (day("2019-04-21"), 10, 0),
        (day("2019-08-22"), 10, 0),
    ]
    assert plan.gaps == ()


def test_relief_by_another_nation_whose_offer_starts_late_is_flagged_short() -> None:
    offers = [
        make_offer(code="CAN", end=day("2019-06-30")),
        make_offer(code="SWE", nation="SWE", start=day("2019-07-01")),
    ]
    allocations = [
        Allocation("L1", "CAN", day("2019-01-01"), day("2019-06-01"), 1),
        Allocation("L1", "SWE", day("2019-07-01"), day("2019-12-01"), 1),
    ]
    plan = rotation_plan(problem_of([make_line()], offers), allocations, 14)
    out = Tour("L1", 1, "CAN", "CAN", day("2019-01-01"), day("2019-06-30"))
    into = Tour("L1", 1, "SWE", "SWE", day("2019-07-01"), day("2019-12-31"))
    assert plan.reliefs == (Relief(out, into, day("2019-07-01"), 0, 14),)


def test_a_tour_that_ends_with_no_relief_leaves_a_gap_until_someone_comes() -> None:
    offers = [
        make_offer(code="A", end=day("2019-04-30")),
        make_offer(code="B", start=day("2019-07-01")),
    ]
    allocations = [
        Allocation("L1", "A", day("2019-01-01"), day("2019-04-01"), 1),
        Allocation("L1", "B", day("2019-07-01"), day("2019-12-01"), 1),
    ]
    plan = rotation_plan(problem_of([make_line()], offers), allocations)
    ended = Tour("L1", 1, "A", "CAN", day("2019-01-01"), day("2019-04-30"))
    assert plan.gaps == (Gap("L1", 1, day("2019-05-01"), day("2019-06-30"), ended),)
    assert (plan.unrelieved, plan.reliefs) == (plan.gaps, ())


def test_a_post_never_filled_is_a_gap_without_a_tour_before_it() -> None:
    plan = rotation_plan(problem_of([make_line(start=day("2019-03-10"))], []), [])
    assert plan.gaps == (Gap("L1", 1, day("2019-03-10"), day("2019-12-31"), None),)
    assert plan.unrelieved == ()


def test_people_keep_their_post_while_their_offer_shrinks_and_grows() -> None:
    line = make_line(count=2)
    offers = [make_offer(code="A", count=2), make_offer(code="B", count=1)]
    allocations = [
        Allocation("L1", "A", day("2019-01-01"), day("2019-03-01"), 2),
        Allocation("L1", "A", day("2019-04-01"), day("2019-12-01"), 1),
        Allocation("L1", "B", day("2019-04-01"), day("2019-12-01"), 1),
    ]
    plan = rotation_plan(problem_of([line], offers), allocations)
    assert [(t.post, t.offer, t.start, t.end) for t in plan.tours] == [
        (1, "A", day("2019-01-01"), day("2019-06-30")),
        (1, "A", day("2019-07-01"), day("2019-12-31")),
        (2, "A", day("2019-01-01"), day("2019-03-31")),
        (2, "B", day("2019-04-01"), day("2019-09-30")),
        (2, "B", day("2019-10-01"), day("2019-12-31")),
    ]
    assert plan.gaps == ()
