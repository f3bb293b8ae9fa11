"""`cadre worker`: jobs run on any machine that reaches the database."""

from __future__ import annotations

from typing import Annotated

import typer

from cadre.cli.app import app
from cadre.cli.console import console


@app.command()
def worker(
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="Jobs run at once, each in a process of its own.")
    ] = 1,
    queues: Annotated[
        list[str] | None,
        typer.Option("--queues", help="Take only these queues (repeat); all when none."),
    ] = None,
    imports: Annotated[
        list[str] | None,
        typer.Option("--import", help="A module that registers more job kinds (repeat)."),
    ] = None,
) -> None:
    """Run jobs from the queue on this machine (PostgreSQL): plans, timetables, sweeps."""
    from cadre.services.jobs.engine import add_plugin
    from cadre.services.jobs.workers import run_worker
    from cadre.services.system.settings import Settings

    for module in imports or []:
        add_plugin(module)
    url = Settings.from_environment().database_url
    console.print(f"Cadre worker: {concurrency} at once (Ctrl-C stops after the running jobs).")
    run_worker(url, concurrency, queues or None)
