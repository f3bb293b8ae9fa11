"""The file an import job reads, as a row keyed by the job: written in the transaction that
creates the job, read by whichever worker takes it, deleted when the job ends
(`storage/jobs.py` removes it with every move to a final state)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from cadre.domain.errors import NotFound
from cadre.storage.service_models import JobUploadRow


def put(
    session: Session, job_id: int, name: str, data: bytes, principal: dict[str, Any] | None
) -> None:
    session.add(JobUploadRow(job_id=job_id, name=name[:200], data=data, principal=principal))
    session.flush()


def get(session: Session, job_id: int) -> JobUploadRow:
    row = session.get(JobUploadRow, job_id)
    if row is None:
        raise NotFound(f"job {job_id} has no file to import (it has ended)")
    return row


def drop(session: Session, job_id: int) -> None:
    session.execute(delete(JobUploadRow).where(JobUploadRow.job_id == job_id))
