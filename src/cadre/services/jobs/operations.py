"""Planning as jobs: submit (a job id at once), follow its status and progress, cancel it; the
result is a stored plan version.

The API speaks to a `JobQueue` only: the state of every job lives in the jobs table, and a
queue merely runs what is queued there. `ProcessJobQueue` (a pool of local worker processes)
is the default; a distributed queue takes over by implementing the same two methods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import ValidationError

from cadre.access.policy import JOBS, Principal, Verb, allowed
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from cadre.domain.limits import out_of_range
from cadre.services.access.scope import open_scope
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import jobs as store
from cadre.storage.service_models import JobRow


class JobQueue(Protocol):
    def submit(self, job_id: int) -> None:
        """Run the queued job `job_id` when a worker is free."""

    def cancel(self, job_id: int) -> None:
        """The job was marked cancelled: stop it if it runs."""


@dataclass(frozen=True)
class JobView:
    id: int
    mission: str
    kind: str
    parameters: dict[str, Any]
    status: str
    progress: float
    message: str
    plan_number: int | None
    error: str | None
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def _view(row: JobRow) -> JobView:
    return JobView(
        row.id,
        row.mission,
        row.kind,
        dict(row.parameters),
        row.status,
        row.progress,
        row.message,
        row.plan_number,
        row.error,
        row.created_by,
        row.created_at,
        row.started_at,
        row.finished_at,
    )


def submit(
    uow: UnitOfWork,
    queue: JobQueue,
    principal: Principal,
    mission: str,
    kind_name: str,
    parameters: dict[str, Any],
) -> JobView:
    kind = JOB_KINDS.get(kind_name)
    if kind is None:
        raise InvalidInput(f"there is no job of kind {kind_name}; kinds: {', '.join(JOB_KINDS)}")
    # The documented ranges in the domain's words first, then what else the shape refuses.
    problems = out_of_range(parameters)
    named = {p.field for p in problems}
    try:
        checked = kind.parameters.model_validate(parameters).model_dump(mode="json")
    except ValidationError as err:
        found = [Problem(e["msg"], field=".".join(map(str, e["loc"]))) for e in err.errors()]
        problems += [p for p in found if p.field not in named]
    if problems:
        raise InvalidInput(problems)
    with uow.transaction() as session:
        scope = open_scope(session, principal, mission)
        scope.gate.require_role(Verb.RUN, kind.permission)
        row = store.create_job(
            session,
            mission=mission,
            kind=kind.name,
            parameters=checked,
            created_by=principal.username,
            at=dt.datetime.now(dt.UTC),
        )
        uow.audit(
            session,
            "job submit",
            mission=mission,
            key=str(row.id),
            after={"kind": kind.name, "parameters": checked},
        )
        view = _view(row)
    queue.submit(view.id)
    return view


def _visible(principal: Principal, row: JobRow) -> bool:
    return row.created_by == principal.username or allowed(principal, Verb.MANAGE, JOBS)


def job(uow: UnitOfWork, principal: Principal, job_id: int) -> JobView:
    """A job its submitter (or an administrator) may follow; NotFound for anyone else."""
    with uow.transaction() as session:
        row = store.job(session, job_id)
        if not _visible(principal, row):
            raise NotFound(f"job {job_id} does not exist")
        return _view(row)


def jobs(
    uow: UnitOfWork, principal: Principal, mission: str | None, limit: int, offset: int
) -> tuple[int, list[JobView]]:
    mine = None if allowed(principal, Verb.MANAGE, JOBS) else principal.username
    with uow.transaction() as session:
        total, rows = store.jobs_page(session, mission, mine, max(1, min(limit, 500)), offset)
        return total, [_view(r) for r in rows]


def cancel(uow: UnitOfWork, queue: JobQueue, principal: Principal, job_id: int) -> JobView:
    with uow.transaction() as session:
        row = store.job(session, job_id)
        if not _visible(principal, row):
            raise NotFound(f"job {job_id} does not exist")
        if row.created_by != principal.username and not allowed(principal, Verb.MANAGE, JOBS):
            raise Forbidden(f"job {job_id} is {row.created_by}'s to cancel")  # pragma: no cover
        if not store.cancel(session, job_id, dt.datetime.now(dt.UTC)):
            raise Conflict(f"job {job_id} has already ended ({row.status}); nothing to cancel")
        uow.audit(session, "job cancel", mission=row.mission, key=str(job_id))
        view = _view(store.job(session, job_id))
    queue.cancel(job_id)
    return view
