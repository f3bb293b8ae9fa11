"""The timetable's calendar arithmetic: the days a week or a month view shows (Sunday first,
as the Iraqi working week runs), and a run spread over its teaching days, each numbered."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from cadre.domain.timetable.plan import CalendarRun

IRAQI_WEEK = calendar.SUNDAY  # the working week runs Sunday to Thursday


@dataclass(frozen=True)
class Teaching:
    """One teaching day of a run, as a calendar cell shows it."""

    run: CalendarRun
    day: dt.date
    number: int  # the day's place in the run: day 3 of 10

    @property
    def of(self) -> int:
        return len(self.run.days)


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    sessions: tuple[Teaching, ...]


def weeks_of(view: str, day: dt.date) -> list[list[dt.date]]:
    """The days a view shows around `day`: its week, or the weeks of its month, Sunday first."""
    cal = calendar.Calendar(IRAQI_WEEK)
    if view == "week":
        start = day - dt.timedelta(days=(day.weekday() - IRAQI_WEEK) % 7)
        return [[start + dt.timedelta(days=i) for i in range(7)]]
    return cal.monthdatescalendar(day.year, day.month)


def teaching_days(runs: tuple[CalendarRun, ...]) -> dict[dt.date, list[Teaching]]:
    found: dict[dt.date, list[Teaching]] = {}
    for run in runs:
        for number, day in enumerate(run.days, start=1):
            found.setdefault(day, []).append(Teaching(run, day, number))
    return found


def month_step(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` away from `day`'s (back when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
