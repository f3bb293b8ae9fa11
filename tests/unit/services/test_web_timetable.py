"""The timetable's calendar pieces: weeks that start on Sunday, what a re-plan moved, and
iCalendar as RFC 5545 writes it."""

from __future__ import annotations

import datetime as dt

from cadre.services.web_timetable import ScheduledSession, ical, moves, weeks_of


def make_session(**changes: object) -> ScheduledSession:
    values: dict[str, object] = {
        "uid": "run-1-1",
        "run": "CIED-101/1",
        "course": "CIED-101",
        "site": "TAJI",
        "room": "TAJI-CR1",
        "start": dt.datetime(2019, 3, 3, 5, 0, tzinfo=dt.UTC),
        "end": dt.datetime(2019, 3, 3, 11, 0, tzinfo=dt.UTC),
        "instructors": ("T-CAN-01",),
        "cohort": "IA-9DIV-ENG",
    }
    values.update(changes)
    return ScheduledSession(**values)  # type: ignore[arg-type]


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


def test_a_replan_shows_what_moved_was_added_and_was_removed() -> None:
    kept = make_session(uid="a")
    moved_before, moved_after = make_session(uid="b"), make_session(uid="b", room="TAJI-CR2")
    removed, added = make_session(uid="c"), make_session(uid="d")
    found = moves([kept, moved_before, removed], [kept, moved_after, added])
    assert [(m.before, m.after) for m in found] == [
        (moved_before, moved_after),
        (removed, None),
        (None, added),
    ]


def test_a_session_becomes_an_icalendar_event_in_utc_with_text_escaped() -> None:
    text = ical(
        [make_session(room="Hall, east; upstairs")],
        "TINY site TAJI",
        stamp=dt.datetime(2019, 1, 1, tzinfo=dt.UTC),
    )
    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cadre//timetable//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:TINY site TAJI",
        "BEGIN:VEVENT",
        "UID:run-1-1@cadre",
        "DTSTAMP:20190101T000000Z",
        "DTSTART:20190303T050000Z",
        "DTEND:20190303T110000Z",
        "SUMMARY:CIED-101 (CIED-101/1)",
        "LOCATION:TAJI Hall\\, east\\; upstairs",
        "DESCRIPTION:instructors: T-CAN-01\\; cohort: IA-9DIV-ENG",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]


def test_a_long_line_is_folded_at_75_octets() -> None:
    text = ical(
        [make_session(course="محاضرة " * 20)], "x", stamp=dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    )
    lines = text.split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
