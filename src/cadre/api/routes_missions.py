"""Missions and their plan versions: /api/v1/missions, /api/v1/missions/{mission}/plans/..."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from cadre.api.errors import RESPONSES
from cadre.api.schemas import LabelOut, MissionOut, MissionPage, PlanDetailOut, PlanPage
from cadre.api.security import CurrentPrincipal, Work
from cadre.services.plans import queries as plan_versions
from cadre.services.plans.queries import PlanView
from cadre.services.scenario import missions
from cadre.services.scenario.missions import MissionSummary

router = APIRouter(tags=["missions"], responses={401: RESPONSES[401]})
MissionCode = Annotated[str, Path(max_length=64, examples=["TINY"])]
PlanKind = Literal["capacity", "force", "timetable"]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def _mission(summary: MissionSummary) -> MissionOut:
    return MissionOut(
        code=summary.code,
        name=summary.name,
        host=summary.host,
        start=summary.start,
        end=summary.end,
        label=LabelOut.of(summary.label),
        counts=summary.counts,
    )


@router.get("/missions", response_model=MissionPage)
def list_missions(
    principal: CurrentPrincipal, work: Work, limit: Limit = 50, offset: Offset = 0
) -> MissionPage:
    total, found = missions.missions(work, principal, limit, offset)
    return MissionPage(total=total, limit=limit, offset=offset, items=[_mission(m) for m in found])


@router.get("/missions/{mission}", response_model=MissionOut, responses={404: RESPONSES[404]})
def read_mission(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> MissionOut:
    return _mission(missions.mission(work, principal, mission))


def _plan(kind: str, view: PlanView) -> dict[str, Any]:
    h = view.header
    return {
        "kind": kind,
        "number": h.number,
        "label": h.label,
        "created_at": h.created_at,
        "status": h.status,
        "parameters": h.parameters,
        "summary": h.summary,
        "scenario_fingerprint": h.scenario_fingerprint,
        "releasability": LabelOut.of(view.label),
    }


@router.get(
    "/missions/{mission}/plans/{kind}",
    response_model=PlanPage,
    tags=["plans"],
    responses={403: RESPONSES[403], 404: RESPONSES[404]},
)
def list_plans(
    mission: MissionCode,
    kind: PlanKind,
    principal: CurrentPrincipal,
    work: Work,
    status: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Plan versions of a kind, newest first."""
    total, views = plan_versions.list_plans(
        work, principal, mission, kind, status=status, limit=limit, offset=offset
    )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [_plan(kind, v) for v in views],
    }


@router.get(
    "/missions/{mission}/plans/{kind}/{number}",
    response_model=PlanDetailOut,
    tags=["plans"],
    responses={403: RESPONSES[403], 404: RESPONSES[404]},
)
def read_plan(
    mission: MissionCode,
    kind: PlanKind,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: CurrentPrincipal,
    work: Work,
) -> dict[str, Any]:
    """One plan version with its result and the scenario it was computed from."""
    view = plan_versions.get_plan(work, principal, mission, kind, number)
    return _plan(kind, view) | (view.result or {})
