"""Each course's rules for its trainees: the pass mark, the attendance a completion needs,
the language level it asks and how long its certificate holds. A course without rules of its
own takes the defaults below (docs/training.md says why these).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.domain.errors import Problem

PASS_MARK = 70.0  # per cent of the assessment's marks; the common NATO school pass mark
ATTENDANCE = 0.9  # share of teaching days present or excused, absences at most one in ten
LANGUAGE_LEVEL = 2  # STANAG 6001 level 2 ("limited working") in the course's language
VALIDITY_MONTHS = 36  # a certificate holds three years unless the course says otherwise


@dataclass(frozen=True)
class CourseRule:
    course: str
    pass_mark: float = PASS_MARK
    attendance: float = ATTENDANCE
    language_level: int = LANGUAGE_LEVEL
    validity_months: int | None = VALIDITY_MONTHS  # None: the certificate does not expire

    def passes(self, score: float) -> bool:
        return score >= self.pass_mark

    def expiry(self, issued: dt.date) -> dt.date | None:
        """The last day a certificate issued on `issued` is valid."""
        if self.validity_months is None:
            return None
        month = issued.month - 1 + self.validity_months
        year, month = issued.year + month // 12, month % 12 + 1
        day = min(issued.day, _days_in(year, month))
        return dt.date(year, month, day) - dt.timedelta(days=1)


def _days_in(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def rule_problems(rule: CourseRule) -> list[Problem]:
    found = []
    if not 0 <= rule.pass_mark <= 100:
        found.append(Problem("a pass mark is 0 to 100", field="pass_mark", code="rule.pass_mark"))
    if not 0 <= rule.attendance <= 1:
        found.append(
            Problem("attendance is a share from 0 to 1", field="attendance", code="rule.attendance")
        )
    if not 0 <= rule.language_level <= 5:
        found.append(
            Problem("a language level is 0 to 5", field="language_level", code="rule.language")
        )
    if rule.validity_months is not None and not 1 <= rule.validity_months <= 240:
        found.append(
            Problem(
                "a certificate holds 1 to 240 months", field="validity_months", code="rule.validity"
            )
        )
    return found
