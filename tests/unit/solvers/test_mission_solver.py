"""The mission timetabler, one rule at a time, on tiny problems whose answer is plain; every
answer first passes the independent checker and the cost counted plainly (`solved`)."""

from __future__ import annotations

import dataclasses

import pytest

from cadre.domain.planning import SolveStatus
from cadre.domain.sites import Room
from cadre.domain.timetable.plan import CoTeaching, co_teaching
from cadre.domain.timetable.problem import MissionTimetable, PlacedRun
from cadre.domain.timetable.result import BlockerKind
from cadre.solvers.timetable.solve import solve_timetable
from tests.mission_factories import (
    TAJI,
    D,
    make_course,
    make_problem,
    make_run,
    make_trainer,
    solved,
)

CAN = make_trainer("T-CAN", "CAN", "CIED-INS", pledge="P-CAN-CIED")


def spans(result_timetable: MissionTimetable) -> list[tuple[str, D, D]]:
    return sorted((p.run, p.start, p.end) for p in result_timetable.placed)


def test_the_qualified_trainer_teaches_and_the_class_gets_the_room_that_seats_it() -> None:
    medic = make_trainer("T-MED", "CAN", "MED-INS")
    problem = make_problem(trainers=(medic, CAN), runs=(make_run(cohort="C1"),), caveats={})
    result = solved(problem)
    assert (result.status, result.solution) == (
        SolveStatus.OPTIMAL,
        MissionTimetable((PlacedRun("R1", D(2019, 5, 5), D(2019, 5, 9), "TAJI-CR1", ("T-CAN",)),)),
    )


def test_a_run_waits_until_its_instructor_is_in_theatre_for_all_of_it() -> None:
    late = dataclasses.replace(CAN, in_theatre_from=D(2019, 5, 20))
    problem = make_problem(trainers=(late,), runs=(make_run(cohort="C1"),), caveats={})
    assert spans(solved(problem).solution) == [("R1", D(2019, 5, 26), D(2019, 5, 30))]


def test_a_trainer_whose_caveat_bars_the_site_is_not_used_there() -> None:
    late = dataclasses.replace(CAN, in_theatre_from=D(2019, 6, 16))
    deu = make_trainer("T-DEU", "DEU", "CIED-INS")
    run = make_run(site="BESMAYA", cohort="C1")
    result = solved(make_problem(trainers=(deu, late), runs=(run,)))
    assert result.solution == MissionTimetable(
        (PlacedRun("R1", D(2019, 6, 16), D(2019, 6, 20), "BES-CR1", ("T-CAN",)),)
    )


def test_one_instructor_teaches_two_runs_one_after_the_other() -> None:
    runs = (make_run("R1", cohort="C1"), make_run("R2", site="BESMAYA", cohort="C2"))
    result = solved(make_problem(trainers=(CAN,), runs=runs, caveats={}))
    assert sorted((p.start, p.end, p.instructors) for p in result.solution.placed) == [
        (D(2019, 5, 5), D(2019, 5, 9), ("T-CAN",)),
        (D(2019, 5, 12), D(2019, 5, 16), ("T-CAN",)),
    ]


def test_a_cohort_takes_two_courses_one_after_the_other() -> None:
    other = make_course(code="CIED-102", title="Route search")
    deu = make_trainer("T-DEU", "DEU", "CIED-INS")
    runs = (make_run("R1", cohort="C2"), make_run("R2", course="CIED-102", cohort="C2"))
    problem = make_problem(trainers=(CAN, deu), runs=runs, courses=(*make_problem().courses, other))
    starts = sorted(p.start for p in solved(problem).solution.placed)
    assert starts == [D(2019, 5, 5), D(2019, 5, 12)]


def test_a_cohort_takes_a_course_only_after_the_one_it_requires() -> None:
    deu = make_trainer("T-DEU", "DEU", "CIED-INS")
    runs = (make_run("B", course="CIED-201", cohort="C2"), make_run("A", cohort="C2"))
    result = solved(make_problem(trainers=(CAN, deu), runs=runs))
    assert spans(result.solution) == [
        ("A", D(2019, 5, 5), D(2019, 5, 9)),
        ("B", D(2019, 5, 12), D(2019, 5, 16)),
    ]


def test_a_five_day_run_from_the_sunday_before_eid_spans_the_holiday() -> None:
    run = make_run(cohort="C1", earliest=D(2019, 6, 2))
    result = solved(make_problem(trainers=(CAN,), runs=(run,), caveats={}))
    assert spans(result.solution) == [("R1", D(2019, 6, 2), D(2019, 6, 11))]


def test_a_host_instructor_under_certification_co_teaches_with_a_certified_one() -> None:
    learner = make_trainer("T-IRQ-AI", "IRQ", "CIED-AI")
    problem = make_problem(
        trainers=(CAN, learner), runs=(make_run(course="CIED-TTT", cohort="C1"),), caveats={}
    )
    placed = solved(problem).solution.placed
    assert [p.instructors for p in placed] == [("T-CAN", "T-IRQ-AI")]
    assert co_teaching(problem, placed[0]) == (CoTeaching("T-IRQ-AI", "T-CAN"),)


def test_two_instructors_under_certification_never_teach_alone() -> None:
    learners = (
        make_trainer("T-IRQ-1", "IRQ", "CIED-AI"),
        make_trainer("T-IRQ-2", "IRQ", "CIED-AI"),
    )
    problem = make_problem(trainers=learners, runs=(make_run(course="CIED-TTT"),), caveats={})
    result = solved(problem)
    assert (result.solution.placed, [b.kind for u in result.unplaced for b in u.blockers]) == (
        (),
        [BlockerKind.TOO_FEW],
    )


def test_a_host_led_run_is_taught_by_host_instructors_only() -> None:
    host = make_trainer("T-IRQ", "IRQ", "CIED-INS")
    run = make_run(cohort="C1", host_led=True)
    result = solved(make_problem(trainers=(CAN, host), runs=(run,), caveats={}))
    assert [p.instructors for p in result.solution.placed] == [("T-IRQ",)]


def test_an_instructor_prefers_to_stay_at_one_site() -> None:
    can2 = make_trainer("T-CAN-2", "CAN", "CIED-INS")
    runs = (
        make_run("T1", cohort="C1"),
        make_run("T2", cohort="C1", course="CIED-201"),
        make_run("B1", site="BESMAYA", cohort="C2"),
        make_run("B2", site="BESMAYA", cohort="C2", course="CIED-201"),
    )
    result = solved(make_problem(trainers=(CAN, can2), runs=runs, caveats={}))
    sites = {
        code: {p.run[0] for p in result.solution.placed if code in p.instructors}
        for code in ("T-CAN", "T-CAN-2")
    }
    assert sorted(map(sorted, sites.values())) == [["B"], ["T"]]
    assert result.cost.extra_sites == 0


def test_two_classes_at_one_site_at_the_same_time_get_a_room_each() -> None:
    taji = dataclasses.replace(TAJI, rooms=(Room("TAJI-CR1", 30), Room("TAJI-CR2", 30)))
    deu = make_trainer("T-DEU", "DEU", "CIED-INS")
    runs = (make_run("R1", cohort="C1"), make_run("R2", cohort="C2"))
    problem = make_problem(trainers=(CAN, deu), runs=runs, sites=(taji,), caveats={})
    placed = solved(problem).solution.placed
    assert sorted((p.start, p.room) for p in placed) == [
        (D(2019, 5, 5), "TAJI-CR1"),
        (D(2019, 5, 5), "TAJI-CR2"),
    ]


def test_the_follower_hears_each_phase_and_a_refusal_from_it_stops_the_solver() -> None:
    problem = make_problem(trainers=(CAN,), runs=(make_run(cohort="C1"),), caveats={})
    heard: list[tuple[str, float]] = []
    solve_timetable(problem, 2, 0, 1, progress=lambda what, done: heard.append((what, done)))
    shares = [done for _, done in heard]
    assert heard[0][0] == "first timetable: 1 of 1 runs placed"
    assert any(what.startswith("CP-SAT: a timetable of cost") for what, _ in heard)
    assert (shares == sorted(shares), shares[0] >= 0, shares[-1] <= 1) == (True, True, True)

    class Cancelled(Exception):
        pass

    def refuse(what: str, done: float) -> None:
        if what.startswith("CP-SAT: a timetable"):  # said from the solver's own thread
            raise Cancelled

    with pytest.raises(Cancelled):
        solve_timetable(problem, 2, 0, 1, progress=refuse)
