"""`cadre schedule ...`: timetable the runs, re-plan after a change, show and export."""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cadre.cli import preflight, render_schedule
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.json_output import emit
from cadre.cli.words import count
from cadre.domain.errors import InvalidInput
from cadre.domain.timetable.changes import Change, change_from
from cadre.services.system.database import open_work
from cadre.services.timetable import exports as handouts
from cadre.services.timetable import operations as service
from cadre.services.timetable import queries as timetables

schedule_app = typer.Typer(
    help="Timetable course runs: dates, rooms, instructors, cohorts; re-plan after a change.",
    invoke_without_command=True,
)
app.add_typer(schedule_app, name="schedule")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
IcsOpt = Annotated[
    pathlib.Path | None,
    typer.Option("--ics", help="Write iCalendar files per instructor, site and cohort here."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print it as JSON, for scripts.")]
XlsxOpt = Annotated[pathlib.Path | None, typer.Option("--xlsx", help="Write a workbook (.xlsx).")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, max=64, help="Solver threads; default: cores.")
]
AdoptOpt = Annotated[
    bool, typer.Option("--adopt", help="Adopt the timetable at once if it is sound.")
]
SiteOpt = Annotated[
    list[str] | None, typer.Option("--site", help="Show only this site's calendar (repeatable).")
]


@contextmanager
def solver_progress(what: str) -> Iterator[Callable[[str, float], None]]:
    """A bar over the solver's time limit, saying what it does and each better timetable."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,  # no bar, and no blank line, in a pipe
        transient=True,
    ) as bar:
        task = bar.add_task(what, total=1.0)
        yield lambda doing, done: bar.update(task, description=doing, completed=done)


def _out(
    version: timetables.TimetableVersion,
    ics: pathlib.Path | None,
    xlsx: pathlib.Path | None,
    sites: list[str] | None,
) -> None:
    console.print(render_schedule.timetable(version, sites))
    if version.adoption is not None:
        from cadre.cli.lifecycle_commands import adoption_note

        console.print(adoption_note(version.adoption), markup=False, highlight=False)
    again = f"`cadre schedule show --version {version.number} --ics DIR --xlsx FILE` writes them"
    with preflight.kept(f"Timetable version {version.number}", again + " again"):
        if ics is not None:
            with open_work() as uow:
                written = handouts.export_calendars(uow, version, ics)
            console.print(f"{count(len(written), 'calendar')} written to {ics}.")
        if xlsx is not None:
            handouts.export_workbook(version, xlsx)
            console.print(f"Workbook written to {xlsx}.")


def _check_outputs(ics: pathlib.Path | None, xlsx: pathlib.Path | None) -> None:
    preflight.output_folder(ics, "--ics")
    preflight.output_file(xlsx, "--xlsx")


@schedule_app.callback()
def schedule(
    ctx: typer.Context,
    seconds: Annotated[float, typer.Option(help="Time limit for the solver.")] = 60.0,
    months: Annotated[int, typer.Option(help="Months of the capacity plan to timetable.")] = 12,
    seed: Annotated[int, typer.Option(help="Seed of the search.")] = 0,
    workers: WorkersOpt = None,
    ics: IcsOpt = None,
    xlsx: XlsxOpt = None,
    site: SiteOpt = None,
    adopt: AdoptOpt = False,
    mission: MissionOpt = None,
) -> None:
    """Timetable the scenario's runs (or the adopted capacity plan's first months) and keep the
    timetable as a new version (a draft until adopted: --adopt, or `cadre plan adopt`)."""
    if ctx.invoked_subcommand is not None:
        return
    _check_outputs(ics, xlsx)
    with open_work() as uow, solver_progress("timetabling") as progress:
        version = service.schedule(
            uow,
            mission=mission,
            months=months,
            seconds=seconds,
            seed=seed,
            workers=workers,
            progress=progress,
            adopt=adopt,
        )
    _out(version, ics, xlsx, site)


def _change(
    withdraw: str | None,
    pledge: str | None,
    room: str | None,
    site: str | None,
    day: dt.datetime | None,
) -> Change:
    effective = day.date() if day else None
    change = change_from(
        withdraw=withdraw,
        withdraw_pledge=pledge,
        close_room=room,
        room_site=site,
        effective=effective,
    )
    if change is None:
        raise InvalidInput(
            "say one change: --withdraw NATION, --withdraw-pledge CODE or --close-room ROOM"
        )
    return change


@schedule_app.command("replan")
def replan(
    withdraw: Annotated[
        str | None, typer.Option("--withdraw", help="A nation withdraws its trainers.")
    ] = None,
    withdraw_pledge: Annotated[
        str | None, typer.Option("--withdraw-pledge", help="One pledge's trainers withdraw.")
    ] = None,
    close_room: Annotated[str | None, typer.Option("--close-room", help="A room closes.")] = None,
    room_site: Annotated[
        str | None, typer.Option("--room-site", help="The closed room's site, if codes repeat.")
    ] = None,
    effective: Annotated[
        dt.datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="The withdrawal's first day."),
    ] = None,
    seconds: Annotated[float, typer.Option(help="Time limit for the solver.")] = 8.0,
    seed: Annotated[int, typer.Option(help="Seed of the search.")] = 0,
    workers: WorkersOpt = None,
    ics: IcsOpt = None,
    xlsx: XlsxOpt = None,
    site: SiteOpt = None,
    adopt: AdoptOpt = False,
    mission: MissionOpt = None,
) -> None:
    """Re-plan the adopted timetable after a change, moving as little as possible; says what
    moved and why (a draft until adopted: --adopt, or `cadre plan adopt`)."""
    change = _change(withdraw, withdraw_pledge, close_room, room_site, effective)
    _check_outputs(ics, xlsx)
    with open_work() as uow, solver_progress(f"re-planning: {change}") as progress:
        version = service.replan(
            uow,
            change,
            mission=mission,
            seconds=seconds,
            seed=seed,
            workers=workers,
            progress=progress,
            adopt=adopt,
        )
    _out(version, ics, xlsx, site)


@schedule_app.command("show")
def show(
    version: Annotated[int | None, typer.Option(help="Version; default: the adopted one.")] = None,
    ics: IcsOpt = None,
    xlsx: XlsxOpt = None,
    site: SiteOpt = None,
    mission: MissionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a stored timetable, and export it."""
    _check_outputs(ics, xlsx)
    with open_work() as uow:
        stored = timetables.load_timetable(uow, version, mission)
    if as_json:
        emit(handouts.timetable_document(stored))
        return
    _out(stored, ics, xlsx, site)
