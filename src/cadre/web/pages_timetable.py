"""The timetable: a calendar per site, instructor or cohort, by week or month; iCalendar."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from cadre.api.security import CurrentPrincipal, Database
from cadre.services.web_timetable import timetable_ics, timetable_page
from cadre.web.routing import PageRoute
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Subject = Annotated[str, Query(pattern="^(site|instructor|cohort)$")]
Key = Annotated[str | None, Query(max_length=64)]


@router.get("/missions/{mission}/timetable")
def timetable(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    engine: Database,
    by: Subject = "site",
    key: Key = None,
    view: Annotated[str, Query(pattern="^(week|month)$")] = "week",
    day: dt.date | None = None,
) -> Response:
    page = timetable_page(engine, principal, mission, by=by, key=key, view=view, day=day)
    return render(request, "timetable.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/timetable.ics")
def timetable_calendar(
    mission: Mission,
    principal: CurrentPrincipal,
    engine: Database,
    by: Subject = "site",
    key: Key = None,
) -> Response:
    text = timetable_ics(engine, principal, mission, by=by, key=key or "")
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{mission}-{by}.ics"'},
    )
