"""What runs in a worker process: one job, from its row to its plan version.

Cancelling must never leave a plan version behind for a job that reports "cancelled", nor a
"succeeded" job without one. So the plan version and the job's success are committed in the
same transaction: a hook on the worker's sessions sees the plan version being saved and, in
that transaction, moves the job from running to succeeded, which fails (and rolls the save
back) if a cancel came first. A cancel that comes later finds the job already succeeded. The
worker process is ours alone, so hooking every session in it touches nothing else.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from cadre.domain.errors import CadreError
from cadre.services.access import audit
from cadre.services.jobs.kinds import JOB_KINDS
from cadre.storage import jobs as store
from cadre.storage.database import make_engine, transaction
from cadre.storage.models import PlanVersionRow

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """The job was cancelled while it ran; stop without writing anything more."""


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
    _hook_plan_saves(job_id, owner, mission, kind.plan_kind)

    def progress(what: str, done: float) -> None:
        with transaction(engine) as session:
            if not store.report_progress(session, job_id, done, what):
                raise JobCancelled

    try:
        number = kind.runner()(engine, mission, parameters, progress)
    except JobCancelled:
        return
    except CadreError as error:
        _close(engine, job_id, "failed", error=str(error), message="failed")
    except Exception as error:  # a worker reports every failure on its job, never just dies
        log.error("job %s failed:\n%s", job_id, traceback.format_exc())
        _close(
            engine,
            job_id,
            "failed",
            error=f"the planner stopped on an unexpected error ({type(error).__name__}); "
            "the service log has the details",
            message="failed",
        )
    else:
        # Reached when no new version was saved (the same inputs again reuse the last one);
        # otherwise the hook below has already closed the job with the new version.
        _close(engine, job_id, "succeeded", plan_number=number, message="done")


def _close(engine: Engine, job_id: int, status: str, **values: Any) -> None:
    with transaction(engine) as session:
        store.finish(session, job_id, status, dt.datetime.now(dt.UTC), **values)


def _hook_plan_saves(job_id: int, owner: str, mission: str, plan_kind: str) -> None:
    def after_flush(session: Session, _context: Any) -> None:
        for item in session.new:
            if isinstance(item, PlanVersionRow):
                session.info.setdefault("cadre_new_plans", []).append(item)

    def before_commit(session: Session) -> None:
        saved = session.info.pop("cadre_new_plans", [])
        if not saved:
            return
        number = saved[-1].number
        at = dt.datetime.now(dt.UTC)
        if not store.finish(session, job_id, "succeeded", at, plan_number=number, message="done"):
            raise JobCancelled  # the cancel came first: the plan version is rolled back
        audit.record(
            session,
            owner,
            "plan",
            mission=mission,
            kind=plan_kind,
            key=str(number),
            after={"job": job_id, "status": saved[-1].status},
        )

    event.listen(Session, "after_flush", after_flush)
    event.listen(Session, "before_commit", before_commit)
