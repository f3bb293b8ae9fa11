"""The coordination register: /api/v1/missions/{mission}/coordination/…: its lines, overlaps,
gaps and map as JSON, HXL tables in (an upload, all or nothing) and out (CSV or XLSX), each
through the caller's releasability."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, UploadFile, status
from pydantic import BaseModel

from cadre.api.errors import GUARDED, RESPONSES
from cadre.api.paths import MissionCode
from cadre.api.routes_jobs import import_job
from cadre.api.schemas import JobOut
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.coordination.activities import Activity
from cadre.domain.coordination.gaps import Gap
from cadre.domain.errors import InvalidInput
from cadre.services.coordination import exports, queries
from cadre.services.coordination.queries import Filters, Window
from cadre.services.jobs import imports

router = APIRouter(
    prefix="/missions/{mission}/coordination",
    tags=["coordination"],
    responses=GUARDED,
)
MAX_UPLOAD = 64 * 1024 * 1024  # a register of several hundred thousand lines


class ActivityOut(BaseModel):
    code: str
    organisation: str
    organisation_name: str
    organisation_type: str
    discipline: str
    activity_type: str
    title: str
    beneficiary: str
    governorate: str
    district: str
    district_name: str
    site: str
    start: dt.date
    end: dt.date
    status: str
    planned: int | None
    reached: int | None
    contact: str
    source: str
    reported: dt.date | None
    classification: str
    releasable_to: list[str]
    extras: dict[str, str]
    ours: bool

    @classmethod
    def of(cls, a: Activity) -> ActivityOut:
        return cls(
            **{
                **a.__dict__,
                "organisation_type": a.organisation_type.value,
                "activity_type": a.activity_type.value,
                "status": a.status.value,
                "releasable_to": list(a.releasable_to),
                "extras": dict(a.extras),
            }
        )


class RegisterOut(BaseModel):
    mission: str
    total: int
    items: list[ActivityOut]


class OverlapOut(BaseModel):
    governorate: str
    discipline: str
    beneficiary: str
    first: str
    second: str
    organisations: list[str]
    start: dt.date
    end: dt.date
    place: str
    score: float


class GapOut(BaseModel):
    governorate: str
    discipline: str
    demand: int
    people: int
    shortfall: int
    uncovered: bool
    activities: int
    organisations: list[str]


class GovernorateOut(BaseModel):
    governorate: str
    activities: int
    people: int
    organisations: list[str]
    gaps: int
    uncovered: int


class MapOut(BaseModel):
    mission: str
    governorates: list[GovernorateOut]
    disciplines: list[str]
    organisations: list[str]


def filters(
    discipline: Annotated[str | None, Query(max_length=64)] = None,
    organisation: Annotated[str | None, Query(max_length=64)] = None,
    governorate: Annotated[str | None, Query(max_length=8, examples=["IQG15"])] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$", examples=["2019-03"])] = None,
) -> Filters:
    return Filters(
        discipline=discipline or "",
        organisation=organisation or "",
        governorate=(governorate or "").upper(),
        window=Window.month(month),
    )


@router.get("/activities", response_model=RegisterOut, responses={422: RESPONSES[422]})
def list_activities(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Annotated[str | None, Query(max_length=64)] = None,
    organisation: Annotated[str | None, Query(max_length=64)] = None,
    governorate: Annotated[str | None, Query(max_length=8)] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> RegisterOut:
    """The register's lines the caller may see, the mission's own runs among them."""
    chosen = filters(discipline, organisation, governorate, month)
    found = queries.register(work, principal, mission, chosen)
    items = [ActivityOut.of(a) for a in found.activities[offset : offset + limit]]
    return RegisterOut(mission=found.mission, total=len(found.activities), items=items)


@router.get("/overlaps", response_model=list[OverlapOut], responses={422: RESPONSES[422]})
def list_overlaps(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Annotated[str | None, Query(max_length=64)] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
) -> list[OverlapOut]:
    """Pairs of actors teaching the same beneficiary the same skill in one place and time."""
    found = queries.overlaps(work, principal, mission, filters(discipline, None, None, month))
    return [OverlapOut(**{**o.__dict__, "organisations": list(o.organisations)}) for o in found]


def _gap(g: Gap) -> GapOut:
    return GapOut(
        governorate=g.governorate,
        discipline=g.discipline,
        demand=g.demand,
        people=g.people,
        shortfall=g.shortfall,
        uncovered=g.uncovered,
        activities=g.activities,
        organisations=list(g.organisations),
    )


@router.get("/gaps", response_model=list[GapOut], responses={422: RESPONSES[422]})
def list_gaps(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Annotated[str | None, Query(max_length=64)] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
) -> list[GapOut]:
    """Cells of the host's needs that the lines the caller sees do not cover."""
    found = queries.gaps(work, principal, mission, filters(discipline, None, None, month))
    return [_gap(g) for g in found]


@router.get("/map", response_model=MapOut, responses={422: RESPONSES[422]})
def activity_map(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Annotated[str | None, Query(max_length=64)] = None,
    organisation: Annotated[str | None, Query(max_length=64)] = None,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
) -> MapOut:
    """Each governorate's activity and gaps, as the caller may see them."""
    found = queries.activity_map(
        work, principal, mission, filters(discipline, organisation, None, month)
    )
    return MapOut(
        mission=found.mission,
        governorates=[
            GovernorateOut(**{**g.__dict__, "organisations": list(g.organisations)})
            for g in found.governorates
        ],
        disciplines=list(found.disciplines),
        organisations=list(found.organisations),
    )


@router.get(
    "/export/{table}",
    responses={
        200: {"content": {t: {} for t in exports.MEDIA_TYPES.values()}},
        422: RESPONSES[422],
    },
    response_class=Response,
)
def export_table(
    mission: MissionCode,
    table: Literal["register", "overlaps", "gaps", "needs"],
    principal: CurrentPrincipal,
    work: Work,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
) -> Response:
    """The register, its overlaps, its gaps or the host's needs as an HXL-tagged table, made
    from what the caller may see."""
    found = exports.export(work, principal, table, format, mission)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="{found.name}"'},
    )


@router.post(
    "/import",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses={422: RESPONSES[422]},
)
async def import_table(
    mission: MissionCode,
    file: UploadFile,
    principal: CurrentPrincipal,
    work: Work,
    request: Request,
    response: Response,
) -> JobOut:
    """An HXL table of activities (or of the host's needs), imported as a job (a register of
    tens of thousands of lines takes a while): the answer comes at once with the job;
    `GET /api/v1/jobs/{id}` follows it, and its `result` says what was stored, or every
    problem located by row, column and hashtag (then nothing is stored)."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(
            f"the table is over {MAX_UPLOAD // (1024 * 1024)} MiB",
            code="coordination.too_large",
        )
    name = (file.filename or "upload")[:200]
    return await import_job(
        request, response, work, principal, mission, imports.ACTIVITIES_IMPORT, name, data
    )
