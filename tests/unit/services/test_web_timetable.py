"""The timetable's calendar pieces: weeks that start on Sunday, and a run spread over its
teaching days (weekends and holidays skipped, each day numbered)."""

from __future__ import annotations

import datetime as dt

from cadre.domain.timetable.plan import CalendarRun
from cadre.web.presenters.timetable import teaching_days, weeks_of


def make_run(code: str, days: tuple[dt.date, ...]) -> CalendarRun:
    return CalendarRun(
        uid=f"{code}@cadre",
        run=code,
        course="CIED-101",
        title="Counter-IED basic",
        site="TAJI",
        room="TAJI-CR1",
        start=days[0],
        end=days[-1],
        days=days,
        instructors=("T-CAN-01",),
        cohort=None,
        co_teaching=(),
    )


def test_a_week_runs_from_sunday_as_the_iraqi_working_week_does() -> None:
    assert weeks_of("week", dt.date(2019, 3, 6)) == [
        [dt.date(2019, 3, 3) + dt.timedelta(days=i) for i in range(7)]
    ]


def test_a_month_shows_whole_weeks_from_sunday() -> None:
    weeks = weeks_of("month", dt.date(2019, 3, 15))
    assert (weeks[0][0], weeks[-1][-1], len(weeks)) == (
        dt.date(2019, 2, 24),
        dt.date(2019, 4, 6),
        6,
    )


def test_a_run_shows_on_each_of_its_teaching_days_numbered_and_on_no_other() -> None:
    thursday, sunday = dt.date(2019, 3, 7), dt.date(2019, 3, 10)
    run = make_run("R-1", (thursday, sunday))
    other = make_run("R-2", (sunday,))
    found = teaching_days((run, other))
    assert sorted(found) == [thursday, sunday]
    assert [(t.run.run, t.number, t.of) for t in found[sunday]] == [("R-1", 2, 2), ("R-2", 1, 1)]
    assert dt.date(2019, 3, 8) not in found  # Friday: no teaching
