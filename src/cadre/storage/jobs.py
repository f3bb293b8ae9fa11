"""Planning jobs as rows. Every change of state is a conditional update (from the states it
may leave), so a cancel and a finish racing each other cannot both win."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cadre.domain import phases
from cadre.domain.errors import NotFound
from cadre.domain.phases import code_of
from cadre.storage import job_uploads
from cadre.storage.service_models import JobRow

OPEN = ("queued", "running")


def create_job(
    session: Session,
    *,
    mission: str,
    kind: str,
    parameters: dict[str, Any],
    created_by: str,
    at: dt.datetime,
) -> JobRow:
    row = JobRow(
        mission=mission,
        kind=kind,
        parameters=parameters,
        status="queued",
        progress=0.0,
        **_message(phases.WAITING),
        created_by=created_by,
        created_at=at,
    )
    session.add(row)
    session.flush()
    return row


def job(session: Session, job_id: int) -> JobRow:
    row = session.get(JobRow, job_id, populate_existing=True)
    if row is None:
        raise NotFound(f"job {job_id} does not exist")
    return row


def jobs_page(
    session: Session, mission: str | None, created_by: str | None, limit: int, offset: int
) -> tuple[int, list[JobRow]]:
    query = select(JobRow)
    if mission is not None:
        query = query.where(JobRow.mission == mission)
    if created_by is not None:
        query = query.where(JobRow.created_by == created_by)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(JobRow.id.desc()).limit(limit).offset(offset))
    return total, list(rows)


def _message(message: str) -> dict[str, Any]:
    """The columns of a job's message: its sentence, and its code and values if it has them."""
    code, params = code_of(message)
    return {"message": str(message)[:200], "message_code": code, "message_params": params}


def _move(session: Session, job_id: int, states: Sequence[str], **values: Any) -> bool:
    done = session.execute(
        update(JobRow).where(JobRow.id == job_id, JobRow.status.in_(states)).values(**values)
    )
    return bool(getattr(done, "rowcount", 0))


def start(session: Session, job_id: int, runner: str, at: dt.datetime) -> bool:
    """A worker takes the queued job; False when it is not queued (cancelled, or already
    finished by an earlier attempt: a job never runs twice to completion)."""
    return _move(
        session,
        job_id,
        ("queued",),
        status="running",
        runner=runner[:64],
        started_at=at,
        **_message(phases.STARTING),
    )


def requeue(session: Session, job_id: int, message: str) -> bool:
    """A running job whose worker died goes back to the queue for its one retry."""
    return _move(session, job_id, ("running",), status="queued", progress=0.0, **_message(message))


def report_progress(session: Session, job_id: int, progress: float, message: str) -> bool:
    """False when the job no longer runs (it was cancelled): the worker should stop."""
    return _move(
        session,
        job_id,
        ("running",),
        progress=min(1.0, max(0.0, progress)),
        **_message(message),
    )


def finish(
    session: Session,
    job_id: int,
    status: str,
    at: dt.datetime,
    *,
    plan_number: int | None = None,
    error: str | None = None,
    message: str = "",
    result: dict[str, Any] | None = None,
) -> bool:
    """Close a running job; False when it was no longer running (a cancel came first).
    `message` and `error` may be phases (`domain/phases.py`): their codes are kept too."""
    values: dict[str, Any] = {"status": status, "finished_at": at, **_message(message)}
    if status == "succeeded":
        values["progress"] = 1.0
    if plan_number is not None:
        values["plan_number"] = plan_number
    if error is not None:
        values["error"] = error
        values["error_code"], values["error_params"] = code_of(error)
    if result is not None:
        values["result"] = result
    return _ended(session, job_id, _move(session, job_id, ("running",), **values))


def cancel(session: Session, job_id: int, at: dt.datetime) -> bool:
    """Cancel a queued or running job; False when it had already ended."""
    moved = _move(
        session, job_id, OPEN, status="cancelled", finished_at=at, **_message(phases.CANCELLED)
    )
    return _ended(session, job_id, moved)


def _ended(session: Session, job_id: int, moved: bool) -> bool:
    """A job that ends lets go of the file it imported: it is needed by no one any more."""
    if moved:
        job_uploads.drop(session, job_id)
    return moved


def status(session: Session, job_id: int) -> str | None:
    return session.scalar(select(JobRow.status).where(JobRow.id == job_id))


def fail_running(session: Session, at: dt.datetime, error: str) -> list[int]:
    """Close every running job as failed: the embedded queue, starting, finds the jobs that
    the process before it left running (it stopped or was killed with them)."""
    ids = list(session.scalars(select(JobRow.id).where(JobRow.status == "running")))
    for job_id in ids:
        finish(session, job_id, "failed", at, error=error, message=phases.ABANDONED)
    return ids


def queued(session: Session) -> list[tuple[int, str, dict[str, Any]]]:
    """The jobs waiting, oldest first, as (id, kind, parameters)."""
    rows = session.execute(
        select(JobRow.id, JobRow.kind, JobRow.parameters)
        .where(JobRow.status == "queued")
        .order_by(JobRow.id)
    )
    return [(r.id, r.kind, dict(r.parameters)) for r in rows]
