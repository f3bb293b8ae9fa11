"""`cadre itc2007 solve|check`: ITC-2007 track 3 instances, solved and checked (UD2 cost)."""

from __future__ import annotations

import pathlib
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cadre.cli import clock, preflight
from cadre.cli.app import app
from cadre.cli.console import console, err_console
from cadre.services.itc2007 import operations as service

itc2007 = typer.Typer(
    help="ITC-2007 track 3 (curriculum-based course timetabling): solve and check.",
    no_args_is_help=True,
)
app.add_typer(itc2007, name="itc2007")

# Seconds kept for the end of the run (the reports), so that `--seconds 60` ends within 60 s
# of the command's start.
_EXIT = 0.3

InstanceArg = Annotated[pathlib.Path, typer.Argument(help="An instance in the .ctt format.")]


def _cost_table(check: service.CheckOutcome) -> Table:
    table = Table(title=f"UD2 cost of {check.instance}", title_justify="left")
    table.add_column("component")
    table.add_column("cost", justify="right")
    for name, value in (
        ("RoomCapacity", check.cost.room_capacity),
        ("MinWorkingDays", check.cost.min_working_days),
        ("IsolatedLectures", check.cost.isolated_sessions),
        ("RoomStability", check.cost.room_stability),
        ("total", check.cost.total),
    ):
        table.add_row(name, str(value))
    return table


def _report_violations(check: service.CheckOutcome, shown: int = 20) -> None:
    console.print(f"Hard violations: {check.hard_violations}")
    for violation in check.violations[:shown]:
        count = f" ({violation.violations})" if violation.violations > 1 else ""
        console.print(f"  {violation.kind.value}: {violation.subject}{count}", highlight=False)
    if len(check.violations) > shown:
        console.print(f"  … and {len(check.violations) - shown} more")


@itc2007.command()
def solve(
    file: InstanceArg,
    out: Annotated[pathlib.Path, typer.Option("--out", help="Solution file to write.")],
    seconds: Annotated[
        float,
        typer.Option("--seconds", min=0.1, help="Time limit of the whole run, start included."),
    ] = 60.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Threads to use.")] = 2,
) -> None:
    """Timetable an instance within the time limit and write the solution (competition format)."""
    preflight.output_file(out, "--out")
    progress = Progress(
        TextColumn("Solving {task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,  # no bar, and no blank line, in a pipe
        transient=True,
    )
    finish_by = clock.finish_by(seconds, _EXIT)
    with progress, ThreadPoolExecutor(max_workers=1) as pool:
        task = progress.add_task(file.name, total=seconds)
        began = clock.began or time.monotonic()
        running = pool.submit(service.solve_file, file, out, seconds, seed, workers, finish_by)
        while not running.done():
            progress.update(task, completed=min(seconds, time.monotonic() - began))
            time.sleep(0.1)
        progress.update(task, completed=seconds)
        outcome = running.result()
    result = outcome.result
    bound = "none" if result.bound is None else str(result.bound)
    console.print(
        f"{outcome.check.instance}: {result.status.value}, cost {outcome.check.cost.total}, "
        f"bound {bound}; {'written to' if outcome.not_written is None else 'kept in'} "
        f"{outcome.written}",
        highlight=False,
    )
    _report_violations(outcome.check)
    console.print(_cost_table(outcome.check))
    if outcome.not_written is not None:
        err_console.print(
            f"[red]Could not write {out} ({outcome.not_written});[/] the solution is kept in "
            f"{outcome.written}.",
            highlight=False,
        )
        raise typer.Exit(1)
    clock.end_run()


@itc2007.command()
def warm() -> None:
    """Compile the engine's core now (once per installation), so that no solve spends its
    time limit compiling; `make setup` runs it."""
    with console.status("Compiling the timetabling core (numba; once per installation)…"):
        took = service.prepare_engine()
    console.print(f"The timetabling core is compiled and cached ({took:.1f} s).")


@itc2007.command()
def check(
    file: InstanceArg,
    solution: Annotated[pathlib.Path, typer.Argument(help="A solution: CourseID RoomID Day Slot.")],
) -> None:
    """Count the hard violations and the UD2 cost of a solution; exit 1 if any rule is broken."""
    outcome = service.check_files(file, solution)
    _report_violations(outcome)
    console.print(_cost_table(outcome))
    if outcome.hard_violations:
        raise typer.Exit(1)
