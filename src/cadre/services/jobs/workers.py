"""`cadre worker`: a Procrastinate worker on this or any machine that reaches the database.

It runs `--concurrency` jobs at once (each in a child process of its own), takes the queues
named (all when none are), beats its heartbeat, and retries once, then fails, the jobs of any
worker that has gone silent. Stop it with Ctrl-C or SIGTERM: it takes no new job and finishes
the ones it runs (Procrastinate's graceful stop); killed instead, its jobs are queued again by
another worker after `STALLED_SECONDS`.
"""

from __future__ import annotations

import asyncio

from cadre.domain.errors import InvalidInput
from cadre.services.jobs import engine as jobs_engine
from cadre.services.jobs.queues import conninfo
from cadre.services.system.database import open_database


def run_worker(url: str, concurrency: int = 1, queues: list[str] | None = None) -> None:
    from procrastinate import PsycopgConnector

    with open_database(url) as engine:  # migrated, and the queue's schema applied
        if engine.dialect.name != "postgresql":
            raise InvalidInput(
                "workers of their own need a PostgreSQL database; "
                "on SQLite the service runs the jobs itself",
                code="worker.needs_postgresql",
            )
    app = jobs_engine.make_app(PsycopgConnector(conninfo=conninfo(url), min_size=1))
    asyncio.run(_serve(app, url, concurrency, queues))


async def _serve(app: object, url: str, concurrency: int, queues: list[str] | None) -> None:
    import procrastinate

    assert isinstance(app, procrastinate.App)
    async with app.open_async():
        looking = asyncio.create_task(jobs_engine.recovering(app, url))
        try:
            await app.run_worker_async(**jobs_engine.worker_options(url, concurrency, queues))
        finally:
            looking.cancel()
