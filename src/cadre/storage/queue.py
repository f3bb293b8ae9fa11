"""The task queue's tables on PostgreSQL (Procrastinate's own schema) and the parts of jobs
that fan out (ours, on either database).

Procrastinate's schema is applied when a database is opened, next to our migrations, not by
one of them: it is the library's, versioned with the library, and applied once (its
`procrastinate_jobs` table found, nothing is done). Deferring here, with our session, puts a
job's task in the transaction that creates the job: both are committed, or neither.
"""

from __future__ import annotations

import json
import pickle
from typing import Any

from procrastinate.schema import SchemaManager
from sqlalchemy import ColumnElement, Engine, func, select, text, update
from sqlalchemy.orm import Session

from cadre.storage.service_models import JobPartRow


def ensure_queue_schema(engine: Engine) -> bool:
    """Apply Procrastinate's schema to a PostgreSQL database that lacks it; True if applied."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.begin() as connection:
        if connection.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is not None:
            return False
        connection.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
    return True


def defer(session: Session, task: str, args: dict[str, Any], *, priority: int, queue: str) -> int:
    """Queue `task(**args)` in the session's transaction; the task's id in the queue."""
    found = session.scalar(
        text(
            "SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[ROW(:queue, :task, :priority,"
            " NULL, NULL, CAST(:args AS jsonb), NULL)::procrastinate_job_to_defer_v1]))"
        ),
        {"queue": queue, "task": task, "priority": priority, "args": json.dumps(args)},
    )
    return int(found)


def add_parts(session: Session, job_id: int, items: list[Any]) -> bool:
    """The job's parts, once (True then): a retried job finds them there, with the outcomes
    so far."""
    if session.scalar(select(func.count()).where(JobPartRow.job_id == job_id)):
        return False
    session.add_all(
        JobPartRow(job_id=job_id, position=n, item=pickle.dumps(item))
        for n, item in enumerate(items)
    )
    session.flush()
    return True


def _open(job_id: int, position: int) -> tuple[ColumnElement[bool], ...]:
    """The part, while it has no outcome."""
    return (
        JobPartRow.job_id == job_id,
        JobPartRow.position == position,
        JobPartRow.outcome.is_(None),
        JobPartRow.error.is_(None),
    )


def claim_part(session: Session, job_id: int, position: int, claimant: str) -> Any | None:
    """Take a part not yet done (or claimed by this same claimant, running it again after it
    died); its item, or None when it is done or another claimant runs it."""
    taken = session.execute(
        update(JobPartRow)
        .where(
            *_open(job_id, position),
            (JobPartRow.claimed_by.is_(None)) | (JobPartRow.claimed_by == claimant),
        )
        .values(claimed_by=claimant)
    )
    if not getattr(taken, "rowcount", 0):
        return None
    item = session.scalar(
        select(JobPartRow.item).where(JobPartRow.job_id == job_id, JobPartRow.position == position)
    )
    return pickle.loads(item) if item is not None else None  # our own rows, never a user's


def unclaimed(session: Session, job_id: int, claimant: str) -> list[int]:
    """Parts without an outcome that nobody, or only `claimant` itself, has taken."""
    return list(
        session.scalars(
            select(JobPartRow.position)
            .where(
                JobPartRow.job_id == job_id,
                JobPartRow.outcome.is_(None),
                JobPartRow.error.is_(None),
                JobPartRow.claimed_by.is_(None) | (JobPartRow.claimed_by == claimant),
            )
            .order_by(JobPartRow.position)
        )
    )


def finish_part(
    session: Session, job_id: int, position: int, outcome: Any = None, error: str | None = None
) -> bool:
    """Keep a part's outcome, once: False when it already had one."""
    values: dict[str, Any] = {"error": error} if error else {"outcome": pickle.dumps(outcome)}
    done = session.execute(update(JobPartRow).where(*_open(job_id, position)).values(**values))
    return bool(getattr(done, "rowcount", 0))


def parts_done(session: Session, job_id: int) -> tuple[int, int, str | None]:
    """(finished, all, the first error)."""
    rows = session.execute(
        select(JobPartRow.outcome.is_not(None), JobPartRow.error).where(JobPartRow.job_id == job_id)
    ).all()
    errors = [r[1] for r in rows if r[1]]
    return sum(1 for r in rows if r[0] or r[1]), len(rows), errors[0] if errors else None


def outcomes(session: Session, job_id: int) -> list[Any]:
    rows = session.scalars(
        select(JobPartRow.outcome).where(JobPartRow.job_id == job_id).order_by(JobPartRow.position)
    )
    return [pickle.loads(r) for r in rows if r is not None]  # our own rows, never a user's
