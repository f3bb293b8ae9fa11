"""Capacity plan versions as a principal may read them: the versions released to it and one
version's plan, decoded."""

from __future__ import annotations

from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.uncertainty import SweepRanges
from cadre.interchange.capacity_json import plan_from_json
from cadre.interchange.capacity_sweep_json import ranges_from_json
from cadre.services.plans import queries as plan_versions
from cadre.services.plans.queries import PlanHeader
from cadre.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class VisiblePlan:
    header: PlanHeader
    plan: CapacityPlan


def capacity_headers(uow: UnitOfWork, principal: Principal, mission: str) -> list[PlanHeader]:
    """The capacity plan versions released to the principal, newest first."""
    _, views = plan_versions.list_plans(uow, principal, mission, "capacity", limit=500)
    return [v.header for v in views]


def capacity_plan(uow: UnitOfWork, principal: Principal, mission: str, number: int) -> VisiblePlan:
    """One capacity plan version with its result; NotFound when not released to the principal."""
    view = plan_versions.get_plan(uow, principal, mission, "capacity", number)
    result = (view.result or {}).get("result") or {}
    return VisiblePlan(view.header, plan_from_json(result))


def adopted_header(headers: list[PlanHeader]) -> PlanHeader | None:
    """The adopted plan among the headers released to a principal; None when none is (or it
    is not released to them)."""
    return next((h for h in headers if h.adopted), None)


@dataclass(frozen=True)
class VisibleSweep:
    header: PlanHeader
    ranges: SweepRanges


def latest_sweep(uow: UnitOfWork, principal: Principal, mission: str) -> VisibleSweep | None:
    """The newest capacity sweep released to the principal, with its ranges; None without one."""
    _, views = plan_versions.list_plans(uow, principal, mission, "capacity-sweep", limit=1)
    if not views:
        return None
    view = plan_versions.get_plan(uow, principal, mission, "capacity-sweep", views[0].header.number)
    return VisibleSweep(view.header, ranges_from_json((view.result or {})["result"]))
