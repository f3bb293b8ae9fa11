"""A job's page, and what its script reads to follow the job: the same words as the page, in
the reader's language (the API's job status speaks English, with codes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.responses import JSONResponse, Response

from cadre.services.jobs import operations as jobs
from cadre.web.presenters.jobs import job_words
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import SECURITY_HEADERS, render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/missions/{mission}/jobs/{job_id}")
def job_page(
    request: Request,
    mission: Mission,
    job_id: Number,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    job = jobs.job(work, principal, job_id)
    context = {"job": job, "said": job_words(job), "mission": mission}
    return render(request, "job.html", context, principal=principal)


@router.get("/missions/{mission}/jobs/{job_id}/status")
def job_status(
    mission: Mission, job_id: Number, principal: CurrentPrincipal, work: Work
) -> Response:
    job = jobs.job(work, principal, job_id)
    # The words depend on the reader's language: no cache may answer another reader with them.
    headers = SECURITY_HEADERS | {"Cache-Control": "no-store", "Vary": "Cookie, Accept-Language"}
    return JSONResponse(job_words(job).document(job), headers=headers)
