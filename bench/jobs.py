"""Jobs through Procrastinate on PostgreSQL, with `cadre worker` processes as in production.

1. Start latency on an idle queue: from a job's commit to its worker taking it (the row's
   started_at less its created_at), one job at a time; p50 and p95. Target: 200 ms or less.
2. Fan-out: a job of 200 parts (each computes for --part-seconds, as a sweep's sample does)
   with one worker, then with two (two processes on this two-core machine); the speed-up.
3. The same for a real capacity sweep of the NMI example (--sweep-samples, default 200; 0
   skips it): one worker, then two; the speed-up (target 1.7x or more).
4. A table of --import-rows trainees (default 20,000; 0 skips it) imported as a job by one
   worker: its time in the worker and the progress steps its follower saw.

    .venv/bin/python bench/jobs.py [--jobs 30] [--parts 200] [--part-seconds 0.1]
                                   [--sweep-samples 200] [--import-rows 20000]

Needs PostgreSQL (CADRE_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test);
each run works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pathlib
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import ExitStack, contextmanager
from typing import Any

from sqlalchemy import Engine

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests import fanout_support  # noqa: E402 - the kind "squares", which fans out
from tests.conftest import database_url  # noqa: E402
from tests.trainee_tables import trainee_table  # noqa: E402

from cadre.services.jobs.imports import TRAINEES_IMPORT, submit_import  # noqa: E402
from cadre.services.jobs.kinds import JOB_KINDS  # noqa: E402
from cadre.services.jobs.queues import DeferringQueue  # noqa: E402
from cadre.services.scenario import operations as scenarios  # noqa: E402
from cadre.services.system.database import open_database  # noqa: E402
from cadre.services.unit_of_work import UnitOfWork  # noqa: E402
from cadre.storage import jobs as store  # noqa: E402
from cadre.storage.database import transaction  # noqa: E402


def database() -> ContextManager[str]:
    """A schema of its own on PostgreSQL, dropped at the end (as each test gets)."""
    return contextmanager(database_url)("postgresql", ROOT, None)


@contextmanager
def worker(url: str) -> Iterator[None]:
    env = os.environ | {"CADRE_DATABASE_URL": url, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    command = ["-c", "from cadre.cli import main; main()", "worker"]
    process = subprocess.Popen(
        [sys.executable, *command, "--import", fanout_support.__name__],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        process.terminate()
        process.wait()


def submit(
    engine: Engine, parameters: dict[str, Any], kind: str = "squares", mission: str = "BENCH"
) -> int:
    with transaction(engine) as session:
        row = store.create_job(
            session,
            mission=mission,
            kind=kind,
            parameters=parameters,
            created_by="bench",
            at=dt.datetime.now(dt.UTC),
        )
        DeferringQueue().submit(session, row.id, JOB_KINDS[kind].priority(parameters))
        return row.id


def sweep_speedup(samples: int) -> None:
    """A capacity sweep of the NMI example with one worker, then two: its wall time each."""
    with database() as url, open_database(url) as engine, ExitStack() as workers:
        scenarios.import_file(UnitOfWork(engine), ROOT / "examples" / "nmi-2018.yaml")
        parameters = {"samples": samples, "seed": 0, "seconds": 60}
        workers.enter_context(worker(url))
        alone = wait(engine, submit(engine, parameters, "capacity_sweep", "NMI"))[1]
        workers.enter_context(worker(url))
        time.sleep(5)  # the second worker starts
        both = wait(engine, submit(engine, parameters, "capacity_sweep", "NMI"))[1]
        print(
            f"capacity sweep of {samples} NMI samples: one worker {alone:.1f} s, two workers "
            f"{both:.1f} s, speed-up {alone / both:.2f}x (target >= 1.7)"
        )


def import_job(rows: int) -> None:
    """A table of `rows` trainees imported as a job by one `cadre worker`."""
    with database() as url, open_database(url) as engine, worker(url):
        scenarios.import_file(UnitOfWork(engine), ROOT / "examples" / "tiny.yaml")
        data = trainee_table(rows, seed=1)
        job = submit_import(
            UnitOfWork(engine, actor="bench"), DeferringQueue(), None, None, TRAINEES_IMPORT,
            "bench.csv", data,
        ).id  # fmt: skip
        steps = set()
        while True:
            with transaction(engine) as session:
                row = store.job(session, job)
                steps.add(row.message)
                if row.status not in ("queued", "running"):
                    break
            time.sleep(0.2)
        started, ran = wait(engine, job)
        print(
            f"{rows:,} trainees imported as a job: {ran:.1f} s in the worker (taken "
            f"{started * 1000:.0f} ms after the commit), {len(steps)} progress messages seen, "
            f"{row.result and row.result['created']:,} created"
        )


def wait(engine: Engine, job: int) -> tuple[float, float]:
    """(seconds from commit to start, seconds from start to end) once the job ended."""
    while True:
        with transaction(engine) as session:
            row = store.job(session, job)
            if row.status not in ("queued", "running"):
                assert row.status == "succeeded", row.error
                assert row.started_at
                assert row.finished_at
                return (
                    (row.started_at - row.created_at).total_seconds(),
                    (row.finished_at - row.started_at).total_seconds(),
                )
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=30)
    parser.add_argument("--parts", type=int, default=200)
    parser.add_argument("--part-seconds", type=float, default=0.1)
    parser.add_argument("--sweep-samples", type=int, default=200)
    parser.add_argument("--import-rows", type=int, default=20_000)
    args = parser.parse_args()
    if args.import_rows:
        import_job(args.import_rows)
    with database() as url, open_database(url) as engine, ExitStack() as workers:
        workers.enter_context(worker(url))
        wait(engine, submit(engine, {"count": 1, "seconds": 0}))  # the worker is up
        latencies = []
        for _ in range(args.jobs):
            time.sleep(0.3)  # an idle queue
            latencies.append(wait(engine, submit(engine, {"count": 1, "seconds": 0}))[0] * 1000)
        cut = statistics.quantiles(latencies, n=20)
        print(
            f"start latency over {args.jobs} jobs on an idle queue: "
            f"p50 {statistics.median(latencies):.0f} ms, p95 {cut[18]:.0f} ms (target <= 200)"
        )
        sweep = {"count": args.parts, "seconds": args.part_seconds}
        alone = wait(engine, submit(engine, sweep))[1]
        workers.enter_context(worker(url))
        time.sleep(5)  # the second worker starts
        both = wait(engine, submit(engine, sweep))[1]
        print(
            f"{args.parts} parts of {args.part_seconds} s: one worker {alone:.1f} s, "
            f"two workers {both:.1f} s, speed-up {alone / both:.2f}x (target >= 1.7)"
        )
    if args.sweep_samples:
        sweep_speedup(args.sweep_samples)


if __name__ == "__main__":
    main()
