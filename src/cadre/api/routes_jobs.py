"""Planning jobs: POST answers at once with a job id; GET follows it; DELETE cancels it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from cadre.access.policy import Principal
from cadre.api.errors import RESPONSES
from cadre.api.schemas import JobIn, JobOut, JobPage
from cadre.api.security import CurrentPrincipal, Work
from cadre.services.jobs import imports
from cadre.services.jobs import operations as jobs
from cadre.services.jobs.operations import JobQueue, JobView
from cadre.services.unit_of_work import UnitOfWork

router = APIRouter(tags=["jobs"], responses={401: RESPONSES[401]})
JobId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.jobs
    return queue


def _out(view: JobView) -> JobOut:
    return JobOut(**vars(view))


async def import_job(
    request: Request,
    response: Response,
    work: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    name: str,
    data: bytes,
) -> JobOut:
    """An upload queued as an import job: 202 with the job, and where to follow it."""
    view = await run_in_threadpool(
        imports.submit_import, work, _queue(request), principal, mission, kind, name, data
    )
    response.headers["Location"] = f"/api/v1/jobs/{view.id}"
    return _out(view)


@router.post(
    "/missions/{mission}/jobs",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses={403: RESPONSES[403], 404: RESPONSES[404], 422: RESPONSES[422]},
)
def submit(
    mission: Annotated[str, Path(max_length=64, examples=["TINY"])],
    body: JobIn,
    principal: CurrentPrincipal,
    work: Work,
    request: Request,
    response: Response,
) -> JobOut:
    """Start planning the mission; the answer comes at once, the plan when the job ends."""
    view = jobs.submit(work, _queue(request), principal, mission, body.kind, body.parameters)
    response.headers["Location"] = f"/api/v1/jobs/{view.id}"
    return _out(view)


@router.get("/jobs", response_model=JobPage)
def list_jobs(
    principal: CurrentPrincipal,
    work: Work,
    mission: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> JobPage:
    """The caller's jobs (an administrator's: everyone's), newest first."""
    total, views = jobs.jobs(work, principal, mission, limit, offset)
    return JobPage(total=total, limit=limit, offset=offset, items=[_out(v) for v in views])


@router.get("/jobs/{job_id}", response_model=JobOut, responses={404: RESPONSES[404]})
def read_job(job_id: JobId, principal: CurrentPrincipal, work: Work) -> JobOut:
    return _out(jobs.job(work, principal, job_id))


@router.delete(
    "/jobs/{job_id}",
    response_model=JobOut,
    responses={403: RESPONSES[403], 404: RESPONSES[404], 409: RESPONSES[409]},
)
def cancel_job(job_id: JobId, principal: CurrentPrincipal, work: Work, request: Request) -> JobOut:
    """Cancel a queued or running job; a running one is stopped and stores nothing."""
    return _out(jobs.cancel(work, _queue(request), principal, job_id))
