"""Imports that may take long, as jobs: the file is stored with the job (a row keyed by its id,
so a worker on any machine reads it, removed when the job ends), the submitter's right to
import is checked when the job is submitted and again, with the same principal, when it runs.

The import writes every row in one transaction that also closes the job as succeeded with its
report (`UnitOfWork.import_kept`): a refused file fails the job with every problem as its
result, and a cancel or the time limit stops the job's process before that commit, so a failed
or cancelled import writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import Classification
from cadre.access.policy import Principal, Role
from cadre.domain.phases import reading
from cadre.services.access.redaction import NOTHING_HIDDEN
from cadre.services.coordination import operations as coordination
from cadre.services.jobs.kinds import JOB_KINDS, Progress
from cadre.services.jobs.operations import JobQueue, JobView, enqueue, view_of
from cadre.services.training import operations as training
from cadre.services.training import trainee_import
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import job_uploads

TRAINEES_IMPORT, ACTIVITIES_IMPORT = "trainees_import", "activities_import"
Allowed = Callable[[Session, Principal | None, str | None], str]


def _trainee_writer(session: Session, principal: Principal | None, mission: str | None) -> str:
    return training.host_writer(session, principal, mission).mission


# Who may start each import: refused at once, with the import's own words, not later.
ALLOWED: dict[str, Allowed] = {
    TRAINEES_IMPORT: _trainee_writer,
    ACTIVITIES_IMPORT: coordination.may_import,
}


def submit_import(
    uow: UnitOfWork,
    queue: JobQueue,
    principal: Principal | None,
    mission: str | None,
    kind: str,
    name: str,
    data: bytes,
) -> JobView:
    """Queue the import of a file; the answer comes at once with the job. `principal`
    None: the operator at the terminal, who holds the database."""
    checked = JOB_KINDS[kind].parameters.model_validate({"file": name[:200]})
    parameters = checked.model_dump(mode="json")
    with uow.transaction() as session:
        code = ALLOWED[kind](session, principal, mission)
        who = principal.username if principal is not None else uow.actor
        row = enqueue(uow, session, queue, code, kind, parameters, who)
        job_uploads.put(session, row.id, name, data, _as_document(principal))
        return view_of(row, NOTHING_HIDDEN)


def _upload(uow: UnitOfWork) -> tuple[str, bytes, Principal | None]:
    """The job's file and who sent it: the import runs with their rights."""
    assert uow.job is not None  # run by a worker, for one job
    with uow.transaction() as session:
        upload = job_uploads.get(session, uow.job)
        return upload.name, upload.data, _principal(upload.principal)


def run_trainees_import(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    name, data, principal = _upload(uow)
    progress(reading(name), 0.0)
    done = trainee_import.import_trainees(uow, principal, data, name, mission, progress=progress)
    return done.created + done.updated


def run_activities_import(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    name, data, principal = _upload(uow)
    done = coordination.import_table(uow, principal, data, name, mission, progress=progress)
    return done.activities + done.needs


def _as_document(principal: Principal | None) -> dict[str, Any] | None:
    if principal is None:
        return None
    return {
        "username": principal.username,
        "affiliation": principal.affiliation,
        "roles": sorted(r.value for r in principal.roles),
        "clearance": principal.clearance.value,
    }


def _principal(document: dict[str, Any] | None) -> Principal | None:
    if document is None:
        return None
    return Principal(
        document["username"],
        document["affiliation"],
        frozenset(Role(r) for r in document["roles"]),
        Classification(document["clearance"]),
    )
