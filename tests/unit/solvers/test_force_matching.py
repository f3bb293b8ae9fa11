"""Matching on hand-made cases whose best fill is known, every result run through the
independent checker; and properties over generated cases."""

from __future__ import annotations

import datetime as dt

import highspy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.contributors import Caveat
from cadre.domain.force.caveats import caveat_blocks
from cadre.domain.force.check import check_force_plan, filled_post_months
from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import Allocation, ForcePlan, ForceProblem
from cadre.domain.force.rotations import rotation_plan
from cadre.domain.planning import SolveStatus
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, RequirementLine
from cadre.solvers.force.matching import solve_force
from tests.force_factories import day, force_scenario, make_line, make_offer, problem_of


def solve(problem: ForceProblem) -> ForcePlan:
    result = solve_force(problem)
    assert result.status is SolveStatus.OPTIMAL
    plan = result.solution
    assert check_force_plan(problem, plan.allocations) == []
    recount = filled_post_months(problem, plan.allocations)
    assert {t.criticality: t.filled for t in plan.fills if t.filled} == dict(recount)
    return plan


def fill(plan: ForcePlan) -> tuple[int, ...]:
    return tuple(t.filled for t in plan.fills)


def test_an_offer_covering_the_whole_line_fills_every_post_month() -> None:
    problem = problem_of([make_line(count=2)], [make_offer(count=3)])
    result = solve(problem)
    assert result.allocations == (
        Allocation("L1", "O-CAN-1", day("2019-01-01"), day("2019-12-01"), 2),
    )
    assert fill(result) == (0, 24, 0)


def test_critical_line_is_filled_before_any_number_of_desirable_ones() -> None:
    lines = [
        make_line(number="D1", criticality=Criticality.DESIRABLE, count=5),
        make_line(number="C1", criticality=Criticality.CRITICAL, count=1),
    ]
    result = solve(problem_of(lines, [make_offer(count=1)]))
    assert fill(result) == (12, 0, 0)


def test_master_trainer_fills_an_instructor_post_but_not_the_reverse() -> None:
    lines = [make_line(number="INS"), make_line(number="MT", qualification="CIED-MT")]
    offers = [
        make_offer(code="O-MT", qualification="CIED-MT"),
        make_offer(code="O-INS", qualification="CIED-INS"),
    ]
    # Taking the instructor post with the master trainer would leave the master post empty.
    result = solve(problem_of(lines, offers))
    assert {(a.line, a.offer) for a in result.allocations} == {("INS", "O-INS"), ("MT", "O-MT")}
    assert fill(result) == (0, 24, 0)


def test_qualification_of_another_discipline_fills_nothing() -> None:
    result = solve(problem_of([make_line()], [make_offer(qualification="MED-INS")]))
    assert result.allocations == ()


def test_rank_outside_the_band_fills_nothing() -> None:
    offer = make_offer(rank_band=RankBand.parse("OR-3..OR-4"))
    result = solve(problem_of([make_line()], [offer]))
    assert result.allocations == ()


def test_offer_against_a_line_fills_only_that_line() -> None:
    lines = [make_line(number="L1", criticality=Criticality.CRITICAL), make_line(number="L2")]
    offer = make_offer(qualification=None, line="L2")
    result = solve(problem_of(lines, [offer]))
    assert {a.line for a in result.allocations} == {"L2"}


def test_a_post_only_a_caveat_blocks_stays_empty_and_names_the_caveat() -> None:
    lines = [make_line(number="MOSUL-1", site="MOSUL"), make_line(number="TAJI-1")]
    offers = [
        make_offer(code="O-CAN-1"),
        make_offer(code="O-SWE-1", nation="SWE", caveats=("SWE-1",)),
    ]
    problem = problem_of(lines, offers)
    result = solve(problem)
    # Only Canada may go to Mosul, so Sweden takes Taji: both posts filled.
    assert {(a.line, a.offer) for a in result.allocations} == {
        ("MOSUL-1", "O-CAN-1"),
        ("TAJI-1", "O-SWE-1"),
    }
    alone = problem_of([lines[0]], [offers[1]])
    blocked = caveat_blocks(alone, solve(alone).allocations)
    assert [(b.line, b.caveat, b.nation, b.offers, b.post_months) for b in blocked] == [
        ("MOSUL-1", "SWE-1", "SWE", ("O-SWE-1",), 12)
    ]
    assert blocked[0].reason == "caveat SWE-1 bars MOSUL (Ninawa)"


def test_caveat_bars_mobile_teams_and_tours_longer_than_it_allows() -> None:
    swe = {"nation": "SWE", "caveats": ("SWE-1",)}
    mobile = make_line(mode=DeliveryMode.MOBILE_TRAINING_TEAM)
    assert solve(problem_of([mobile], [make_offer(**swe)])).allocations == ()
    assert solve(problem_of([make_line()], [make_offer(**swe, tour_months=12)])).allocations == ()
    assert fill(solve(problem_of([make_line()], [make_offer(**swe)]))) == (0, 12, 0)


def test_region_post_is_open_to_a_caveat_that_allows_one_of_its_sites() -> None:
    line = make_line(site=None, region="Baghdad")
    only_besmaya = Caveat("CAN-B", "CAN", allowed_sites=frozenset({"BESMAYA"}))
    only_mosul = Caveat("CAN-M", "CAN", allowed_sites=frozenset({"MOSUL"}))
    scenario = force_scenario(caveats=(only_besmaya, only_mosul))
    ok = problem_of([line], [make_offer(caveats=("CAN-B",))], scenario)
    barred = problem_of([line], [make_offer(caveats=("CAN-M",))], scenario)
    assert (fill(solve(ok)), fill(solve(barred))) == ((0, 12, 0), (0, 0, 0))


def test_offer_must_hold_every_day_the_line_needs_in_a_month() -> None:
    line = make_line(start=day("2019-03-15"), end=day("2019-06-30"))
    early = make_offer(code="EARLY", start=day("2019-03-10"), end=day("2019-06-30"))
    late = make_offer(code="LATE", start=day("2019-03-20"), end=day("2019-06-30"))
    assert solve(problem_of([line], [early])).allocations == (
        Allocation("L1", "EARLY", day("2019-03-01"), day("2019-06-01"), 1),
    )
    assert solve(problem_of([line], [late])).allocations == (
        Allocation("L1", "LATE", day("2019-04-01"), day("2019-06-01"), 1),
    )


def test_an_offer_fills_many_posts_a_month_up_to_its_people() -> None:
    lines = [make_line(number=f"L{n}", count=2) for n in range(1, 4)]
    result = solve(problem_of(lines, [make_offer(count=5)]))
    assert fill(result) == (0, 60, 0)


def test_a_tour_ending_without_relief_leaves_a_gap_in_the_calendar() -> None:
    problem = problem_of([make_line()], [make_offer(end=day("2019-06-30"))])
    result = solve(problem)
    plan = rotation_plan(problem, result.allocations, overlap_days=10)
    assert fill(result) == (0, 6, 0)
    assert [(g.line, g.post, g.start, g.end, g.months) for g in plan.unrelieved] == [
        ("L1", 1, day("2019-07-01"), day("2019-12-31"), 6)
    ]
    assert plan.unrelieved[0].after == plan.tours[-1]
    assert plan.tours[-1].end == day("2019-06-30")


def test_people_stay_on_their_post_when_nothing_forces_a_move() -> None:
    lines = [make_line(number="A"), make_line(number="B", start=day("2019-07-01"))]
    offers = [make_offer(code="X"), make_offer(code="Y", start=day("2019-07-01"))]
    result = solve(problem_of(lines, offers))
    assert result.allocations == (
        Allocation("A", "X", day("2019-01-01"), day("2019-12-01"), 1),
        Allocation("B", "Y", day("2019-07-01"), day("2019-12-01"), 1),
    )


def test_nothing_to_match_gives_an_empty_optimal_answer() -> None:
    result = solve(problem_of([], []))
    assert (result.allocations, fill(result)) == ((), (0, 0, 0))


# --- properties over generated cases ------------------------------------------------------

MONTHS = [dt.date(2019, m, 1) for m in range(1, 13)]
QUALS = ["CIED-AI", "CIED-INS", "CIED-MT", "MED-INS"]
BANDS = [RankBand.parse(b) for b in ("OR-5..OR-9", "OR-6..OF-3", "OF-1..OF-4")]


@st.composite
def windows(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    first = draw(st.integers(0, 11))
    last = draw(st.integers(first, 11))
    start = MONTHS[first].replace(day=draw(st.sampled_from([1, 1, 10, 20])))
    end_month = MONTHS[last]
    end = end_month.replace(day=28) if draw(st.booleans()) else _month_end(end_month)
    return (start, end) if start < end else (MONTHS[first], _month_end(end_month))


def _month_end(month: dt.date) -> dt.date:
    following = month.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


@st.composite
def lines_st(draw: st.DrawFn, n: int) -> RequirementLine:
    start, end = draw(windows())
    return make_line(
        number=f"L{n}",
        qualification=draw(st.sampled_from(QUALS)),
        rank_band=draw(st.sampled_from(BANDS)),
        start=start,
        end=end,
        count=draw(st.integers(1, 3)),
        criticality=draw(st.sampled_from(list(Criticality))),
        site=draw(st.sampled_from(["TAJI", "BESMAYA", "MOSUL"])),
        mode=draw(st.sampled_from(list(DeliveryMode)[:2])),
    )


@st.composite
def offers_st(draw: st.DrawFn, n: int, lines: int) -> Offer:
    start, end = draw(windows())
    nation = draw(st.sampled_from(["CAN", "SWE", "BEL"]))
    target = draw(st.one_of(st.none(), st.integers(1, lines)))
    return make_offer(
        code=f"O{n}",
        nation=nation,
        count=draw(st.integers(1, 3)),
        start=start,
        end=end,
        tour_months=draw(st.sampled_from([4, 6, 12])),
        line=None if target is None else f"L{target}",
        qualification=draw(st.sampled_from(QUALS)) if target is None else None,
        rank_band=draw(st.one_of(st.none(), st.sampled_from(BANDS))),
        caveats={"SWE": ("SWE-1",), "BEL": ("BEL-1",), "CAN": ()}[nation],
    )


@st.composite
def problems(draw: st.DrawFn) -> tuple[ForceProblem, Offer]:
    n_lines = draw(st.integers(1, 5))
    lines = [draw(lines_st(n)) for n in range(1, n_lines + 1)]
    offers = [draw(offers_st(n, n_lines)) for n in range(1, draw(st.integers(1, 6)) + 1)]
    return problem_of(lines, offers), draw(offers_st(99, n_lines))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(problems())
def test_every_matching_passes_the_checker_and_reaches_the_lp_optimum(
    case: tuple[ForceProblem, Offer],
) -> None:
    problem, _ = case
    result = solve(problem)
    assert fill(result) == lp_optimum(problem)


@SETTINGS
@given(problems())
def test_adding_a_pledge_never_lowers_the_fill(case: tuple[ForceProblem, Offer]) -> None:
    problem, extra = case
    before = fill(solve(problem))
    bigger = problem_of(problem.lines, (*problem.offers, extra))
    assert fill(solve(bigger)) >= before


def lp_optimum(problem: ForceProblem) -> tuple[int, ...]:
    """The lexicographic optimum by linear programming (HiGHS), one class after the other,
    over the month-pairs the checker accepts: a second opinion on the flow's optimality."""
    triples = [
        (line, offer, month)
        for line in problem.lines
        for offer in problem.offers
        for month in MONTHS
        if check_force_plan(problem, [Allocation(line.number, offer.code, month, month, 1)]) == []
    ]
    fixed: list[tuple[list[int], float]] = []
    best: list[int] = []
    for criticality in Criticality:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        for _ in triples:
            h.addVar(0, highspy.kHighsInf)
        cost = [-1.0 if line.criticality is criticality else 0.0 for line, _, _ in triples]
        for i, c in enumerate(cost):
            h.changeColCost(i, c)
        groups: dict[tuple[str, str, dt.date], list[int]] = {}
        for i, (line, offer, month) in enumerate(triples):
            groups.setdefault(("offer", offer.code, month), []).append(i)
            groups.setdefault(("line", line.number, month), []).append(i)
        for (kind, code, _), idx in groups.items():
            cap = (problem.offer(code) if kind == "offer" else problem.line(code)).count
            h.addRow(0, cap, len(idx), idx, [1.0] * len(idx))
        for idx, value in fixed:
            h.addRow(value - 1e-6, highspy.kHighsInf, len(idx), idx, [1.0] * len(idx))
        h.run()
        value = -h.getInfo().objective_function_value if triples else 0.0
        tier = [i for i, (line, _, _) in enumerate(triples) if line.criticality is criticality]
        fixed.append((tier, round(value)))
        best.append(round(value))
    return tuple(best)
