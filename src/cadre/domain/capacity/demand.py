"""What the host wants of the capacity plan: graduates in a year, or a training calendar of
quarters and months, in graduates or in intakes (entrants the host releases to start then)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.domain.scenario import Scenario

__all__ = ["DemandSpec", "demands_of"]


@dataclass(frozen=True)
class DemandSpec:
    """Graduates wanted from `courses` in a period of `year` (demands on one target and period
    add up); with `intake`, entrants whose run starts in the period instead: the people the
    host releases then (a training calendar)."""

    target: str
    year: int
    trained: int
    courses: tuple[str, ...]
    organisations: tuple[str, ...]
    months: tuple[int, int] = (1, 12)  # first and last calendar month of the period in `year`
    intake: bool = False

    def covers(self, month: dt.date) -> bool:
        return month.year == self.year and self.months[0] <= month.month <= self.months[1]

    def ended_by(self, month: dt.date) -> bool:
        """Whether `month` is not after the period's last month."""
        return (month.year, month.month) <= (self.year, self.months[1])

    @property
    def period(self) -> str:
        """ "" for a year (as plans kept before the calendar say), else 2019-Q2 or 2019-04."""
        first, last = self.months
        if (first, last) == (1, 12):
            return ""
        if first == last:
            return f"{self.year}-{first:02d}"
        return f"{self.year}-Q{last // 3}"

    @property
    def key(self) -> tuple[str, int, str, bool]:
        return self.target, self.year, self.period, self.intake


def demands_of(scenario: Scenario) -> tuple[DemandSpec, ...]:
    granting: dict[str, list[str]] = {}
    for c in scenario.courses:
        if c.grants:
            granting.setdefault(c.grants, []).append(c.code)
    totals: dict[tuple[str, int, tuple[int, int], bool], list[tuple[str, int]]] = {}
    for d in scenario.demands:
        intake = d.intake > 0
        key = (d.target, d.year, d.months, intake)
        totals.setdefault(key, []).append((d.organisation, d.intake if intake else d.trained))
    course_codes = {c.code for c in scenario.courses}
    return tuple(
        DemandSpec(
            target=target,
            year=year,
            trained=sum(n for _, n in rows),
            courses=(target,) if target in course_codes else tuple(granting.get(target, ())),
            organisations=tuple(sorted({o for o, _ in rows})),
            months=months,
            intake=intake,
        )
        for (target, year, months, intake), rows in totals.items()
    )
