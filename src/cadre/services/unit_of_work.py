"""The unit of work a use case receives from its caller: the database it works in, who it works
for (the audit trail's actor) and, when it runs as a job, which job.

A use case opens its transactions through it (`with uow.transaction() as session`), and in the
same transaction that makes a change it writes the change's audit entry and, for a job, the
job's state (`uow.audit`, `uow.plan_kept`). Nothing is written behind a use case's back: no
session hooks, no global listeners.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cadre.domain import phases
from cadre.services.access import audit
from cadre.storage import jobs as job_store
from cadre.storage.database import transaction

SYSTEM = "system"


class JobCancelled(Exception):
    """The job was cancelled while it ran; what it was about to keep is rolled back."""


def local_actor() -> str:
    """Who works at this terminal, as the audit trail names them (the operating-system user)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid, e.g. in a bare container
        return "cli:operator"


@dataclass(frozen=True)
class UnitOfWork:
    engine: Engine
    actor: str = SYSTEM
    job: int | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A transaction whose work is committed together or, on any error, not at all."""
        with transaction(self.engine) as session:
            yield session

    def acting_for(self, actor: str) -> UnitOfWork:
        return replace(self, actor=actor)

    def audit(
        self,
        session: Session,
        action: str,
        *,
        mission: str | None = None,
        kind: str | None = None,
        key: str | None = None,
        before: Any = None,
        after: Any = None,
    ) -> int:
        """The change's entry in the audit trail, in the change's own transaction."""
        return audit.record(
            session,
            self.actor,
            action,
            mission=mission,
            kind=kind,
            key=key,
            before=before,
            after=after,
        )

    def import_kept(self, session: Session, report: dict[str, Any]) -> None:
        """An import was written in `session`: when it runs as a job, the job succeeds with
        its report in the same transaction, or, cancelled meanwhile, the import is rolled back
        (JobCancelled): a cancelled import writes nothing."""
        if self.job is not None:
            at = dt.datetime.now(dt.UTC)
            if not job_store.finish(
                session, self.job, "succeeded", at, message=phases.IMPORTED, result=report
            ):
                raise JobCancelled

    def plan_kept(
        self, session: Session, *, mission: str, kind: str, number: int, status: str
    ) -> None:
        """A plan version was kept in `session`: its audit entry and, when this work runs as a
        job, the job's success, in the same transaction. A job cancelled meanwhile raises
        JobCancelled, which rolls the version back: a cancelled job leaves no plan behind."""
        if self.job is not None:
            at = dt.datetime.now(dt.UTC)
            finished = job_store.finish(
                session, self.job, "succeeded", at, plan_number=number, message=phases.DONE
            )
            if not finished:
                raise JobCancelled
        self.audit(
            session,
            "plan",
            mission=mission,
            kind=kind,
            key=str(number),
            after={"job": self.job, "status": status},
        )
