"""The host's trainees on the web: found however the name is spelt (محمد, Mohammed and
Muhammad are one search) or by service number, a page at a time, showing only what the
reader's roles may see (the vetting's outcome and date, never its reasons); and, for those
who may write trainees, a CSV or XLSX file sent to the same import job the API starts."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from cadre.access.labels import TRAINEES
from cadre.access.policy import Verb, allowed
from cadre.domain.errors import InvalidInput, Problem
from cadre.services.jobs import imports
from cadre.services.jobs.operations import JobQueue
from cadre.services.scenario.queries import mission_context
from cadre.services.training import queries
from cadre.web import i18n
from cadre.web.messages import N_
from cadre.web.navigation import Page, require_page
from cadre.web.routing import PageRoute, uploaded
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
PER_PAGE = 50
MAX_UPLOAD = 64 * 1024 * 1024  # as the API's import
# The page's own refusals, before any service is asked: words here, not a service's code.
NO_FILE = N_("Choose a trainee file (CSV or XLSX) to import.")
TOO_LARGE = N_("The file is too large: send at most 64 MB.")


@router.get("/missions/{mission}/trainees")
def trainees_page(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    return trainees_view(request, principal, work, mission, q=q, page=page)


def trainees_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    *,
    q: str = "",
    page: int = 1,
    problems: tuple[Problem, ...] = (),
    refusal: str = "",
    status: int = 200,
) -> Response:
    require_page(principal, Page.TRAINEES)
    found = queries.list_trainees(
        work, principal, mission, q=q, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
    )
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "trainees",
        "q": q,
        "page": page,
        "last_page": max(1, -(-found.total // PER_PAGE)),
        "found": found,
        "may_import": allowed(principal, Verb.WRITE, TRAINEES),
        "problems": problems,
        # The catalogue's words are ours: an Arabic one marks its Latin fragments itself.
        "refusal": Markup(i18n.gettext_(refusal)) if refusal else "",
    }
    return render(request, "trainees.html", context, principal=principal, status=status)


@router.post("/missions/{mission}/trainees/import")
async def import_trainees(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    require_page(principal, Page.TRAINEES)
    name, data = await uploaded(request, "file", MAX_UPLOAD)
    if not data or len(data) > MAX_UPLOAD:
        refusal = NO_FILE if not data else TOO_LARGE
        return await run_in_threadpool(
            partial(trainees_view, request, principal, work, mission, refusal=refusal, status=422)
        )
    queue: JobQueue = request.app.state.jobs
    try:  # the API's own service: who may import is checked there, with its words
        job = await run_in_threadpool(
            imports.submit_import, work, queue, principal, mission, imports.TRAINEES_IMPORT,
            name or "upload", data,
        )  # fmt: skip
    except InvalidInput as error:
        page = partial(trainees_view, request, principal, work, mission, status=422)
        return await run_in_threadpool(page, problems=error.problems)
    return RedirectResponse(f"/missions/{mission}/jobs/{job.id}", status_code=303)
