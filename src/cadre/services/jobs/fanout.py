"""Fan-out: a job splits its work into parts that any worker runs, and gathers their outcomes
into one result. A capacity sweep's samples are such parts.

`fan_out(uow, items, function, gather, progress)` takes picklable items, a pure function
`function(item) -> outcome` and `gather(outcomes) -> result`, both named by import path
("module:function") so a worker on another machine finds them. The parts are rows of
`job_parts`, keyed by the job and the item's place: an outcome is kept once, and a job retried
after its worker died keeps the outcomes it had.

- On PostgreSQL each part is also a task in the queue, at the job's priority: every worker
  with a free slot takes parts, and the job's own process runs parts too while it waits
  (so a job on a worker of concurrency 1 does not hold a slot idle), from the last part
  back, while the queue hands out the first ones first: the two meet in the middle.
- Elsewhere (the embedded mode, or outside a job) the job's process runs every part itself,
  on a process a core (`services/system/local_pool.py`; `processes` says how many, 1 = in this
  process), each part claimed as a process comes free.

Progress is finished parts / all parts. A cancel is seen at the next part: the parts not yet
started are left, those running finish (each is meant to be short). After a part's error no
more are started here; the job fails with it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Literal

from cadre.domain import phases
from cadre.domain.errors import CadreError
from cadre.domain.phases import Phase
from cadre.services.jobs import engine as jobs_engine
from cadre.services.jobs.kinds import JOB_KINDS, Progress
from cadre.services.system import local_pool
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import jobs as store
from cadre.storage import queue as parts

Noun = Literal["parts", "samples"]  # what the parts are called as progress counts them
WAIT_SECONDS = 0.2
TASKS = 50  # a job's parts go to the queue in about this many tasks, a few parts each


class PartFailed(CadreError):
    """A part of the job raised an error; the job fails with it."""


def fan_out(
    uow: UnitOfWork,
    items: Sequence[Any],
    function: str,
    gather: str,
    progress: Progress,
    *,
    noun: Noun = "parts",
    processes: int | None = None,
) -> Any:
    total = len(items)
    if uow.job is None:  # not a job: here, on this machine's cores

        def said(n: int) -> None:
            progress(_done(n, total, noun), n / total)

        run = jobs_engine.function_at(function)
        outcomes = local_pool.run_all(run, list(items), processes, said)
        return jobs_engine.function_at(gather)(outcomes)
    job_id = uow.job
    url = uow.engine.url.render_as_string(hide_password=False)
    postgres = _postgres(uow)
    with uow.transaction() as session:
        if parts.add_parts(session, job_id, list(items)) and postgres:
            row = store.job(session, job_id)
            priority = JOB_KINDS[row.kind].priority(dict(row.parameters))
            size = max(1, total // TASKS)
            for position in range(0, total, size):
                parts.defer(
                    session,
                    jobs_engine.PART_TASK,
                    {
                        "job_id": job_id,
                        "position": position,
                        "count": min(size, total - position),
                        "function": function,
                    },
                    priority=priority,
                    queue=jobs_engine.QUEUE,
                )
    claimant = f"job:{job_id}"
    while True:
        with uow.transaction() as session:
            waiting = parts.unclaimed(session, job_id, claimant)
        if postgres:
            for position in reversed(waiting):  # from the end: the queue's workers take the start
                if jobs_engine.run_part(url, job_id, position, function, claimant):
                    _report(uow, job_id, progress, noun)
        else:  # nobody else takes them: this process runs them all, on this machine's cores
            for _ in jobs_engine.run_parts(url, job_id, waiting, function, claimant, processes):
                _report(uow, job_id, progress, noun)
        finished, total, error = _report(uow, job_id, progress, noun)
        if error is not None:
            raise PartFailed(error)
        if finished == total:
            break
        time.sleep(WAIT_SECONDS)  # parts that other workers run
    with uow.transaction() as session:
        outcomes = parts.outcomes(session, job_id)
    return jobs_engine.function_at(gather)(outcomes)


def _postgres(uow: UnitOfWork) -> bool:
    return uow.engine.dialect.name == "postgresql"


def _report(
    uow: UnitOfWork, job_id: int, progress: Progress, noun: Noun
) -> tuple[int, int, str | None]:
    with uow.transaction() as session:
        finished, total, error = parts.parts_done(session, job_id)
    progress(_done(finished, total, noun), finished / total if total else 1.0)
    return finished, total, error


def _done(finished: int, total: int, noun: Noun) -> Phase:
    if noun == "samples":
        return phases.samples_planned(finished, total)
    return Phase("job.parts_done", "%(done)s of %(total)s parts", done=finished, total=total)
