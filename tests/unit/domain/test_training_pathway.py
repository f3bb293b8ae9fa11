"""The host instructor pathway, seats abroad and the actuals laid over a plan, each rule on
a few hand-made values."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cadre.domain.capacity.actuals import PlanActuals, overlay
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import PlanMode
from cadre.domain.catalogue import Course, CourseLevel, InstructorLevel
from cadre.domain.planning import SolveStatus
from cadre.domain.training.abroad import AbroadSeat, away_refusal, nomination_refusals
from cadre.domain.training.actuals import InstructorEvent, plan_actuals
from cadre.domain.training.certificates import Certificate
from cadre.domain.training.enrolment import RunSeats
from cadre.domain.training.pathway import (
    Assessment,
    Colleague,
    Rating,
    Requirement,
    RunLed,
    TaughtRun,
    default_rule,
    host_led_share,
    progress,
    supervised_runs,
)
from tests.unit.domain.test_training_rules import CLEARED, trainee

TODAY = dt.date(2019, 6, 1)
COURSES = (
    Course("CIED-101", "C-IED", "CIED", CourseLevel.BASIC, 25, 10, 30, 2, "Q-CIED-I", 0.8),
    Course("CIED-TTT", "C-IED instructor", "CIED", CourseLevel.INSTRUCTOR, 30, 10, 30, 2,
           "Q-CIED-M", 0.4),
    Course("CIED-MT", "C-IED master", "CIED", CourseLevel.MASTER, 20, 5, 12, 1, "Q-CIED-M", 0.5),
)  # fmt: skip
RULE = default_rule("CIED", COURSES)
PEOPLE = {
    "H1": Colleague("H1", "IRQ"),
    "H2": Colleague("H2", "IRQ"),
    "HM": Colleague("HM", "IRQ", frozenset({"CIED"})),
    "C1": Colleague("C1", "CAN"),
}


def run(code: str, month: int, *instructors: str, discipline: str = "CIED") -> TaughtRun:
    start = dt.date(2019, month, 3)
    return TaughtRun(
        code, "CIED-101", discipline, "TAJI", start, start + dt.timedelta(days=30), instructors
    )


def cert(course: str, revoked: dt.date | None = None) -> Certificate:
    return Certificate("N", 7, course, "R", dt.date(2019, 1, 10), None, revoked)


def test_the_default_ladder_takes_the_disciplines_instructor_and_master_courses() -> None:
    assert RULE.rung(InstructorLevel.ASSISTANT_INSTRUCTOR).courses == ("CIED-TTT",)
    assert RULE.rung(InstructorLevel.MASTER_TRAINER).courses == ("CIED-MT",)
    assert RULE.rung(InstructorLevel.INSTRUCTOR).supervised_runs == 2


def test_a_run_counts_as_supervised_only_beside_a_foreign_or_master_instructor() -> None:
    runs = [
        run("R1", 1, "H1", "C1"),  # beside a Canadian
        run("R2", 2, "H1", "H2"),  # beside a host instructor who is no master: not supervised
        run("R3", 3, "H1", "HM"),  # beside a host master trainer
        run("R4", 4, "H2", "C1"),  # not H1's
        run("R5", 5, "H1", "C1", discipline="MED"),  # another discipline
        run("R6", 6, "H1", "C1"),  # not ended by TODAY
    ]
    ratings = [Rating("R1", "H1", 4), Rating("R3", "H1", 2)]
    found = supervised_runs("H1", "CIED", runs, PEOPLE, "IRQ", ratings, TODAY)
    assert [(s.run, s.supervisors, s.master, s.rating) for s in found] == [
        ("R1", ("C1",), False, 4),
        ("R3", ("HM",), True, 2),
    ]


def test_progress_names_what_is_met_and_what_is_missing_for_the_next_rung() -> None:
    runs = [run("R1", 1, "H1", "C1"), run("R3", 3, "H1", "HM")]
    ratings = [Rating("R1", "H1", 4), Rating("R3", "H1", 2)]
    done = supervised_runs("H1", "CIED", runs, PEOPLE, "IRQ", ratings, TODAY)
    found = progress(7, RULE, certificates=[cert("CIED-TTT")], supervised=done)
    assert found.level is InstructorLevel.ASSISTANT_INSTRUCTOR
    assert found.next_level is InstructorLevel.INSTRUCTOR
    assert found.missing == (
        Requirement(
            "supervised_runs",
            "2 rated >= 3",
            "1",
            False,
            code="pathway.runs",
            params={"runs": 2, "rating": 3},
        ),
        Requirement("assessment", "passed", "", False),
    )


def test_a_revoked_instructor_course_certificate_does_not_count() -> None:
    found = progress(7, RULE, certificates=[cert("CIED-TTT", revoked=dt.date(2019, 2, 1))])
    assert found.level is InstructorLevel.TRAINEE
    assert found.missing == (Requirement("course", "CIED-TTT", "", False),)


def test_two_good_runs_and_the_assessment_make_an_instructor() -> None:
    runs = [run("R1", 1, "H1", "C1"), run("R2", 2, "H1", "C1")]
    ratings = [Rating("R1", "H1", 3), Rating("R2", "H1", 5)]
    done = supervised_runs("H1", "CIED", runs, PEOPLE, "IRQ", ratings, TODAY)
    passed = Assessment(7, "CIED", InstructorLevel.INSTRUCTOR, True, dt.date(2019, 4, 1))
    other = Assessment(8, "CIED", InstructorLevel.INSTRUCTOR, True, dt.date(2019, 4, 1))
    found = progress(
        7, RULE, certificates=[cert("CIED-TTT")], supervised=done, assessments=[passed]
    )
    assert (found.level, found.next_level) == (
        InstructorLevel.INSTRUCTOR,
        InstructorLevel.MASTER_TRAINER,
    )
    # runs beside a Canadian who is no master do not count towards master trainer
    assert found.missing[1] == Requirement(
        "supervised_runs",
        "4 rated >= 4 beside a master trainer",
        "0",
        False,
        code="pathway.master_runs",
        params={"runs": 4, "rating": 4},
    )
    assert progress(8, RULE, assessments=[other]).level is InstructorLevel.TRAINEE


def test_a_person_the_scenario_already_certifies_starts_on_their_rung() -> None:
    found = progress(7, RULE, start=InstructorLevel.INSTRUCTOR)
    assert (found.level, found.next_level) == (
        InstructorLevel.INSTRUCTOR,
        InstructorLevel.MASTER_TRAINER,
    )


def test_host_led_share_counts_runs_actually_led_per_school_discipline_and_month() -> None:
    led = [
        RunLed("R1", "TAJI", "CIED", dt.date(2019, 3, 3), "H1", "IRQ"),
        RunLed("R2", "TAJI", "CIED", dt.date(2019, 3, 20), "C1", "CAN"),
        RunLed("R3", "TAJI", "CIED", dt.date(2019, 4, 1), "H1", "IRQ"),
        RunLed("R4", "BESMAYA", "CIED", dt.date(2019, 3, 3), "C1", "CAN"),
    ]
    found = [(s.site, s.discipline, s.month, s.runs, s.host_led, s.share) for s in
             host_led_share(led, "IRQ")]  # fmt: skip
    assert found == [
        ("BESMAYA", "CIED", dt.date(2019, 3, 1), 1, 0, 0.0),
        ("TAJI", "CIED", dt.date(2019, 3, 1), 2, 1, 0.5),
        ("TAJI", "CIED", dt.date(2019, 4, 1), 1, 1, 1.0),
    ]


SEAT = AbroadSeat("AB-1", "EOD-ADV", "ITA", "Roma", dt.date(2019, 5, 6), dt.date(2019, 5, 24),
                  "en", 2, level=2)  # fmt: skip


def home(code: str, start: dt.date, end: dt.date) -> RunSeats:
    return RunSeats(code, "CIED-101", "ar", (), start, end, (), 30)


def test_a_cleared_trainee_with_the_language_is_nominated() -> None:
    assert nomination_refusals(trainee(languages={"en": 2}), SEAT, taken=1, home=[]) == []


def test_nomination_refusals_name_each_broken_rule() -> None:
    lapsing = dataclasses.replace(CLEARED, valid_until=dt.date(2019, 5, 1))
    busy = home("R9", dt.date(2019, 5, 25), dt.date(2019, 6, 10))  # in the travel days back
    found = nomination_refusals(
        trainee(vetting=lapsing, languages={"en": 1}), SEAT, taken=2, home=[busy]
    )
    assert [p.code for p in found] == [
        "enrolment.vetting_expires",
        "abroad.language_level",
        "abroad.full",
        "abroad.busy",
    ]


def test_a_trainee_away_is_refused_a_seat_at_home_during_the_travel_window() -> None:
    clash = home("R1", dt.date(2019, 5, 26), dt.date(2019, 6, 5))  # back on 26 May
    after = home("R2", dt.date(2019, 5, 27), dt.date(2019, 6, 5))
    refusal = away_refusal(clash, [SEAT])
    assert refusal is not None
    assert refusal.code == "enrolment.away"
    assert refusal.params == {
        "offer": "AB-1",
        "course": "EOD-ADV",
        "nation": "ITA",
        "leave": "2019-05-04",
        "back": "2019-05-26",
    }
    assert away_refusal(after, [SEAT]) is None


def test_actuals_count_per_month_before_the_first_forecast_month() -> None:
    certs = [
        Certificate("1", 1, "CIED-101", "R", dt.date(2019, 2, 28), None),
        Certificate("2", 2, "CIED-101", "R", dt.date(2019, 2, 1), None),
        Certificate("3", 3, "CIED-101", "R", dt.date(2019, 3, 1), None),  # forecast month
    ]
    found = plan_actuals(
        dt.date(2019, 3, 15),
        certificates=certs,
        starts=[("CIED-101", dt.date(2019, 1, 6))],
        certified=[InstructorEvent("Q-CIED-I", dt.date(2019, 2, 3))],
        lost=[InstructorEvent("Q-CIED-I", dt.date(2019, 1, 9))],
    )
    assert found == PlanActuals(
        through=dt.date(2019, 3, 1),
        entrants={"CIED-101": {dt.date(2019, 1, 1): 1}},
        graduates={"CIED-101": {dt.date(2019, 2, 1): 2}},
        certified={"Q-CIED-I": {dt.date(2019, 2, 1): 1}},
        losses={"Q-CIED-I": {dt.date(2019, 1, 1): 1}},
    )


def test_the_overlay_replaces_past_months_and_keeps_the_forecast_after() -> None:
    months = tuple(dt.date(2019, m, 1) for m in (1, 2, 3, 4))
    plan = CapacityPlan(
        SolveStatus.OPTIMAL, PlanMode.SIZING, months, (),
        trainees={"CIED-101": (30.0, 30.0, 30.0, 30.0)}, abroad={}, foreign={},
        foreign_mentoring={}, host_mentoring={},
        host_cadre={"Q-CIED-I": (5.0, 6.0, 7.0, 8.0)}, outcomes=(), handovers=(),
        site_handovers=(),
    )  # fmt: skip
    actuals = PlanActuals(
        through=dt.date(2019, 3, 1),
        entrants={"CIED-101": {dt.date(2019, 2, 1): 12}},
        certified={"Q-CIED-I": {dt.date(2019, 2, 1): 2}},
        losses={"Q-CIED-I": {dt.date(2019, 1, 1): 1}},
    )
    found = overlay(plan, actuals, {"Q-CIED-I": 4.0})
    assert found.trainees == {"CIED-101": (0.0, 12.0, 30.0, 30.0)}
    assert found.host_cadre == {"Q-CIED-I": (3.0, 5.0, 7.0, 8.0)}
    assert found.notes[-1].startswith("actuals to 2019-02: 0 graduates, 2 host")
    assert overlay(plan, dataclasses.replace(actuals, through=months[0]), {}) == plan
