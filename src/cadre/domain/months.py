"""Calendar months, the unit in which posts are required and filled."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from cadre.domain.errors import Problem

# The days a plan may name. Plans add months and weeks to their dates, and a day near the
# calendar's end (9999-12-31) would overflow that arithmetic; no mission needs more than this.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2199, 12, 31)


def day_problems(day: dt.date | None, field: str) -> list[Problem]:
    """Nothing when `day` may be planned or shown; else the problem that says the range."""
    if day is None or EARLIEST_DAY <= day <= LATEST_DAY:
        return []
    return [
        Problem(
            f"{field} is from {EARLIEST_DAY} to {LATEST_DAY}, not {day}",
            field=field,
            code="calendar.day_out_of_range",
            params={"earliest": str(EARLIEST_DAY), "latest": str(LATEST_DAY), "day": str(day)},
        )
    ]


def month_of(day: dt.date) -> dt.date:
    """The first day of the month `day` falls in; months are named by their first day."""
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> int:
    """How many months from `first` to `last`'s month: 0 when they share a month."""
    return (last.year - first.year) * 12 + last.month - first.month


def months_of(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every month the period from `start` to `end` (both included) touches."""
    month = month_of(start)
    while month <= end:
        yield month
        month = add_months(month, 1)
