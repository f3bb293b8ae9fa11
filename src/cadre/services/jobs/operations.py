"""Planning as jobs: submit (a job id at once), follow its status and progress, cancel it; the
result is a stored plan version.

The API speaks to a `JobQueue` only: the state of every job lives in the jobs table, and a
queue (Procrastinate's, `queues.py`) merely says which queued job a worker runs next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from cadre.access.policy import JOBS, Principal, Verb, allowed
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from cadre.domain.limits import out_of_range
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.redaction import (
    NOTHING_HIDDEN,
    Redaction,
    reader_redaction,
    redaction,
)
from cadre.services.access.scope import Scope, open_scope
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import jobs as store
from cadre.storage.service_models import JobRow


class JobQueue(Protocol):
    def submit(self, session: Session, job_id: int, priority: int) -> None:
        """Run the job `job_id`, created in `session`'s transaction, when a worker is free;
        the higher `priority` first."""

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
    result: dict[str, Any] | None
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    # The message and the error as codes and values (`domain/phases.py`), for the edges to
    # say in their reader's language; None for a sentence known only in English.
    message_code: str | None = None
    message_params: dict[str, Any] | None = None
    error_code: str | None = None
    error_params: dict[str, Any] | None = None


def view_of(row: JobRow, hidden: Redaction) -> JobView:
    """A job as its reader may see it: its parameters, progress message and error through the
    one redaction step (a re-plan's withdrawn pledge, a trainer named in an error)."""
    return JobView(
        row.id,
        row.mission,
        row.kind,
        hidden.document(dict(row.parameters)),
        row.status,
        row.progress,
        hidden.text(row.message),
        row.plan_number,
        hidden.text(row.error) if row.error else row.error,
        row.result,  # an import's report: its submitter's own file
        row.created_by,
        row.created_at,
        row.started_at,
        row.finished_at,
        row.message_code,
        _params(row.message_params, hidden),
        row.error_code if row.error else None,
        _params(row.error_params, hidden) if row.error else None,
    )


def _params(params: dict[str, Any] | None, hidden: Redaction) -> dict[str, Any] | None:
    return None if params is None else hidden.document(dict(params))


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
    if kind.upload:
        raise InvalidInput(
            f"a {kind_name} job starts with its file: upload it to the import's own address",
            code="job.needs_upload",
            kind=kind_name,
        )
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
        _require_targets(scope, kind.parameters.model_validate(checked))
        row = enqueue(uow, session, queue, mission, kind_name, checked, principal.username)
        return view_of(row, redaction(scope))


def enqueue(
    uow: UnitOfWork,
    session: Session,
    queue: JobQueue,
    mission: str,
    kind_name: str,
    checked: dict[str, Any],
    created_by: str,
) -> JobRow:
    """The job's row, its audit entry and its task, in the caller's transaction (checked
    parameters, a principal allowed to start it)."""
    kind = JOB_KINDS[kind_name]
    row = store.create_job(
        session,
        mission=mission,
        kind=kind.name,
        parameters=checked,
        created_by=created_by,
        at=dt.datetime.now(dt.UTC),
    )
    uow.audit(
        session,
        "job submit",
        mission=mission,
        key=str(row.id),
        after={"kind": kind.name, "parameters": checked},
    )
    queue.submit(session, row.id, kind.priority(checked))
    return row


def _require_targets(scope: Scope, parameters: BaseModel) -> None:
    """A job may name only records its submitter sees. One that is hidden is refused exactly
    as one that does not exist: both are looked for among the visible records alone, so the
    status, the body and the work done are the same."""
    targets = getattr(parameters, "targets", None)
    for kind_name, key, room in targets() if targets else ():
        kind = KINDS[kind_name]
        visible = [d for d in scope.records(kind) if not key or kind.key_of(d) == key]
        if room is not None:
            rooms = {r.get("code") for d in visible for r in d.get("rooms", [])}
            if room not in rooms:
                raise NotFound(
                    f"room {room} is not in the mission", code="job.room_not_found", room=room
                )
        elif not visible:
            raise NotFound(
                f"{kind.noun} {key} is not in the mission",
                code="job.target_not_found",
                kind=kind.noun,
                key=key,
            )


def _visible(principal: Principal, row: JobRow) -> bool:
    return row.created_by == principal.username or allowed(principal, Verb.MANAGE, JOBS)


def job(uow: UnitOfWork, principal: Principal, job_id: int) -> JobView:
    """A job its submitter (or an administrator) may follow; NotFound for anyone else."""
    with uow.transaction() as session:
        row = store.job(session, job_id)
        if not _visible(principal, row):
            raise NotFound(f"job {job_id} does not exist")
        return view_of(row, reader_redaction(session, principal, row.mission))


def follow(uow: UnitOfWork, job_id: int) -> JobView:
    """A job as the machine's operator follows it at the terminal (who holds the database)."""
    with uow.transaction() as session:
        return view_of(store.job(session, job_id), NOTHING_HIDDEN)


def jobs(
    uow: UnitOfWork, principal: Principal, mission: str | None, limit: int, offset: int
) -> tuple[int, list[JobView]]:
    mine = None if allowed(principal, Verb.MANAGE, JOBS) else principal.username
    with uow.transaction() as session:
        total, rows = store.jobs_page(session, mission, mine, max(1, min(limit, 500)), offset)
        hidden: dict[str, Redaction] = {}
        for r in rows:
            if r.mission not in hidden:
                hidden[r.mission] = reader_redaction(session, principal, r.mission)
        return total, [view_of(r, hidden[r.mission]) for r in rows]


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
        view = view_of(
            store.job(session, job_id), reader_redaction(session, principal, row.mission)
        )
    queue.cancel(job_id)
    return view
