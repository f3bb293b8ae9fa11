"""Any generated mission problem, feasible or not: the timetable keeps every hard rule per the
independent checker, its objective is its cost counted plainly, and every run left out comes
with at least one reason."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.problem import MissionProblem
from cadre.solvers.timetable.solve import first_timetable, solve_timetable
from tests.mission_factories import DEU_TAJI_ONLY, JULY, MAY, make_problem, make_run, make_trainer

# Weighted towards what can teach, so that most runs can be placed and the rules get exercised.
QUALIFICATIONS = [("CIED-INS",)] * 4 + [("CIED-AI",), ("CIED-MT", "CIED-INS"), ("MED-INS",)]


def _day(offset: int) -> dt.date:
    return min(JULY, MAY + dt.timedelta(days=offset))


@st.composite
def mission_problems(draw: st.DrawFn) -> MissionProblem:
    trainers = []
    for k in range(draw(st.integers(1, 5))):
        nation = draw(st.sampled_from(["CAN", "DEU", "IRQ", "SWE"]))
        arrive = draw(st.integers(0, 45))
        trainers.append(
            make_trainer(
                f"T{k}",
                nation,
                *draw(st.sampled_from(QUALIFICATIONS)),
                in_theatre_from=_day(arrive),
                in_theatre_to=_day(arrive + draw(st.integers(10, 90))),
            )
        )
    runs = []
    for k in range(draw(st.integers(1, 6))):
        earliest = draw(st.integers(0, 70))
        runs.append(
            make_run(
                f"R{k}",
                course=draw(st.sampled_from(["CIED-101", "CIED-201", "CIED-TTT"])),
                site=draw(st.sampled_from(["TAJI", "BESMAYA"])),
                cohort=draw(st.sampled_from([None, "C1", "C2"])),
                earliest=_day(earliest),
                latest=_day(earliest + draw(st.integers(4, 60))),
                mode=draw(st.sampled_from(list(DeliveryMode)[:2])),
                host_led=draw(st.sampled_from([False] * 5 + [True])),
                class_size=draw(st.sampled_from([None, None, 12, 25, 40])),
            )
        )
    caveats = {t.code: (DEU_TAJI_ONLY,) for t in trainers if t.nation == "DEU"}
    return make_problem(trainers=tuple(trainers), runs=tuple(runs), caveats=caveats)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=mission_problems(), seed=st.integers(0, 1000))
def test_any_generated_mission_timetable_keeps_every_hard_rule(
    problem: MissionProblem, seed: int
) -> None:
    result = solve_timetable(problem, seconds=1.0, seed=seed, workers=1)
    left = {r.code for r in problem.runs} - {p.run for p in result.solution.placed}
    assert check_timetable(problem, result.solution) == []
    assert result.objective == result.cost.total(problem)
    assert ({u.run for u in result.unplaced}, all(u.blockers for u in result.unplaced)) == (
        left,
        True,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=mission_problems(), seed=st.integers(0, 1000))
def test_the_start_given_to_cp_sat_keeps_every_hard_rule_too(
    problem: MissionProblem, seed: int
) -> None:
    """It is the answer whenever CP-SAT finds nothing within its time."""
    assert check_timetable(problem, first_timetable(problem, seconds=1.0, seed=seed)) == []
