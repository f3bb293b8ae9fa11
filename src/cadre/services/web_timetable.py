"""The timetable page: a calendar per site, instructor or cohort, by week or by month, and the
same as iCalendar; after a re-plan, what moved.

The mission's timetabler is being written: `scheduled_sessions` is the one seam where its
schedule comes in. Until it does, the page says there is no timetable yet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.host import HostName
from cadre.services.mission_view import Scope, read
from cadre.services.web_access import Page, require_page
from cadre.services.web_mission import MissionContext, heading, names

VIEWS = ("week", "month")
SUBJECTS = ("site", "instructor", "cohort")
IRAQI_WEEK = calendar.SUNDAY  # the working week runs Sunday to Thursday


@dataclass(frozen=True)
class ScheduledSession:
    """One meeting of a course run: when, where, who teaches and who is taught."""

    uid: str  # stable across re-plans, so a calendar client updates rather than duplicates
    run: str
    course: str
    site: str
    room: str
    start: dt.datetime  # aware, UTC
    end: dt.datetime
    instructors: tuple[str, ...]
    cohort: str | None


def scheduled_sessions(
    engine: Engine, principal: Principal, mission: str
) -> tuple[ScheduledSession, ...] | None:
    """THE SEAM: the mission's current timetable as the principal may see it, or None while no
    timetable exists. The timetabler's service plugs in here (`cadre schedule`)."""
    return None


def previous_sessions(
    engine: Engine, principal: Principal, mission: str
) -> tuple[ScheduledSession, ...] | None:
    """The timetable before the last re-plan (the seam's second half), to show what moved."""
    return None


@dataclass(frozen=True)
class Move:
    before: ScheduledSession | None  # None: added
    after: ScheduledSession | None  # None: removed


def moves(
    before: Sequence[ScheduledSession], after: Sequence[ScheduledSession]
) -> tuple[Move, ...]:
    """The sessions a re-plan added, removed, or changed in time, room or instructors."""
    old, new = {s.uid: s for s in before}, {s.uid: s for s in after}
    found = [Move(old.get(uid), new.get(uid)) for uid in sorted(set(old) | set(new))]
    return tuple(m for m in found if m.before != m.after)


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    sessions: tuple[ScheduledSession, ...]


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    arabic: HostName | None = None  # a cohort: its name as written, with transliteration


@dataclass(frozen=True)
class TimetablePage:
    context: MissionContext
    available: bool
    view: str
    by: str
    key: str
    subjects: tuple[Subject, ...]
    day: dt.date
    weeks: tuple[tuple[Day, ...], ...]  # one row for a week view, five or six for a month
    previous: dt.date
    following: dt.date
    moved: tuple[Move, ...]
    time_zone: str


def _check(view: str, by: str) -> None:
    problems = []
    if view not in VIEWS:
        problems.append(Problem(f"view is one of {', '.join(VIEWS)}", field="view"))
    if by not in SUBJECTS:
        problems.append(Problem(f"by is one of {', '.join(SUBJECTS)}", field="by"))
    if problems:
        raise InvalidInput(problems)


def _subjects(scope: Scope, by: str) -> tuple[Subject, ...]:
    scenario = scope.data.scenario
    if by == "site":
        return tuple(Subject(s.code, s.name) for s in scenario.sites if scope.sees("sites", s.code))
    if by == "instructor":
        return tuple(
            Subject(t.code, t.name)
            for t in scenario.trainers
            if scope.sees("trainers", t.code, {"nation": t.nation})
        )
    return tuple(
        Subject(c.code, c.unit, c.name) for c in scenario.cohorts if scope.sees("cohorts", c.code)
    )


def _belongs(session: ScheduledSession, by: str, key: str) -> bool:
    if by == "site":
        return session.site == key
    if by == "instructor":
        return key in session.instructors
    return session.cohort == key


def weeks_of(view: str, day: dt.date) -> list[list[dt.date]]:
    """The days a view shows around `day`: its week, or the weeks of its month, Sunday first."""
    cal = calendar.Calendar(IRAQI_WEEK)
    if view == "week":
        start = day - dt.timedelta(days=(day.weekday() - IRAQI_WEEK) % 7)
        return [[start + dt.timedelta(days=i) for i in range(7)]]
    return cal.monthdatescalendar(day.year, day.month)


def timetable_page(
    engine: Engine,
    principal: Principal,
    mission: str,
    *,
    by: str = "site",
    key: str | None = None,
    view: str = "week",
    day: dt.date | None = None,
) -> TimetablePage:
    require_page(principal, Page.TIMETABLE)
    _check(view, by)
    context, subjects = read(
        engine,
        principal,
        mission,
        lambda scope: (MissionContext(heading(scope), names(scope)), _subjects(scope, by)),
    )
    sessions = scheduled_sessions(engine, principal, mission)
    codes = [s.code for s in subjects]
    chosen = key if key is not None and key in codes else (codes[0] if codes else "")
    zone = zoneinfo.ZoneInfo(context.heading.time_zone)
    shown = day or (min(s.start for s in sessions).date() if sessions else context.heading.start)
    mine = [s for s in sessions or () if _belongs(s, by, chosen)]
    weeks = tuple(
        tuple(
            Day(
                d,
                view == "week" or d.month == shown.month,
                tuple(
                    sorted(
                        (s for s in mine if s.start.astimezone(zone).date() == d),
                        key=lambda s: s.start,
                    )
                ),
            )
            for d in week
        )
        for week in weeks_of(view, shown)
    )
    step = dt.timedelta(days=7) if view == "week" else dt.timedelta(days=31)
    before = previous_sessions(engine, principal, mission)
    return TimetablePage(
        context,
        sessions is not None,
        view,
        by,
        chosen,
        subjects,
        shown,
        weeks,
        _month_step(shown, -1) if view == "month" else shown - step,
        _month_step(shown, 1) if view == "month" else shown + step,
        moves(before, sessions) if before is not None and sessions is not None else (),
        context.heading.time_zone,
    )


def _month_step(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def timetable_ics(engine: Engine, principal: Principal, mission: str, *, by: str, key: str) -> str:
    """The subject's sessions as an iCalendar file (RFC 5545), times in UTC."""
    require_page(principal, Page.TIMETABLE)
    _check("week", by)
    sessions = scheduled_sessions(engine, principal, mission) or ()
    return ical([s for s in sessions if _belongs(s, by, key)], f"{mission} {by} {key}")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > 75:
            out.append(current)
            current = " "
        current += ch
    out.append(current)
    return "\r\n".join(out)


def ical(sessions: Sequence[ScheduledSession], name: str, stamp: dt.datetime | None = None) -> str:
    when = (stamp or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cadre//timetable//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for s in sessions:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{s.uid}@cadre",
            f"DTSTAMP:{when}",
            f"DTSTART:{s.start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{s.end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_escape(f'{s.course} ({s.run})')}",
            f"LOCATION:{_escape(f'{s.site} {s.room}')}",
            f"DESCRIPTION:{_escape('instructors: ' + ', '.join(s.instructors))}"
            + (_escape(f"; cohort: {s.cohort}") if s.cohort else ""),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
