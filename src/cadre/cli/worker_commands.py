"""`cadre worker`: jobs run on any machine that reaches the database; `cadre wait`: follow one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cadre.cli.app import app
from cadre.cli.console import console, err_console

if TYPE_CHECKING:
    from cadre.services.jobs.operations import JobView


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


@app.command()
def wait(
    job: Annotated[int, typer.Argument(min=1, help="The job's number.")],
    every: Annotated[float, typer.Option(min=0.1, help="Seconds between looks.")] = 0.5,
) -> None:
    """Follow a job until it ends, its progress as a bar; exit 0 when it succeeded."""
    view = follow_bar(job, every)
    if view.status != "succeeded":
        err_console.print(f"Job {job} {view.status}: {view.error or view.message}")
        raise typer.Exit(1)
    plan = f", plan {view.plan_number}" if view.plan_number is not None else ""
    console.print(f"Job {job} succeeded{plan}.")


def follow_bar(job: int, every: float = 0.5) -> JobView:
    """The job's progress as a bar until it ends; the job as it ended."""
    import time

    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from cadre.services.jobs.operations import follow
    from cadre.services.system.database import open_work

    with (
        open_work() as uow,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),  # the figure the web and the API show: progress x 100 %
            console=console,
            disable=not console.is_terminal,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(f"job {job}", total=1.0)
        while True:
            view = follow(uow, job)
            bar.update(task, description=view.message or view.status, completed=view.progress)
            if view.status not in ("queued", "running"):
                return view
            time.sleep(every)
