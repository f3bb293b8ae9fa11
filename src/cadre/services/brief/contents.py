"""What a mission brief says, gathered through the same released reads as the pages: the
adopted capacity plan (and the newest capacity sweep, for ranges), the force plan's fill and
shortfalls, and the coordination register's gaps. A part the reader may not read is simply
absent (its role reads no such plans, or none is released to it), never an error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, reach
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.uncertainty import SweepRanges
from cadre.domain.errors import Forbidden, NotFound
from cadre.domain.force.fill import Fill
from cadre.services.access.scope import Scope, read
from cadre.services.capacity.queries import (
    adopted_header,
    capacity_headers,
    capacity_plan,
    latest_sweep,
)
from cadre.services.coordination import queries as coordination
from cadre.services.force.queries import current_picture
from cadre.services.force.release import force_redaction, released_picture
from cadre.services.scenario.queries import mission_context
from cadre.services.unit_of_work import UnitOfWork

SHORTFALLS_SHOWN = 12
GAPS_SHOWN = 12


@dataclass(frozen=True)
class MonthForce:
    month: dt.date
    force: float  # instructors the adopted plan needs in theatre
    deployed: int | None  # the whole deployed force, when the plan has it
    low: float | None = None  # the sweep's P10, P50 and P90, when a sweep is released
    middle: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class HandoverLine:
    subject: str  # a discipline
    month: dt.date | None  # None: not within the horizon
    reason: str
    target: dt.date | None
    p10: dt.date | None = None
    p50: dt.date | None = None
    p90: dt.date | None = None
    # the earliest month the host could carry it in any plan, when the plan was asked for it
    earliest: dt.date | None = None


@dataclass(frozen=True)
class ShortLine:
    line: str
    title: str
    qualification: str
    post_months: int
    first: dt.date
    last: dt.date
    worst: int


@dataclass(frozen=True)
class GapLine:
    governorate: str
    discipline: str
    demand: int
    people: int
    shortfall: int


@dataclass(frozen=True)
class Capacity:
    number: int
    plan: CapacityPlan
    peak: float
    peak_month: dt.date | None
    deployed: int | None
    deployed_month: dt.date | None
    months: tuple[MonthForce, ...]
    handovers: tuple[HandoverLine, ...]
    sweep: int | None  # the sweep version the ranges come from
    ranges: SweepRanges | None


@dataclass(frozen=True)
class ForceFill:
    version: int
    total: Fill
    weighted_share: float
    shortfalls: tuple[ShortLine, ...]
    shortfall_count: int


@dataclass(frozen=True)
class Brief:
    mission: str
    name: str
    start: dt.date
    end: dt.date
    made_on: dt.date
    reader: str
    capacity: Capacity | None
    force: ForceFill | None
    gaps: tuple[GapLine, ...] | None  # None: the register is not the reader's to read
    gap_count: int


def mission_brief(
    uow: UnitOfWork, principal: Principal, mission: str, today: dt.date | None = None
) -> Brief:
    """The brief of `mission` as `principal` may read it; NotFound when the mission is not
    released to it at all."""
    heading = mission_context(uow, principal, mission).heading
    gaps = _gaps(uow, principal, heading.code)
    return Brief(
        heading.code,
        heading.name,
        heading.start,
        heading.end,
        today or dt.date.today(),
        principal.username,
        _capacity(uow, principal, heading.code),
        _force(uow, principal, heading.code),
        tuple(gaps[:GAPS_SHOWN]) if gaps is not None else None,
        len(gaps) if gaps is not None else 0,
    )


def _capacity(uow: UnitOfWork, principal: Principal, mission: str) -> Capacity | None:
    try:
        adopted = adopted_header(capacity_headers(uow, principal, mission))
    except Forbidden:
        return None
    if adopted is None:
        return None
    plan = capacity_plan(uow, principal, mission, adopted.number).plan
    try:
        sweep = latest_sweep(uow, principal, mission)
    except (Forbidden, NotFound):
        sweep = None
    ranges = sweep.ranges if sweep is not None and sweep.ranges.months == plan.months else None
    force, deployed = plan.force_by_month(), plan.deployed_by_month()
    months = tuple(
        MonthForce(
            month,
            force[t],
            deployed[t] if plan.deployed else None,
            ranges.force.p10[t] if ranges else None,
            ranges.force.p50[t] if ranges else None,
            ranges.force.p90[t] if ranges else None,
        )
        for t, month in enumerate(plan.months)
    )
    spread = {h.subject: h for h in ranges.handovers} if ranges else {}
    handovers = tuple(
        HandoverLine(
            h.subject,
            h.month,
            h.reason,
            h.target,
            *(
                (spread[h.subject].p10, spread[h.subject].p50, spread[h.subject].p90)
                if h.subject in spread
                else (None, None, None)
            ),
            h.earliest,
        )
        for h in plan.handovers
    )
    peak, peak_month = plan.peak_force
    whole, whole_month = plan.peak_deployed
    return Capacity(
        adopted.number,
        plan,
        peak,
        peak_month,
        whole if plan.deployed else None,
        whole_month,
        months,
        handovers,
        sweep.header.number if ranges is not None and sweep is not None else None,
        ranges,
    )


def _force(uow: UnitOfWork, principal: Principal, mission: str) -> ForceFill | None:
    """The force plan's fill and worst shortfalls, released as on the force page."""
    if reach(principal.roles, Verb.READ, "force-plans") is None:
        return None
    try:
        found = current_picture(uow, mission)
    except (NotFound, Forbidden):
        return None

    def release(scope: Scope) -> ForceFill | None:
        if not scope.sees("force-plans", str(found.version)):
            return None
        view = released_picture(scope, found, force_redaction(scope, found.problem.offers))
        short = tuple(
            ShortLine(
                s.line.number,
                s.line.title,
                s.line.qualification,
                s.post_months,
                s.first_month,
                s.last_month,
                s.worst,
            )
            for s in view.shortfalls[:SHORTFALLS_SHOWN]
        )
        return ForceFill(
            view.version, view.fill.total, view.fill.weighted_share, short, len(view.shortfalls)
        )

    shown: ForceFill | None = read(uow, principal, mission, release)
    return shown


def _gaps(uow: UnitOfWork, principal: Principal, mission: str) -> list[GapLine] | None:
    try:
        found = coordination.gaps(uow, principal, mission)
    except Forbidden:
        return None
    lines = [GapLine(g.governorate, g.discipline, g.demand, g.people, g.shortfall) for g in found]
    return sorted(lines, key=lambda g: (-g.shortfall, g.governorate, g.discipline))
