"""`cadre coord …`: the coordination register at the command line (import an HXL table,
export the register, its overlaps or gaps as HXL, list the gaps and overlaps). The operator at
the terminal holds the database itself and so sees every line."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer
from rich.table import Table

from cadre.cli import preflight
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.import_jobs import ACTIVITIES_IMPORT, QUEUE_HELP, queued_import
from cadre.cli.words import count, counts
from cadre.domain.coordination.places import governorate
from cadre.domain.errors import InvalidInput
from cadre.services.coordination import exports, operations, queries
from cadre.services.coordination.queries import Filters, Window
from cadre.services.system.database import open_work

coord_app = typer.Typer(
    help="Coordination: who does what, where and when, with every actor (HXL in and out).",
    no_args_is_help=True,
)
app.add_typer(coord_app, name="coord")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
DisciplineOpt = Annotated[
    str | None, typer.Option("--discipline", help="Only this discipline or sector code.")
]
MonthOpt = Annotated[
    str | None, typer.Option("--month", help="Only activities running in this month (2019-03).")
]


def _filters(discipline: str | None, month: str | None) -> Filters:
    return Filters(discipline=(discipline or "").upper(), window=Window.month(month))


def _place(pcode: str) -> str:
    found = governorate(pcode)
    return f"{found.english} ({pcode})" if found else pcode


@coord_app.command("import")
def import_(
    file: Annotated[pathlib.Path, typer.Argument(help="An HXL-tagged table: CSV or XLSX.")],
    mission: MissionOpt = None,
    queue: Annotated[bool, typer.Option("--queue", help=QUEUE_HELP)] = False,
) -> None:
    """Store a table of activities (or of the host's needs, told by #inneed): all or nothing."""
    if not file.is_file():
        raise InvalidInput(f"{file} is not a file", code="coordination.no_file")
    if queue:
        outcome = queued_import(ACTIVITIES_IMPORT, file, mission)
    else:
        with open_work() as uow:
            done = operations.import_table(uow, None, file.read_bytes(), file.name, mission)
        outcome = vars(done)
    what = counts({"activities": outcome["activities"], "needs": outcome["needs"]}) or count(
        0, "activity"
    )
    console.print(f"Mission {outcome['mission']}: {what} stored from {file.name}.")
    if outcome["kept"]:
        console.print(f"Columns kept as written, not read: {', '.join(outcome['kept'])}.")
    if outcome["ours"]:
        console.print(
            f"{count(outcome['ours'], 'line')} of the mission's own runs left aside: "
            "they come from the timetable."
        )


@coord_app.command()
def export(
    hxl: Annotated[bool, typer.Option("--hxl", help="As an HXL-tagged table (the only form).")],
    out: Annotated[
        pathlib.Path | None,
        typer.Option(help="File to write (.csv or .xlsx); default: print CSV."),
    ] = None,
    table: Annotated[str, typer.Option(help="register, overlaps, gaps or needs.")] = "register",
    mission: MissionOpt = None,
    discipline: DisciplineOpt = None,
    month: MonthOpt = None,
) -> None:
    """Write the register (or its overlaps, gaps or the host's needs) as HXL."""
    if not hxl:
        raise InvalidInput("say --hxl: the register is exported as an HXL-tagged table")
    preflight.output_file(out, "--out")
    fmt = "xlsx" if out is not None and out.suffix.lower() == ".xlsx" else "csv"
    with open_work() as uow:
        found = exports.export(uow, None, table, fmt, mission, _filters(discipline, month))
    if out is None:
        console.print(
            found.content.decode("utf-8"), markup=False, highlight=False, end="", soft_wrap=True
        )
        return
    out.write_bytes(found.content)
    console.print(f"The {table} of mission {found.mission} written to {out}.")


@coord_app.command()
def gaps(
    mission: MissionOpt = None,
    discipline: DisciplineOpt = None,
    month: MonthOpt = None,
    top: Annotated[int, typer.Option(help="How many gaps to list.")] = 30,
) -> None:
    """Governorate and discipline cells whose demand the activities do not cover."""
    with open_work() as uow:
        found = queries.gaps(uow, None, mission, _filters(discipline, month))
    if not found:
        console.print("No gaps: every need stated is covered.")
        return
    view = Table(title=f"{count(len(found), 'gap')}, the largest shortfall first")
    for heading in ("Governorate", "Discipline", "Demand", "Covered", "Shortfall", "Actors"):
        view.add_column(heading, justify="right" if heading[0] in "DCS" else "left")
    for gap in found[:top]:
        view.add_row(
            _place(gap.governorate),
            gap.discipline,
            str(gap.demand),
            str(gap.people),
            str(gap.shortfall),
            ", ".join(gap.organisations) or "[red]nobody[/]",
        )
    console.print(view)


@coord_app.command()
def overlaps(
    mission: MissionOpt = None,
    discipline: DisciplineOpt = None,
    month: MonthOpt = None,
    top: Annotated[int, typer.Option(help="How many overlaps to list.")] = 30,
) -> None:
    """Pairs of actors teaching the same unit the same skill in the same place and time."""
    with open_work() as uow:
        found = queries.overlaps(uow, None, mission, _filters(discipline, month))
    if not found:
        console.print("No overlaps.")
        return
    view = Table(title=f"{count(len(found), 'overlap')}, the highest score first")
    for heading in ("Score", "Governorate", "Discipline", "Beneficiary", "Actors", "Days"):
        view.add_column(heading)
    for o in found[:top]:
        view.add_row(
            f"{o.score:.2f}",
            _place(o.governorate),
            o.discipline,
            o.beneficiary,
            " & ".join(o.organisations),
            f"{o.start.isoformat()} – {o.end.isoformat()}",
        )
    console.print(view)
