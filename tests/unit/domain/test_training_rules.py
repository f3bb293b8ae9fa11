"""The rules of enrolment, completion and certificates, each on a few hand-made values."""

from __future__ import annotations

import datetime as dt

from cadre.domain.host import HostName
from cadre.domain.training.certificates import (
    Certificate,
    Mark,
    certificate_number,
    completion,
    expiring,
)
from cadre.domain.training.enrolment import RunSeats, Standing, refusals, standing_for
from cadre.domain.training.rules import CourseRule, rule_problems
from cadre.domain.training.trainees import Trainee, Vetting, VettingStatus

DAYS = tuple(dt.date(2019, 3, d) for d in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14))
RUN = RunSeats("R-02", "CIED-TTT", "ar", ("CIED-101",), DAYS[0], DAYS[-1], DAYS, 2)
CLEARED = Vetting(VettingStatus.CLEARED, dt.date(2019, 1, 1), "MoD J2", dt.date(2020, 1, 1))


def trainee(**kw: object) -> Trainee:
    values: dict[str, object] = {
        "service": "IA",
        "number": "1",
        "name": HostName("علي", "Ali"),
        "vetting": CLEARED,
        "languages": {"ar": 5},
    }
    return Trainee(**(values | kw))  # type: ignore[arg-type]


def certificate(**kw: object) -> Certificate:
    values: dict[str, object] = {
        "number": "N-1",
        "trainee": 1,
        "course": "CIED-101",
        "run": "R-01",
        "issued": dt.date(2019, 2, 1),
        "expires": dt.date(2021, 1, 31),
    }
    return Certificate(**(values | kw))  # type: ignore[arg-type]


def codes(found: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in found]


def test_a_cleared_trainee_with_the_prerequisite_may_enrol() -> None:
    assert refusals(trainee(), RUN, CourseRule("CIED-TTT"), [certificate()]) == []


def test_a_revoked_prerequisite_counts_as_missing() -> None:
    revoked = certificate(revoked_on=dt.date(2019, 2, 20), reason="copied")
    assert codes(refusals(trainee(), RUN, CourseRule("CIED-TTT"), [revoked])) == [
        "enrolment.prerequisite_missing"
    ]


def test_a_prerequisite_expired_before_the_run_is_named_with_its_date() -> None:
    lapsed = certificate(expires=dt.date(2019, 3, 2))
    [problem] = refusals(trainee(), RUN, CourseRule("CIED-TTT"), [lapsed])
    assert (problem.code, dict(problem.params)) == (
        "enrolment.prerequisite_expired",
        {"course": "CIED-101", "expired": "2019-03-02"},
    )


def test_vetting_must_hold_on_the_first_day_and_expired_or_refused_never_does() -> None:
    ends_on_start = Vetting(VettingStatus.CLEARED, dt.date(2019, 1, 1), "J2", DAYS[0])
    assert refusals(trainee(vetting=ends_on_start), RUN, CourseRule("X"), [certificate()]) == []
    for status in (VettingStatus.EXPIRED, VettingStatus.REFUSED, VettingStatus.PENDING):
        vetting = Vetting(status, dt.date(2019, 1, 1), "J2", None)
        assert codes(refusals(trainee(vetting=vetting), RUN, CourseRule("X"), [certificate()])) == [
            "enrolment.vetting_not_cleared"
        ]


def test_the_language_level_is_the_courses_rule() -> None:
    english = RunSeats("R-9", "C", "en", (), DAYS[0], DAYS[-1], DAYS, 30)
    assert codes(refusals(trainee(), english, CourseRule("C"), [])) == ["enrolment.language_level"]
    assert refusals(trainee(), english, CourseRule("C", language_level=0), []) == []


def test_a_trainee_sits_one_run_at_a_time() -> None:
    other = RunSeats("R-3", "C", "ar", (), DAYS[4], DAYS[-1] + dt.timedelta(days=7), (), 30)
    assert codes(refusals(trainee(), RUN, CourseRule("C"), [certificate()], [other])) == [
        "enrolment.busy"
    ]


def test_a_full_run_puts_the_next_on_the_wait_list() -> None:
    assert [standing_for(RUN, n) for n in (0, 1, 2, 3)] == [
        Standing.ENROLLED,
        Standing.ENROLLED,
        Standing.WAITING,
        Standing.WAITING,
    ]


def test_completion_needs_the_pass_mark_and_the_attendance_share() -> None:
    rule = CourseRule("C")  # 70 %, 90 % of days
    present = dict.fromkeys(DAYS, Mark.PRESENT)
    one_off = present | {DAYS[0]: Mark.ABSENT}
    two_off = one_off | {DAYS[1]: Mark.ABSENT}
    excused = one_off | {DAYS[1]: Mark.EXCUSED}
    assert completion(rule, DAYS, present, 70).completed
    assert completion(rule, DAYS, one_off, 85).completed  # 9 of 10 days
    assert completion(rule, DAYS, two_off, 85).reasons == ("attendance",)
    assert completion(rule, DAYS, excused, 85).completed
    assert completion(rule, DAYS, present, 69.5).reasons == ("failed",)
    assert completion(rule, DAYS, {}, None).reasons == ("not_assessed", "attendance")


def test_a_certificate_expires_the_day_before_its_anniversary() -> None:
    assert CourseRule("C").expiry(dt.date(2019, 4, 11)) == dt.date(2022, 4, 10)
    assert CourseRule("C", validity_months=1).expiry(dt.date(2019, 1, 31)) == dt.date(2019, 2, 27)
    assert CourseRule("C", validity_months=None).expiry(dt.date(2019, 1, 31)) is None


def test_expiring_lists_the_valid_certificates_lapsing_within_the_days_soonest_first() -> None:
    today = dt.date(2020, 12, 1)
    soon = certificate(number="A", expires=dt.date(2020, 12, 20))
    sooner = certificate(number="B", expires=dt.date(2020, 12, 5))
    later = certificate(number="C", expires=dt.date(2021, 6, 1))
    revoked = certificate(number="D", expires=dt.date(2020, 12, 3), revoked_on=today)
    assert [c.number for c in expiring([soon, sooner, later, revoked], today, 30)] == ["B", "A"]


def test_numbers_and_rule_bounds() -> None:
    assert certificate_number("NMI", "CIED-101", 2019, 42) == "NMI-CIED-101-2019-00042"
    broken = CourseRule("C", pass_mark=120, attendance=2, language_level=7, validity_months=0)
    assert [p.field for p in rule_problems(broken)] == [
        "pass_mark",
        "attendance",
        "language_level",
        "validity_months",
    ]
