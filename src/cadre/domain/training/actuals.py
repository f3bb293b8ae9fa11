"""The records counted per month for the capacity planner: graduates (certificates issued,
by course), entrants (trainees seated in a run that started, by course), host instructors
certified (the month they reached the instructor rung, by the discipline's instructor
qualification) and host instructors lost (the month they left, by the same).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cadre.domain.capacity.actuals import PlanActuals
from cadre.domain.training.certificates import Certificate


@dataclass(frozen=True)
class InstructorEvent:
    """A host instructor of a qualification certified or lost on a day."""

    qualification: str
    on: dt.date


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _count(pairs: Iterable[tuple[str, dt.date]], through: dt.date) -> dict[str, dict[dt.date, int]]:
    found: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for key, day in pairs:
        month = month_of(day)
        if month < through:
            found[key][month] = found[key].get(month, 0) + 1
    return dict(found)


def plan_actuals(
    through: dt.date,
    *,
    certificates: Iterable[Certificate] = (),
    starts: Iterable[tuple[str, dt.date]] = (),  # (course, first day) of each seat taken
    certified: Iterable[InstructorEvent] = (),
    lost: Iterable[InstructorEvent] = (),
) -> PlanActuals:
    """Counts per month before `through` (the first month still forecast)."""
    start = month_of(through)
    return PlanActuals(
        through=start,
        entrants=_count(starts, start),
        graduates=_count(((c.course, c.issued) for c in certificates), start),
        certified=_count(((e.qualification, e.on) for e in certified), start),
        losses=_count(((e.qualification, e.on) for e in lost), start),
    )


def as_rows(actuals: PlanActuals) -> list[dict[str, str | int]]:
    """One row per (what, key, month) for tables and files."""
    named: Mapping[str, Mapping[str, Mapping[dt.date, int]]] = {
        "entrants": actuals.entrants,
        "graduates": actuals.graduates,
        "certified": actuals.certified,
        "losses": actuals.losses,
    }
    return [
        {"what": what, "key": key, "month": f"{month:%Y-%m}", "count": count}
        for what, by_key in named.items()
        for key, by_month in sorted(by_key.items())
        for month, count in sorted(by_month.items())
    ]
