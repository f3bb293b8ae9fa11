"""What runs in a worker process: one job, from its row to its plan version.

Cancelling must never leave a plan version behind for a job that reports "cancelled", nor a
"succeeded" job without one. The job runs with a unit of work that names it, and the use case
that keeps the plan version moves the job from running to succeeded in that same transaction
(`UnitOfWork.plan_kept`); the move fails, and rolls the version back, if a cancel came first.
A cancel that comes later finds the job already succeeded.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import Any

from sqlalchemy import Engine

from cadre.domain import phases
from cadre.domain.errors import CadreError, InvalidInput
from cadre.domain.phases import Phase
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.services.unit_of_work import JobCancelled, UnitOfWork
from cadre.storage import jobs as store
from cadre.storage.database import make_engine, transaction

log = logging.getLogger(__name__)


def run_job(url: str, job_id: int) -> None:
    """The worker process's entry point."""
    engine = make_engine(url)
    try:
        _run(engine, job_id)
    finally:
        engine.dispose()


def _run(engine: Engine, job_id: int) -> None:
    with transaction(engine) as session:
        row = store.job(session, job_id)
        mission, name, owner = row.mission, row.kind, row.created_by
        parameters = dict(row.parameters)
    kind = JOB_KINDS[name]
    work = UnitOfWork(engine, actor=owner, job=job_id)

    def progress(what: str, done: float) -> None:
        with work.transaction() as session:
            if not store.report_progress(session, job_id, done, what):
                raise JobCancelled

    try:
        number = kind.runner()(work, mission, parameters, progress)
    except JobCancelled:
        return
    except CadreError as error:
        report = validation_report(error) if isinstance(error, InvalidInput) else None
        said = Phase.said(error.code, str(error), error.params)
        _close(engine, job_id, "failed", error=said, message=phases.FAILED, result=report)
    except Exception as error:  # a worker reports every failure on its job, never just dies
        log.error("job %s failed:\n%s", job_id, traceback.format_exc())
        _close(
            engine,
            job_id,
            "failed",
            error=Phase(
                "job.unexpected",
                "the planner stopped on an unexpected error (%(error)s); "
                "the service log has the details",
                error=type(error).__name__,
            ),
            message=phases.FAILED,
        )
    else:
        # Reached when no new version was kept (the same inputs again reuse the last one);
        # otherwise the use case has already closed the job with its new version.
        _close(engine, job_id, "succeeded", plan_number=number, message=phases.DONE)


def _close(engine: Engine, job_id: int, status: str, **values: Any) -> None:
    with transaction(engine) as session:
        store.finish(session, job_id, status, dt.datetime.now(dt.UTC), **values)


REPORTED = 1000  # problems kept in a refused import's report; the count says how many in all


def validation_report(error: InvalidInput) -> dict[str, Any]:
    """A refused input's problems as the job's result, each located and named as in the
    API's own refusals (its 422 answers), with the file."""
    problems = [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "field": p.field,
            "message": p.reason,
            "code": p.code,
            "params": dict(p.params),
        }
        for p in error.problems[:REPORTED]
    ]
    return {"code": error.code, "count": len(error.problems), "problems": problems}
