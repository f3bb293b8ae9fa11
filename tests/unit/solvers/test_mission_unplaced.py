"""When a run cannot be placed, the timetable still comes back, with every other run placed,
and says which runs are left out and what blocks each: never a bare "infeasible"."""

from __future__ import annotations

import dataclasses

from cadre.domain.planning import SolveStatus
from cadre.domain.timetable.result import Blocker, BlockerKind, UnplacedRun
from tests.mission_factories import D, make_course, make_problem, make_run, make_trainer, solved

CAN = make_trainer("T-CAN", "CAN", "CIED-INS", pledge="P-CAN-CIED")
DEU = make_trainer("T-DEU", "DEU", "CIED-INS", pledge="P-DEU-CIED")


def unplaced(**problem: object) -> tuple[UnplacedRun, ...]:
    return solved(make_problem(**problem)).unplaced


def test_a_course_nobody_is_qualified_to_teach_is_said_so_and_the_rest_is_placed() -> None:
    master = make_course(code="CIED-MTC", instructor_qualification="CIED-MT")
    problem = make_problem(
        courses=(*make_problem().courses, master),
        trainers=(CAN,),
        runs=(make_run("R1", cohort="C1"), make_run("R2", course="CIED-MTC", cohort="C2")),
        caveats={},
    )
    result = solved(problem)
    assert ([p.run for p in result.solution.placed], result.unplaced) == (
        ["R1"],
        (
            UnplacedRun(
                "R2",
                (
                    Blocker(
                        BlockerKind.NO_QUALIFIED,
                        "no trainer holds CIED-MT or a higher CIED qualification",
                    ),
                ),
            ),
        ),
    )
    assert result.status is SolveStatus.OPTIMAL


def test_caveats_that_bar_every_qualified_trainer_from_the_site_are_named() -> None:
    assert unplaced(trainers=(DEU,), runs=(make_run(site="BESMAYA"),)) == (
        UnplacedRun(
            "R1",
            (
                Blocker(
                    BlockerKind.CAVEATS,
                    "caveats bar every trainer qualified for CIED-101 from BESMAYA (resident): "
                    "T-DEU (DEU-1)",
                ),
            ),
        ),
    )


def test_a_class_no_room_of_the_site_seats_is_said_so() -> None:
    assert unplaced(trainers=(CAN,), runs=(make_run(class_size=40),), caveats={}) == (
        UnplacedRun(
            "R1",
            (
                Blocker(
                    BlockerKind.NO_ROOM,
                    "no room at TAJI seats a class of 40 (the largest seats 30)",
                ),
            ),
        ),
    )


def test_trainers_who_are_not_in_theatre_during_the_window_are_listed_with_their_dates() -> None:
    late = dataclasses.replace(CAN, in_theatre_from=D(2019, 7, 1))
    run = make_run(latest=D(2019, 6, 30))
    assert unplaced(trainers=(late,), runs=(run,), caveats={}) == (
        UnplacedRun(
            "R1",
            (
                Blocker(
                    BlockerKind.NOT_IN_THEATRE,
                    "no trainer qualified and allowed at TAJI is in theatre for a whole run "
                    "between 2019-05-05 and 2019-06-27: T-CAN 2019-07-01–2019-07-31",
                ),
            ),
        ),
    )


def test_a_window_shorter_than_the_course_is_said_so() -> None:
    run = make_run(earliest=D(2019, 6, 2), latest=D(2019, 6, 8))  # Eid takes most of the week
    assert unplaced(trainers=(CAN,), runs=(run,), caveats={}) == (
        UnplacedRun(
            "R1",
            (
                Blocker(
                    BlockerKind.NO_START,
                    "2019-06-02–2019-06-08 holds fewer than the 5 working days CIED-101 lasts at "
                    "TAJI",
                ),
            ),
        ),
    )


def test_a_course_whose_prerequisite_run_cannot_be_placed_says_which() -> None:
    runs = (
        make_run("A", cohort="C2", class_size=40),
        make_run("B", course="CIED-201", cohort="C2"),
    )
    found = unplaced(trainers=(CAN,), runs=runs, caveats={})
    assert [(u.run, [b.kind for b in u.blockers]) for u in found] == [
        ("A", [BlockerKind.NO_ROOM]),
        ("B", [BlockerKind.PREREQUISITE]),
    ]
    assert found[1].blockers[0].reason == (
        "cohort C2 must first take CIED-101, and its run A is not placed"
    )


def test_a_run_crowded_out_by_others_names_them_and_says_the_answer_is_proved() -> None:
    window = {"latest": D(2019, 5, 9)}  # one week: room for a single run
    runs = (make_run("R1", cohort="C1", **window), make_run("R2", cohort="C2", **window))
    problem = make_problem(trainers=(CAN,), runs=runs, caveats={})
    result = solved(problem)
    (left,) = result.unplaced
    placed = result.solution.placed[0].run
    assert (result.status, left.blockers) == (
        SolveStatus.OPTIMAL,
        (
            Blocker(
                BlockerKind.COMPETITION,
                f"at each of its 1 possible starts other runs hold what it needs (instructors at "
                f"1): {placed}; no timetable places it without leaving out another run",
            ),
        ),
    )
    assert result.bound is not None
    assert result.bound // problem.unplaced_penalty() == 1  # one run left out, and proved so
