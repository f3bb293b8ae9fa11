"""`cadre roster download | upload`: a run's roster as a workbook for a school that works
offline, and the filled-in workbook back (all of it, or nothing with every problem and
conflict located)."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Annotated

import typer

from cadre.cli.app import app
from cadre.cli.console import console
from cadre.domain.errors import InvalidInput
from cadre.services.system.database import open_work
from cadre.services.training import roster_sheets

roster_app = typer.Typer(
    help="A run's roster as a workbook: download, fill in offline, upload.", no_args_is_help=True
)
app.add_typer(roster_app, name="roster")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
Run = Annotated[str, typer.Argument(help="The run's code in the timetable.")]


@roster_app.command()
def download(
    run: Run,
    out: Annotated[pathlib.Path, typer.Option("--out", help="Where to write the .xlsx.")],
    mission: MissionOpt = None,
) -> None:
    """Write RUN's roster as a workbook: a mark per teaching day (P, A, E) and the score."""
    with open_work() as uow:
        data = roster_sheets.download_roster(uow, None, run, mission)
    out.write_bytes(data)
    console.print(f"Roster of run {run} written to {out}.")


@roster_app.command()
def upload(
    run: Run,
    file: Annotated[pathlib.Path, typer.Argument(help="The filled-in roster workbook.")],
    mission: MissionOpt = None,
) -> None:
    """Store what the filled-in workbook changed: all of it, or nothing with every problem."""
    if not file.is_file():
        raise InvalidInput(f"{file} is not a file", code="roster.no_file", file=str(file))
    with open_work() as uow:
        done = roster_sheets.upload_roster(
            uow, None, run, file.read_bytes(), file.name, dt.date.today(), mission
        )
    console.print(
        f"Run {run}: {done.marks} attendance marks and {done.scores} scores stored from "
        f"{file.name}; {done.kept} cells changed in Cadre since the download were kept."
    )
