"""Coordination: the map of activity and gaps by governorate, the overlaps, the register's
lines, and their HXL exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from cadre.web.presenters.coordination import export_file, map_page, overlaps_page, register_page
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Discipline = Annotated[str, Query(max_length=64)]
Organisation = Annotated[str, Query(max_length=64)]
Month = Annotated[str, Query(pattern=r"^(\d{4}-\d{2})?$")]


@router.get("/missions/{mission}/coordination")
def coordination_map(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Discipline = "",
    organisation: Organisation = "",
    month: Month = "",
    metric: Annotated[str, Query(pattern="^(activities|people|gaps)$")] = "activities",
) -> Response:
    page = map_page(
        work,
        principal,
        mission,
        discipline=discipline,
        organisation=organisation,
        month=month,
        metric=metric,
    )
    return render(request, "coordination.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/coordination/overlaps")
def coordination_overlaps(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Discipline = "",
    month: Month = "",
) -> Response:
    page = overlaps_page(work, principal, mission, discipline=discipline, month=month)
    return render(request, "coordination_overlaps.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/coordination/register")
def coordination_register(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    discipline: Discipline = "",
    organisation: Organisation = "",
    month: Month = "",
) -> Response:
    page = register_page(
        work, principal, mission, discipline=discipline, organisation=organisation, month=month
    )
    return render(request, "coordination_register.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/coordination/export/{table}")
def coordination_export(
    mission: Mission,
    table: Annotated[str, Path(pattern="^(register|overlaps|gaps|needs)$")],
    principal: CurrentPrincipal,
    work: Work,
    format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
    discipline: Discipline = "",
    organisation: Organisation = "",
    month: Month = "",
) -> Response:
    found = export_file(
        work,
        principal,
        mission,
        table,
        format,
        discipline=discipline,
        organisation=organisation,
        month=month,
    )
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="{found.name}"'},
    )
