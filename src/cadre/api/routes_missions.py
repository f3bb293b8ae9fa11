"""Missions, their brief and their plan versions: /api/v1/missions,
/api/v1/missions/{mission}/brief.pdf, /api/v1/missions/{mission}/plans/..."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from fastapi.concurrency import run_in_threadpool

from cadre.api.errors import RESPONSES
from cadre.api.language import Lang, refusal
from cadre.api.paths import MissionCode
from cadre.api.schemas import (
    AdoptedOut,
    AdoptIn,
    AdoptionOut,
    FigureChangeOut,
    LabelOut,
    MissionOut,
    MissionPage,
    PlanDetailOut,
    PlanPage,
    RefusalOut,
)
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.lifecycle import PlanState
from cadre.services.brief.document import brief_document
from cadre.services.plans import operations as lifecycle
from cadre.services.plans import queries as plan_versions
from cadre.services.plans.queries import PlanView
from cadre.services.scenario import missions
from cadre.services.scenario.missions import MissionSummary

router = APIRouter(tags=["missions"], responses={401: RESPONSES[401]})
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
    """The mission, with the adopted plan of each kind the caller reads and its age."""
    out = _mission(missions.mission(work, principal, mission))
    adopted = plan_versions.released_adopted_plans(work, principal, mission)
    out.adopted = {
        a.kind: AdoptedOut(number=a.number, adopted_at=a.adopted_at, newer=a.newer) for a in adopted
    }
    return out


@router.get(
    "/missions/{mission}/brief.pdf",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}},
        400: RESPONSES[400],
        404: RESPONSES[404],
    },
)
async def mission_brief(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    lang: Lang = "en",
) -> Response:
    """The mission brief as a PDF in English or Arabic, each part as released to the caller
    (as the web page's download)."""
    refused = refusal(lang, "a brief")
    if refused is not None:
        return refused
    data = await run_in_threadpool(brief_document, work, principal, mission, lang)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{mission}-brief-{lang}.pdf"'},
    )


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
        "state": h.state,
        "adopted_at": h.adopted_at,
        "forced_reason": h.forced_reason,
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
    state: Annotated[PlanState | None, Query(description="e.g. adopted: the one adopted")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Plan versions of a kind, newest first, each with its lifecycle state."""
    total, views = plan_versions.list_plans(
        work,
        principal,
        mission,
        kind,
        status=status,
        state=state.value if state else None,
        limit=limit,
        offset=offset,
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


@router.get(
    "/missions/{mission}/sweeps/{number}",
    response_model=PlanDetailOut,
    tags=["plans"],
    responses={403: RESPONSES[403], 404: RESPONSES[404]},
)
def read_sweep(
    mission: MissionCode,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: CurrentPrincipal,
    work: Work,
) -> dict[str, Any]:
    """A capacity sweep (the `capacity_sweep` job's result): P10/P50/P90 of the foreign force
    and the whole deployed force by month, of the peak and of each handover month, and the
    inputs the answer is most sensitive to, with the scenario it was drawn from."""
    view = plan_versions.get_plan(work, principal, mission, "capacity-sweep", number)
    return _plan("capacity-sweep", view) | (view.result or {})


@router.post(
    "/missions/{mission}/plans/{kind}/{number}/adopt",
    response_model=AdoptionOut,
    tags=["plans"],
    responses={403: RESPONSES[403], 404: RESPONSES[404], 409: RESPONSES[409], 422: RESPONSES[422]},
)
def adopt_plan(
    mission: MissionCode,
    kind: PlanKind,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: CurrentPrincipal,
    work: Work,
    body: AdoptIn | None = None,
) -> AdoptionOut:
    """Make the version the mission's plan of its kind (the planner's act, audited); with
    `dry_run`, only what it would change and whether it would be refused. A failed plan is
    refused (409); one worse by rule than the adopted plan too, unless `force` with a `reason`."""
    asked = body or AdoptIn()
    done = lifecycle.adopt_plan(
        work,
        mission,
        kind,
        number,
        force=asked.force,
        reason=asked.reason,
        principal=principal,
        dry_run=asked.dry_run,
    )
    return AdoptionOut(
        mission=done.mission,
        kind=done.kind,
        number=done.number,
        previous=done.previous,
        figures=[
            FigureChangeOut(name=f.name, before=f.before, after=f.after) for f in done.figures
        ],
        added=list(done.added),
        removed=list(done.removed),
        refusal=RefusalOut(
            code=done.refusal.code, message=done.refusal.message, params=dict(done.refusal.params)
        )
        if done.refusal
        else None,
        needs_force=done.needs_force,
        done=done.done,
        forced_reason=done.forced_reason,
        adopted_at=done.adopted_at,
    )
