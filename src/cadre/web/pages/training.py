"""The course director's roster page for a run: each seated trainee's attendance per teaching
day, the score, completion by the course's rule and the certificate; the wait list in its
order; for those who may write, the forms of pages/roster_forms.py (enrol, withdraw, a day's
attendance, the scores, closing the run); the roster as a workbook to fill in offline, and
the filled-in workbook sent back (all of it, or nothing with every problem and conflict
located)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.datastructures import UploadFile
from starlette.responses import Response

from cadre.access.labels import CERTIFICATES, ENROLMENTS
from cadre.access.policy import Reach, Verb, allowed, reach
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.training.enrolment import Standing
from cadre.services.training import queries, roster_sheets, rosters
from cadre.services.training.results import Closed
from cadre.services.training.roster_sheets import MAX_BYTES, RosterApplied
from cadre.web.chart_words import reader_words
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Run = Annotated[str, Path(max_length=64)]
FOUND = 10  # trainees offered for enrolment from one search: a name is narrowed, not browsed


def _day(asked: str, days: tuple[dt.date, ...]) -> dt.date | None:
    """The teaching day the attendance form shows: the one asked for, else today's, else
    the first; an unreadable or foreign day is not an error, just not chosen."""
    try:
        wanted = dt.date.fromisoformat(asked)
    except ValueError:
        wanted = dt.date.today()
    return wanted if wanted in days else (days[0] if days else None)


def roster_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    run: str,
    *,
    outcome: RosterApplied | None = None,
    problems: tuple[Problem, ...] = (),
    form: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, list[Markup]] | None = None,
    closed: Closed | None = None,
    template: str = "roster.html",
    status: int = 200,
) -> Response:
    """The page; after a refusal, the form sent (`form`) with what was typed and why."""
    found = roster_sheets.director_roster(work, principal, run, mission)
    listed = rosters.roster(work, principal, run, mission)
    everyone = listed.lines
    values = values or {}
    asked = values.get("day") or request.query_params.get("day", "")
    q = values.get("q", "")[:200].strip()
    may_enrol = reach(principal.roles, Verb.WRITE, ENROLMENTS) is Reach.ANY
    candidates = queries.list_trainees(work, principal, mission, q=q, limit=FOUND) if (
        may_enrol and q
    ) else None  # fmt: skip
    context = {
        "mission": mission,
        "roster": found,
        "outcome": outcome,
        "problems": problems,
        "on_run": [line for line in everyone if line.standing != Standing.WITHDRAWN],
        "waiting": [line for line in everyone if line.standing == Standing.WAITING],
        "withdrawn": listed.withdrawn,
        "day": _day(asked, found.sheet.days),
        "q": q,
        "candidates": candidates,
        "may_enrol": may_enrol,
        "may_write": allowed(principal, Verb.WRITE, ENROLMENTS),
        "may_close": allowed(principal, Verb.WRITE, CERTIFICATES),
        "form": form,
        "values": values,
        "errors": errors or {},
        "closed": closed,
        "done": request.query_params.get("done", "")[:40],
        "place": request.query_params.get("place", "")[:6],
    }
    status = 422 if problems else status
    return render(request, template, context, principal=principal, status=status)


@router.get("/missions/{mission}/runs/{run:path}/roster")
def roster_page(
    request: Request,
    mission: Mission,
    run: Run,
    principal: CurrentPrincipal,
    work: Work,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    return roster_view(request, principal, work, mission, run, values={"q": q})


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
            partial(roster_view, request, principal, work, mission, run, problems=problems)
        )
    try:
        done = await run_in_threadpool(
            roster_sheets.upload_roster, work, principal, run, data, filename,
            dt.date.today(), mission,
        )  # fmt: skip
    except InvalidInput as error:
        page = partial(roster_view, request, principal, work, mission, run)
        return await run_in_threadpool(page, problems=error.problems)
    page = partial(roster_view, request, principal, work, mission, run)
    return await run_in_threadpool(page, outcome=done)
