"""The course director's roster page for a run: each seated trainee's attendance per teaching
day, the score, completion by the course's rule and the certificate; the roster as a workbook
to fill in offline, and the filled-in workbook sent back (all of it, or nothing with every
problem and conflict located)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from cadre.domain.errors import InvalidInput, Problem
from cadre.services.training import roster_sheets
from cadre.services.training.roster_sheets import MAX_BYTES, RosterApplied
from cadre.web.chart_words import reader_words
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Run = Annotated[str, Path(max_length=64)]


def _page(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    run: str,
    outcome: RosterApplied | None = None,
    problems: tuple[Problem, ...] = (),
) -> Response:
    found = roster_sheets.director_roster(work, principal, run, mission)
    context = {"mission": mission, "roster": found, "outcome": outcome, "problems": problems}
    return render(
        request, "roster.html", context, principal=principal, status=422 if problems else 200
    )


@router.get("/missions/{mission}/runs/{run:path}/roster")
def roster_page(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    return _page(request, principal, work, mission, run)


@router.get("/missions/{mission}/runs/{run:path}/roster.xlsx")
def roster_download(
    mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    found = roster_sheets.roster_download(work, principal, run, mission, reader_words())
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": found.disposition},
    )


@router.post("/missions/{mission}/runs/{run:path}/roster")
async def roster_upload(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        upload = form.get("workbook")
        filename = upload.filename if isinstance(upload, UploadFile) else None
        data = await upload.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    if not filename:
        problems = (Problem("choose the workbook to send", field="workbook"),)
        return await run_in_threadpool(
            _page, request, principal, work, mission, run, None, problems
        )
    try:
        done = await run_in_threadpool(
            roster_sheets.upload_roster, work, principal, run, data, filename,
            dt.date.today(), mission,
        )  # fmt: skip
    except InvalidInput as error:
        return await run_in_threadpool(
            _page, request, principal, work, mission, run, None, error.problems
        )
    return await run_in_threadpool(_page, request, principal, work, mission, run, done)
