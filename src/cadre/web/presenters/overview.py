"""The mission overview page: the headline numbers a commander asks for first, from the adopted
capacity plan and force plan, when released to the principal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.capacity.plan import Handover
from cadre.domain.errors import Forbidden
from cadre.services.capacity.queries import adopted_header, capacity_headers, capacity_plan
from cadre.services.plans import queries as plan_versions
from cadre.services.scenario.queries import MissionContext, mission_context
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page
from cadre.web.presenters.mission import month_index


@dataclass(frozen=True)
class PlanFigures:
    number: int
    status: str
    created_at: dt.datetime
    now_month: dt.date
    now_outside: bool  # today lies outside the plan's horizon: its nearest month is shown
    force_now: float
    peak: float
    peak_month: dt.date | None
    instructor_months: float
    unmet: float
    host_led_share: float
    handovers: tuple[Handover, ...]
    site_handovers: tuple[Handover, ...]
    deployed: int | None = None  # the whole deployed force at its peak; None: not computed
    deployed_month: dt.date | None = None


@dataclass(frozen=True)
class FillFigures:
    number: int
    created_at: dt.datetime
    weighted_share: float
    filled: int
    required: int
    critical_filled: int
    critical_required: int

    @property
    def share(self) -> float:
        return self.filled / self.required if self.required else 1.0


@dataclass(frozen=True)
class Overview:
    context: MissionContext
    plan: PlanFigures | None  # None: no capacity plan is released to the principal
    fill: FillFigures | None  # None: no force plan is released to the principal


def overview(
    uow: UnitOfWork, principal: Principal, mission: str, today: dt.date | None = None
) -> Overview:
    require_page(principal, Page.OVERVIEW)
    context = mission_context(uow, principal, mission)
    adopted = adopted_header(capacity_headers(uow, principal, mission))
    figures = None
    if adopted is not None:
        visible = capacity_plan(uow, principal, mission, adopted.number)
        plan = visible.plan
        index, outside = month_index(plan, today or dt.date.today())
        peak, peak_month = plan.peak_force
        force = plan.force_by_month()
        figures = PlanFigures(
            visible.header.number,
            plan.status,
            visible.header.created_at,
            plan.months[index] if plan.months else context.heading.start,
            outside,
            force[index] if force else 0.0,
            peak,
            peak_month,
            plan.instructor_months,
            plan.unmet,
            plan.host_led_share(),
            plan.handovers,
            plan.site_handovers,
            plan.peak_deployed[0] if plan.deployed else None,
            plan.peak_deployed[1],
        )
    return Overview(context, figures, _fill(uow, principal, mission))


def _fill(uow: UnitOfWork, principal: Principal, mission: str) -> FillFigures | None:
    """The fill of the adopted force plan, from its stored summary (no matching is run)."""
    try:
        _, views = plan_versions.list_plans(
            uow, principal, mission, "force", state="adopted", limit=1
        )
    except Forbidden:  # the role reads no force plans: the figure is simply absent
        return None
    if not views:
        return None
    header = views[0].header
    fill = {k: (int(v[0]), int(v[1])) for k, v in header.summary.get("fill", {}).items()}
    critical = fill.get("critical", (0, 0))
    return FillFigures(
        header.number,
        header.created_at,
        float(header.summary.get("weighted_share", 0.0)),
        sum(f for f, _ in fill.values()),
        sum(r for _, r in fill.values()),
        critical[0],
        critical[1],
    )
