"""The timetable page: a calendar per site, instructor or cohort, by week or by month, with
what the reader may start or adopt from it.

The timetable comes from `services.timetable`; what a principal sees of it passes through
their scope first (`released`), so the page, the calendar file and the job all show the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.host import HostName
from cadre.domain.months import day_problems
from cadre.domain.record_names import NO_NAMES, Names
from cadre.domain.timetable.plan import CalendarRun
from cadre.services.access.scope import Scope, read
from cadre.services.scenario.queries import MissionContext, heading, names
from cadre.services.timetable.release import Released, released, released_versions
from cadre.services.training.rosters import roster_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page
from cadre.web.presenters.timetable.replan import replan_choices
from cadre.web.presenters.timetable.weeks import Day, month_step, teaching_days, weeks_of

VIEWS = ("week", "month")
SUBJECTS = ("site", "instructor", "cohort")


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    arabic: HostName | None = None  # a cohort: its name as written, with transliteration
    names: Names = NO_NAMES  # a site or a trainer: its name in other languages


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
    rosters: frozenset[str] = frozenset()  # the runs whose roster the principal may open

    @property
    def available(self) -> bool:
        return self.timetable is not None


def check_view(view: str, by: str, day: dt.date | None = None) -> None:
    """The page's (and the calendar file's) choices, each refusal naming its field."""
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
        sites = (s for s in scenario.sites if scope.sees("sites", s.code))
        return tuple(Subject(s.code, s.name, names=s.names) for s in sites)
    if by == "instructor":
        return tuple(
            Subject(t.code, t.name, names=t.names)
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
    check_view(view, by, day)
    context, subjects, (nations, rooms) = read(
        uow,
        principal,
        mission,
        lambda scope: (
            MissionContext(heading(scope), names(scope)),
            _subjects(scope, by),
            replan_choices(scope),
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
        month_step(shown, -1) if view == "month" else shown - step,
        month_step(shown, 1) if view == "month" else shown + step,
        allowed(principal, Verb.RUN, "timetable"),
        nations,
        rooms,
        allowed(principal, Verb.ADOPT, "timetable-plans"),
        ()
        if shown_timetable is not None
        else tuple(h.number for h in released_versions(uow, principal, mission)),
        roster_runs(uow, principal, mission) if runs else frozenset(),
    )
