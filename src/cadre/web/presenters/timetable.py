"""The timetable page: a calendar per site, instructor or cohort, by week or by month, and the
same as iCalendar; the runs left out and why; after a re-plan, what moved and why; and the
forms that start a new timetable or a re-plan as a job.

The timetable comes from `services.schedule`; what a principal sees of it passes through
their scope first (`released`), so the page, the calendar file and the job all show the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.host import HostName
from cadre.domain.months import day_problems
from cadre.domain.timetable.plan import CalendarRun
from cadre.services.access.scope import Scope, read
from cadre.services.jobs import operations as jobs
from cadre.services.jobs.operations import JobQueue, JobView
from cadre.services.scenario.queries import MissionContext, heading, names
from cadre.services.timetable.release import (
    Released,
    released,
    released_calendar,
    released_versions,
    released_workbook,
)
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.chart_words import reader_words
from cadre.web.navigation import Page, require_page

__all__ = [
    "Released",
    "TimetablePage",
    "start_timetable",
    "timetable_ics",
    "timetable_page",
    "timetable_workbook",
]

VIEWS = ("week", "month")
SUBJECTS = ("site", "instructor", "cohort")
IRAQI_WEEK = calendar.SUNDAY  # the working week runs Sunday to Thursday
KIND = "timetable-plans"


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    arabic: HostName | None = None  # a cohort: its name as written, with transliteration


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


@dataclass(frozen=True)
class TimetablePage:
    context: MissionContext
    timetable: Released | None  # None: no timetable the principal may see yet
    view: str
    by: str
    key: str
    subjects: tuple[Subject, ...]
    day: dt.date
    weeks: tuple[tuple[Day, ...], ...]  # one row for a week view, five or six for a month
    previous: dt.date
    following: dt.date
    may_run: bool  # the principal may start a timetable or a re-plan
    nations: tuple[str, ...]  # whose trainers a re-plan may withdraw
    rooms: tuple[tuple[str, str], ...]  # (site, room) a re-plan may close
    may_adopt: bool = False  # the principal adopts timetables
    unadopted: tuple[int, ...] = ()  # versions released to it while none is adopted

    @property
    def available(self) -> bool:
        return self.timetable is not None


def _check(view: str, by: str, day: dt.date | None = None) -> None:
    problems = day_problems(day, "day")
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


def _belongs(run: CalendarRun, by: str, key: str) -> bool:
    if by == "site":
        return run.site == key
    if by == "instructor":
        return key in run.instructors
    return run.cohort == key


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


def _replan_choices(scope: Scope) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    scenario = scope.data.scenario
    nations = sorted(
        {
            t.nation
            for t in scenario.trainers
            if scope.sees("trainers", t.code, {"nation": t.nation})
        }
    )
    rooms = tuple(
        (s.code, r.code) for s in scenario.sites if scope.sees("sites", s.code) for r in s.rooms
    )
    return tuple(nations), rooms


def timetable_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    by: str = "site",
    key: str | None = None,
    view: str = "week",
    day: dt.date | None = None,
    version: int | None = None,
) -> TimetablePage:
    require_page(principal, Page.TIMETABLE)
    _check(view, by, day)
    context, subjects, (nations, rooms) = read(
        uow,
        principal,
        mission,
        lambda scope: (
            MissionContext(heading(scope), names(scope)),
            _subjects(scope, by),
            _replan_choices(scope),
        ),
    )
    shown_timetable = released(uow, principal, mission, version)
    runs = shown_timetable.runs if shown_timetable else ()
    codes = [s.code for s in subjects]
    busy = [c for c in codes if any(_belongs(r, by, c) for r in runs)]  # those with runs first
    chosen = key if key is not None and key in codes else next(iter(busy + codes), "")
    mine = tuple(r for r in runs if _belongs(r, by, chosen))
    first = min((r.start for r in mine), default=None) or min((r.start for r in runs), default=None)
    shown = day or first or context.heading.start
    by_day = teaching_days(mine)
    weeks = tuple(
        tuple(
            Day(d, view == "week" or d.month == shown.month, tuple(by_day.get(d, ()))) for d in week
        )
        for week in weeks_of(view, shown)
    )
    step = dt.timedelta(days=7)
    return TimetablePage(
        context,
        shown_timetable,
        view,
        by,
        chosen,
        subjects,
        shown,
        weeks,
        _month_step(shown, -1) if view == "month" else shown - step,
        _month_step(shown, 1) if view == "month" else shown + step,
        allowed(principal, Verb.RUN, "timetable"),
        nations,
        rooms,
        allowed(principal, Verb.ADOPT, "timetable-plans"),
        ()
        if shown_timetable is not None
        else tuple(h.number for h in released_versions(uow, principal, mission)),
    )


def _month_step(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def timetable_ics(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    by: str,
    key: str,
    version: int | None = None,
) -> str:
    """The subject's calendar (RFC 5545, stable UIDs), as the principal may see it."""
    require_page(principal, Page.TIMETABLE)
    _check("week", by)
    return released_calendar(uow, principal, mission, by, key, version, reader_words())


def timetable_workbook(
    uow: UnitOfWork, principal: Principal, mission: str, *, version: int | None = None
) -> tuple[int, bytes]:
    """The timetable as an .xlsx workbook, as the principal may see it."""
    require_page(principal, Page.TIMETABLE)
    return released_workbook(uow, principal, mission, version, reader_words())


# Forms that start a job: one field each, checked here so the page can put the reason beside it.
_SECONDS = {"schedule": 60.0, "replan": 8.0}


def start_timetable(
    uow: UnitOfWork,
    queue: JobQueue,
    principal: Principal,
    mission: str,
    form: Mapping[str, str],
) -> JobView:
    """Queue a new timetable (`action` schedule) or a re-plan of the latest one after a
    change (`action` replan, with `withdraw` a nation or `close_room` as SITE/ROOM)."""
    require_page(principal, Page.TIMETABLE)
    action = form.get("action") or "schedule"
    problems: list[Problem] = []
    parameters: dict[str, object] = {}
    text = (form.get("seconds") or "").strip()
    try:
        parameters["seconds"] = float(text) if text else _SECONDS.get(action, 60.0)
    except ValueError:
        problems.append(Problem("a number of seconds, please", field="seconds"))
    if action == "replan":
        problems += _change(uow, principal, mission, form, parameters)
    elif action != "schedule":
        problems.append(Problem("choose a new timetable or a re-plan", field="action"))
    if problems:
        raise InvalidInput(problems)
    return jobs.submit(uow, queue, principal, mission, "timetable", parameters)


def _change(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    form: Mapping[str, str],
    parameters: dict[str, object],
) -> list[Problem]:
    withdraw = (form.get("withdraw") or "").strip()
    room = (form.get("close_room") or "").strip()
    if bool(withdraw) == bool(room):
        return [Problem("choose one change: a nation withdraws, or a room closes", field="change")]
    nations, rooms = read(uow, principal, mission, _replan_choices)
    if withdraw:
        if withdraw not in nations:
            return [Problem(f"{withdraw} has no trainers in the mission", field="withdraw")]
        parameters["withdraw"] = withdraw
        return []
    site, _, code = room.partition("/")
    if (site, code) not in rooms:
        return [Problem(f"{room} is not a room of the mission's sites", field="close_room")]
    parameters["close_room"], parameters["room_site"] = code, site
    return []
