"""The independent checker of mission timetables, rule by rule, on hand-made timetables."""

from __future__ import annotations

import dataclasses

from cadre.domain.timetable.check import MissionRule, TimetableViolation, check_timetable
from cadre.domain.timetable.problem import MissionTimetable, PlacedRun
from tests.mission_factories import D, make_problem, make_run, make_trainer

SUNDAY = D(2019, 5, 12)
THURSDAY = D(2019, 5, 16)


def placed(run: str = "R1", start: D = SUNDAY, end: D = THURSDAY, **changes: object) -> PlacedRun:
    base = PlacedRun(run, start, end, "TAJI-CR1", ("T-CAN",))
    return dataclasses.replace(base, **changes)


def conflicts(*runs: PlacedRun, **problem: object) -> list[TimetableViolation]:
    return check_timetable(make_problem(**problem), MissionTimetable(runs))


def test_a_sound_run_breaks_no_rule() -> None:
    assert conflicts(placed()) == []


def test_an_instructor_without_the_qualification_is_reported() -> None:
    medic = make_trainer("T-MED", "CAN", "MED-INS")
    assert conflicts(placed(instructors=("T-MED",)), trainers=(medic,)) == [
        TimetableViolation(MissionRule.QUALIFIED, "R1", "T-MED is not qualified for CIED-101")
    ]


def test_a_master_trainer_of_the_discipline_may_teach_an_instructor_level_course() -> None:
    master = make_trainer("T-MT", "CAN", "CIED-MT")
    assert conflicts(placed(instructors=("T-MT",)), trainers=(master,)) == []


def test_an_instructor_who_leaves_before_the_run_ends_is_reported() -> None:
    leaving = make_trainer("T-CAN", "CAN", "CIED-INS", in_theatre_to=D(2019, 5, 14))
    assert conflicts(placed(), trainers=(leaving,)) == [
        TimetableViolation(
            MissionRule.IN_THEATRE, "R1", "T-CAN is in theatre 2019-05-05–2019-05-14"
        )
    ]


def test_a_nation_barred_from_the_site_by_its_caveat_is_reported() -> None:
    run = make_run(site="BESMAYA")
    assert conflicts(placed(room="BES-CR1", instructors=("T-DEU",)), runs=(run,)) == [
        TimetableViolation(MissionRule.CAVEAT, "R1", "T-DEU may not teach at BESMAYA (resident)")
    ]


def test_an_instructor_in_two_overlapping_runs_is_reported_once() -> None:
    runs = (make_run("R1"), make_run("R2", course="CIED-201", cohort="C2"))
    found = conflicts(placed("R1"), placed("R2", room="TAJI-CR2"), runs=runs)
    assert found == [
        TimetableViolation(MissionRule.INSTRUCTOR_CLASH, "R2", "instructor T-CAN is also in R1")
    ]


def test_a_cohort_in_two_overlapping_runs_is_reported() -> None:
    runs = (make_run("R1", cohort="C2"), make_run("R2", site="BESMAYA", cohort="C2"))
    second = placed("R2", D(2019, 5, 13), D(2019, 5, 19), room="BES-CR1", instructors=("T-DEU",))
    found = conflicts(placed("R1"), second, runs=runs)
    assert TimetableViolation(MissionRule.COHORT_CLASH, "R2", "cohort C2 is also in R1") in found


def test_a_room_holding_two_runs_at_once_is_reported() -> None:
    runs = (make_run("R1"), make_run("R2"))
    found = conflicts(placed("R1"), placed("R2", instructors=("T-DEU",)), runs=runs)
    assert found == [
        TimetableViolation(MissionRule.ROOM_CLASH, "R2", "room TAJI/TAJI-CR1 is also in R1")
    ]


def test_a_class_larger_than_its_room_is_reported() -> None:
    runs = (make_run(cohort="C1"),)
    assert conflicts(placed(room="TAJI-CR2"), runs=runs) == [
        TimetableViolation(MissionRule.ROOM, "R1", "TAJI-CR2 seats 20, the class is 25")
    ]


def test_a_course_taken_before_its_prerequisite_ends_is_reported() -> None:
    runs = (make_run("A", cohort="C2"), make_run("B", course="CIED-201", cohort="C2"))
    first = placed("A", D(2019, 5, 19), D(2019, 5, 23))
    found = conflicts(first, placed("B", instructors=("T-DEU",), room="TAJI-CR2"), runs=runs)
    assert found == [
        TimetableViolation(
            MissionRule.PREREQUISITE, "B", "starts 2019-05-12, before A (CIED-101) ends 2019-05-23"
        )
    ]


def test_a_course_placed_while_its_cohorts_prerequisite_run_is_not_is_reported() -> None:
    runs = (make_run("A", cohort="C2"), make_run("B", course="CIED-201", cohort="C2"))
    assert conflicts(placed("B"), runs=runs) == [
        TimetableViolation(MissionRule.PREREQUISITE, "B", "A (CIED-101) is unplaced")
    ]


def test_a_five_day_run_from_the_sunday_before_eid_ends_after_the_holiday() -> None:
    eid_sunday = D(2019, 6, 2)  # Sunday and Monday, Eid from Tuesday to Saturday, then 3 days
    assert conflicts(placed(start=eid_sunday, end=D(2019, 6, 11))) == []
    assert conflicts(placed(start=eid_sunday, end=D(2019, 6, 6))) == [
        TimetableViolation(
            MissionRule.WORKING_DAYS,
            "R1",
            "2019-06-02–2019-06-06 holds 2 working days at TAJI, not 5",
        )
    ]


def test_a_run_starting_mid_week_breaks_the_start_rule() -> None:
    tuesday = D(2019, 5, 14)
    assert conflicts(placed(start=tuesday, end=D(2019, 5, 20))) == [
        TimetableViolation(
            MissionRule.START_DAY, "R1", "2019-05-14 is not a start day (after_day_off)"
        )
    ]


def test_an_assistant_instructor_teaching_without_a_certified_peer_is_reported() -> None:
    learner = make_trainer("T-IRQ-AI", "IRQ", "CIED-AI")
    assert conflicts(placed(instructors=("T-IRQ-AI",)), trainers=(learner,)) == [
        TimetableViolation(MissionRule.CO_TEACHING, "R1", "T-IRQ-AI without a certified peer")
    ]


def test_a_foreign_instructor_in_a_host_led_run_is_reported() -> None:
    assert conflicts(placed(), runs=(make_run(host_led=True),)) == [
        TimetableViolation(MissionRule.HOST_LED, "R1", "T-CAN (CAN) in a host-led run")
    ]


def test_a_team_smaller_than_the_course_asks_is_reported() -> None:
    runs = (make_run(course="CIED-TTT"),)
    found = conflicts(placed(end=D(2019, 5, 23)), runs=runs)
    assert found == [TimetableViolation(MissionRule.TEAM_SIZE, "R1", "1 instructors, not 2")]
