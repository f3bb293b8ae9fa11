"""What a run leaves behind: attendance per teaching day, the assessment's score, completion
by the course's rule, and the certificate that says so until it expires or is revoked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.training.rules import CourseRule


class Mark(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


@dataclass(frozen=True)
class Certificate:
    number: str
    trainee: int
    course: str
    run: str
    issued: dt.date
    expires: dt.date | None  # the last valid day; None: does not expire
    revoked_on: dt.date | None = None
    reason: str = ""  # why it was revoked
    site: str = ""  # the school where it was earned
    discipline: str = ""

    def valid_on(self, day: dt.date) -> bool:
        if self.revoked_on is not None and self.revoked_on <= day:
            return False
        return self.issued <= day and (self.expires is None or day <= self.expires)


def attendance_share(days: Iterable[dt.date], marks: Mapping[dt.date, Mark]) -> float:
    """The share of the run's teaching days the trainee was present or excused."""
    teaching = list(days)
    if not teaching:
        return 0.0
    kept = sum(
        1 for mark in map(marks.get, teaching) if mark is Mark.PRESENT or mark is Mark.EXCUSED
    )
    return kept / len(teaching)


@dataclass(frozen=True)
class Completion:
    completed: bool
    passed: bool | None  # None: not assessed yet
    attendance: float
    reasons: tuple[str, ...]  # codes of what is missing: "not_assessed", "failed", "attendance"


def completion(
    rule: CourseRule, days: Iterable[dt.date], marks: Mapping[dt.date, Mark], score: float | None
) -> Completion:
    """A trainee completes a run who passed its assessment and attended enough of it."""
    share = attendance_share(days, marks)
    passed = None if score is None else rule.passes(score)
    reasons = []
    if passed is None:
        reasons.append("not_assessed")
    elif not passed:
        reasons.append("failed")
    if share < rule.attendance:
        reasons.append("attendance")
    return Completion(not reasons, passed, share, tuple(reasons))


def certificate_number(mission: str, course: str, year: int, sequence: int) -> str:
    """NMI-CIED-101-2019-00042: readable aloud, unique within the mission."""
    return f"{mission}-{course}-{year}-{sequence:05d}"


def expiring(certificates: Iterable[Certificate], today: dt.date, days: int) -> list[Certificate]:
    """Certificates valid today whose last day falls within `days` days, the soonest first."""
    until = today + dt.timedelta(days=days)
    found = [
        c
        for c in certificates
        if c.valid_on(today) and c.expires is not None and c.expires <= until
    ]
    return sorted(found, key=lambda c: (c.expires or today, c.number))
