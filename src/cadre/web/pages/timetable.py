"""The timetable: a calendar per site, instructor or cohort, by week or month; iCalendar; a new
timetable or a re-plan after a change, run as a job."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import InvalidInput
from cadre.services.jobs.operations import JobQueue
from cadre.web.presenters.timetable import (
    start_timetable,
    timetable_ics,
    timetable_page,
    timetable_workbook,
)
from cadre.web.routing import PageRoute, field_errors, multi
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Subject = Annotated[str, Query(pattern="^(site|instructor|cohort)$")]
Key = Annotated[str | None, Query(max_length=64)]
Version = Annotated[int | None, Query(ge=1, le=2**31 - 1)]


@router.get("/missions/{mission}/timetable")
def timetable(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    by: Subject = "site",
    key: Key = None,
    view: Annotated[str, Query(pattern="^(week|month)$")] = "week",
    day: dt.date | None = None,
    version: Version = None,
) -> Response:
    page = timetable_page(
        work, principal, mission, by=by, key=key, view=view, day=day, version=version
    )
    context = {"page": page, "values": {}, "errors": {}}
    return render(request, "timetable.html", context, principal=principal)


@router.post("/missions/{mission}/timetable/run")
async def run_timetable(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    values = {k: v[0] for k, v in multi(await request.form()).items() if v}
    queue: JobQueue = request.app.state.jobs
    try:
        job = start_timetable(work, queue, principal, mission, values)
    except InvalidInput as error:
        page = timetable_page(work, principal, mission)
        context = {"page": page, "values": values, "errors": field_errors(error.problems)}
        return render(request, "timetable.html", context, principal=principal, status=422)
    return RedirectResponse(f"/missions/{mission}/jobs/{job.id}", status_code=303)


@router.get("/missions/{mission}/timetable.ics")
def timetable_calendar(
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    by: Subject = "site",
    key: Key = None,
    version: Version = None,
) -> Response:
    text = timetable_ics(work, principal, mission, by=by, key=key or "", version=version)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (key or ""))
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{mission}-{by}-{safe}.ics"'},
    )


@router.get("/missions/{mission}/timetable.xlsx")
def timetable_spreadsheet(
    mission: Mission, principal: CurrentPrincipal, work: Work, version: Version = None
) -> Response:
    number, data = timetable_workbook(work, principal, mission, version=version)
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="{mission}-timetable-{number}.xlsx"'
        },
    )
