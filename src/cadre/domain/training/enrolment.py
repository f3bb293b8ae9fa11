"""Who may take a seat in a run: the rules an enrolment must keep, each with its sentence,
and what a full run does (the trainee waits on its list, in the order they asked).

A refusal carries a code and the values it names, so each edge can say it in its own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.errors import Problem
from cadre.domain.training.certificates import Certificate
from cadre.domain.training.rules import CourseRule
from cadre.domain.training.trainees import Trainee


class Standing(StrEnum):
    ENROLLED = "enrolled"
    WAITING = "waiting"  # on the run's wait list
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class RunSeats:
    """A run of the timetable as enrolment sees it."""

    run: str
    course: str
    language: str
    prerequisites: tuple[str, ...]
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]  # its teaching days
    seats: int  # the course's largest class
    instructors: tuple[str, ...] = ()
    site: str = ""

    def overlaps(self, other: RunSeats) -> bool:
        return self.start <= other.end and other.start <= self.end


def _refusal(reason: str, *, code: str, **params: str | int | None) -> Problem:
    return Problem(reason, field="trainee", code=code, params=params)


def vetting_refusal(trainee: Trainee, run: RunSeats) -> Problem | None:
    """A trainee is cleared, and still cleared on the run's first day."""
    vetting = trainee.vetting
    if vetting.clears_on(run.start):
        return None
    if vetting.status.value == "cleared" and vetting.valid_until is not None:
        return _refusal(
            f"the vetting expires on {vetting.valid_until}, before the run starts on {run.start}",
            code="enrolment.vetting_expires",
            valid_until=vetting.valid_until.isoformat(),
            start=run.start.isoformat(),
        )
    return _refusal(
        f"the vetting is {vetting.status.value}, not cleared",
        code="enrolment.vetting_not_cleared",
        status=vetting.status.value,
    )


def prerequisite_refusals(run: RunSeats, held: Iterable[Certificate]) -> list[Problem]:
    """For each prerequisite course, a certificate valid on the run's first day."""
    mine = list(held)
    found = []
    for course in run.prerequisites:
        of_course = [c for c in mine if c.course == course and c.revoked_on is None]
        if any(c.valid_on(run.start) for c in of_course):
            continue
        lapsed = max((c.expires for c in of_course if c.expires is not None), default=None)
        if lapsed is not None:
            found.append(
                _refusal(
                    f"the certificate of {course} expired on {lapsed}",
                    code="enrolment.prerequisite_expired",
                    course=course,
                    expired=lapsed.isoformat(),
                )
            )
        else:
            found.append(
                _refusal(
                    f"no valid certificate of {course}",
                    code="enrolment.prerequisite_missing",
                    course=course,
                )
            )
    return found


def language_refusal(trainee: Trainee, run: RunSeats, rule: CourseRule) -> Problem | None:
    """The trainee works in the course's language at the level its rule asks."""
    level = trainee.level_in(run.language)
    if level >= rule.language_level:
        return None
    return _refusal(
        f"level {level} in {run.language}; the course asks level {rule.language_level}",
        code="enrolment.language_level",
        language=run.language,
        level=level,
        needed=rule.language_level,
    )


def busy_refusal(run: RunSeats, others: Sequence[RunSeats]) -> Problem | None:
    """A trainee sits in one run at a time."""
    for other in others:
        if other.run != run.run and other.overlaps(run):
            return _refusal(
                f"already enrolled in run {other.run} at the same time",
                code="enrolment.busy",
                run=other.run,
            )
    return None


def refusals(
    trainee: Trainee,
    run: RunSeats,
    rule: CourseRule,
    held: Iterable[Certificate],
    others: Sequence[RunSeats] = (),
) -> list[Problem]:
    """Every rule the enrolment breaks; empty when the trainee may take a seat (or wait)."""
    found = [vetting_refusal(trainee, run), language_refusal(trainee, run, rule)]
    found.append(busy_refusal(run, others))
    return [p for p in found if p is not None] + prerequisite_refusals(run, held)


def standing_for(run: RunSeats, enrolled: int) -> Standing:
    """A seat while there is one; else the wait list."""
    return Standing.ENROLLED if enrolled < run.seats else Standing.WAITING
