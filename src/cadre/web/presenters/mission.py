"""The month a mission page looks at first."""

from __future__ import annotations

import datetime as dt

from cadre.domain.capacity.plan import CapacityPlan


def month_index(plan: CapacityPlan, today: dt.date) -> tuple[int, bool]:
    """The plan's month holding `today`, or the nearest end of the horizon (and True then)."""
    first = today.replace(day=1)
    months = list(plan.months)
    if not months:
        return 0, True
    if first < months[0]:
        return 0, True
    if first > months[-1]:
        return len(months) - 1, True
    return months.index(first), False
