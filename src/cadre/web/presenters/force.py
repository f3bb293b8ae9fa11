"""The force generation page: the statement of requirements against the pledges, shortfalls,
what caveats cost, and the rotation calendar, for those the force plan is released to; for
everyone else on the page (a partner nation's contributor), only what is releasable to them:
their own pledges and caveats. Besides, a nation's pledge workbook out and back in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, reach
from cadre.domain.force.caveats import CaveatImpact
from cadre.domain.force.fill import FillReport
from cadre.domain.force.rotations import Gap, Relief, RotationPlan
from cadre.domain.force.shortfalls import Shortfall
from cadre.domain.months import months_of
from cadre.services.access.scope import Scope, read
from cadre.services.force import operations as force
from cadre.services.force.queries import current_picture, workbook_nations
from cadre.services.force.release import force_redaction, released_picture
from cadre.services.plans.plots import keep_force_plots
from cadre.services.records import queries as records
from cadre.services.records.queries import RecordView
from cadre.services.scenario.queries import MissionContext, heading, names
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.chart_words import reader_words
from cadre.web.navigation import Page, require_page

SHOWN_SHORTFALLS = 15
PALETTE = 10
OTHERS = PALETTE - 1  # the last colour: every nation after the first nine, one series


@dataclass(frozen=True)
class Bar:
    """A stretch of one post in the rotation calendar: a nation's tour, or a gap (nation None)."""

    first: int  # month index, inclusive
    last: int
    nation: str | None
    offer: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CalendarRow:
    line: str
    post: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class RotationCalendar:
    months: tuple[dt.date, ...]
    rows: tuple[CalendarRow, ...]
    overlap_days: int


@dataclass(frozen=True)
class ForcePicture:
    version: int
    requirement: str
    fill: FillReport
    shortfalls: tuple[Shortfall, ...]
    shortfall_count: int
    caveat_impact: tuple[CaveatImpact, ...]
    calendar: RotationCalendar
    reliefs: tuple[Relief, ...]
    unrelieved: tuple[Gap, ...]
    palette: dict[str, int]  # a colour per nation by what they fill; after nine, one shared


@dataclass(frozen=True)
class ForcePage:
    context: MissionContext
    picture: ForcePicture | None  # None: the force plan is not released to the principal
    pledges: list[RecordView]
    caveats: list[RecordView]
    nations: tuple[str, ...]  # whose pledge workbooks the principal may fetch and send back


def force_page(
    uow: UnitOfWork, principal: Principal, mission: str, nation: str | None = None
) -> ForcePage:
    """The page; `nation` narrows the rotation calendar to the posts one nation fills."""
    require_page(principal, Page.FORCE)
    context, nations, may_see_plans = read(
        uow,
        principal,
        mission,
        lambda scope: (
            MissionContext(heading(scope), names(scope)),
            workbook_nations(scope),
            reach(principal.roles, Verb.READ, "force-plans") is not None,
        ),
    )
    pledges = records.list_records(uow, principal, mission, "pledges", limit=500).items
    caveats = records.list_records(uow, principal, mission, "caveats", limit=500).items
    picture = None
    if may_see_plans:
        found = current_picture(uow, mission)

        def release(scope: Scope) -> tuple[force.ForcePicture, str] | None:
            if not scope.sees("force-plans", str(found.version)):
                return None
            hidden = force_redaction(scope, found.problem.offers)
            return released_picture(scope, found, hidden), hidden.digest

        shown = read(uow, principal, mission, release)
        if shown is not None:
            view, sight = shown
            keep_force_plots(uow, mission, view.version, view.fill, sight, reader_words())
            picture = _picture(view, nation)
    return ForcePage(context, picture, pledges, caveats, nations)


def _picture(view: force.ForcePicture, nation: str | None) -> ForcePicture:
    plan = view.rotations
    return ForcePicture(
        view.version,
        view.requirement,
        view.fill,
        view.shortfalls[:SHOWN_SHORTFALLS],
        len(view.shortfalls),
        view.caveat_impact,
        calendar(plan, nation),
        tuple(r for r in plan.reliefs if nation is None or nation in _nations(r)),
        tuple(
            g for g in plan.unrelieved if nation is None or (g.after and g.after.nation == nation)
        ),
        {n.nation: min(i, OTHERS) for i, n in enumerate(view.fill.by_nation)},
    )


def _nations(relief: Relief) -> tuple[str, str]:
    return relief.outgoing.nation, relief.incoming.nation


def calendar(plan: RotationPlan, nation: str | None = None) -> RotationCalendar:
    """Each post's tours and gaps as bars over the months; only posts `nation` fills, if given."""
    days = [t.start for t in plan.tours] + [g.start for g in plan.gaps]
    ends = [t.end for t in plan.tours] + [g.end for g in plan.gaps]
    if not days:
        return RotationCalendar((), (), plan.overlap_days)
    months = tuple(months_of(min(days), max(ends)))
    index = {m: i for i, m in enumerate(months)}

    def at(day: dt.date) -> int:
        return index[day.replace(day=1)]

    posts: dict[tuple[str, int], list[Bar]] = {}
    for tour in plan.tours:
        posts.setdefault((tour.line, tour.post), []).append(
            Bar(at(tour.start), at(tour.end), tour.nation, tour.offer, tour.start, tour.end)
        )
    for gap in plan.gaps:
        posts.setdefault((gap.line, gap.post), []).append(
            Bar(at(gap.start), at(gap.end), None, "", gap.start, gap.end)
        )
    rows = tuple(
        CalendarRow(line, post, tuple(sorted(bars, key=lambda b: b.start)))
        for (line, post), bars in sorted(posts.items())
        if nation is None or any(b.nation == nation for b in bars)
    )
    return RotationCalendar(months, rows, plan.overlap_days)
