"""`cadre force …`: force generation at the command line (status, rotations, pledge
workbooks, decisions in a sourcing round, the statement of requirements)."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer

from cadre.cli import preflight
from cadre.cli import render_force as render
from cadre.cli import render_force_calendar as calendar
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.json_output import emit
from cadre.cli.words import count, verb
from cadre.domain.errors import InvalidInput
from cadre.domain.force.offers import OfferState
from cadre.services.force import offers as force_offers
from cadre.services.force import operations as force
from cadre.services.system.database import open_work

force_app = typer.Typer(
    help="Force generation: fill the statement of requirements with nations' offers.",
    no_args_is_help=True,
)
app.add_typer(force_app, name="force")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print it as JSON, for scripts.")]
OfferedOpt = Annotated[
    bool,
    typer.Option("--include-offered", help="Count open offers too, as if all were accepted."),
]


@force_app.command()
def status(
    mission: MissionOpt = None,
    include_offered: OfferedOpt = False,
    top: Annotated[int, typer.Option(help="How many shortfalls and caveats to list.")] = 10,
    months: Annotated[bool, typer.Option("--months", help="Show fill month by month.")] = False,
    by_line: Annotated[bool, typer.Option("--by-line", help="Show fill line by line.")] = False,
    out: Annotated[
        pathlib.Path | None,
        typer.Option(help="Also write the fill report to this .xlsx or .csv file."),
    ] = None,
    plots: Annotated[
        pathlib.Path | None,
        typer.Option(help="Write plots (PNG and SVG) of required vs pledged to this folder."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Fill by criticality, qualification and nation; worst shortfalls; caveat impact."""
    preflight.output_file(out, "--out")
    preflight.output_folder(plots, "--plots")
    with open_work() as uow, console.status("Matching offers to requirement lines…"):
        view = force.picture(uow, mission, include_offered=include_offered)
    if as_json:
        emit(render.document(view))
        return
    console.print(render.headline(view))
    console.print(render.fill_tables(view))
    if by_line:
        console.print(render.by_line(view))
    if months:
        console.print(render.by_month(view))
    console.print(render.shortfall_table(view.shortfalls, top))
    console.print(render.caveat_table(view.caveat_impact, view.caveat_blocks, top))
    gaps = len(view.rotations.unrelieved)
    console.print(
        f"{count(gaps, 'tour')} {verb(gaps, 'ends', 'end')} with no relief; "
        "see `cadre force rotations`."
    )
    again = "`cadre force status --out FILE --plots DIR` writes them again"
    with preflight.kept(f"Force plan #{view.version}", again):
        if out is not None:
            force.export_report(view, out)
            console.print(f"Fill report written to {out}.")
        if plots is not None:
            written = force.write_plots(view, plots)
            console.print(f"Plots written: {', '.join(p.name for p in written)} in {plots}.")


@force_app.command()
def rotations(
    mission: MissionOpt = None,
    include_offered: OfferedOpt = False,
    line: Annotated[str | None, typer.Option(help="Only this requirement line.")] = None,
    nation: Annotated[str | None, typer.Option(help="Only reliefs involving this nation.")] = None,
) -> None:
    """The relief calendar: reliefs in place with their handover, and every unrelieved tour."""
    with open_work() as uow:
        view = force.picture(uow, mission, include_offered=include_offered)
    console.print(render.headline(view))
    console.print(calendar.relief_calendar(view.rotations, line, nation))


@force_app.command("template")
def template(
    nation: Annotated[str, typer.Option(help="The nation (ISO alpha-3) the workbook is for.")],
    out: Annotated[pathlib.Path, typer.Option(help="File to write: .xlsx, or .csv.")],
    mission: MissionOpt = None,
) -> None:
    """Write a nation's pledge workbook: the lines it may fill, and an Offers sheet to fill."""
    preflight.output_file(out, "--out")
    with open_work() as uow:
        listed = force_offers.write_template(uow, nation, out, mission)
    console.print(
        f"Pledge workbook for {nation} written to {out}: {count(listed, 'line')} it may fill."
    )


@force_app.command("import")
def import_(
    file: Annotated[pathlib.Path, typer.Argument(help="A filled pledge workbook or CSV file.")],
    round_code: Annotated[
        str | None,
        typer.Option("--round", help="Sourcing round; default: the latest (FSC-1 at first)."),
    ] = None,
    mission: MissionOpt = None,
) -> None:
    """Read a nation's offers, all or nothing: any wrong row and nothing is stored."""
    with open_work() as uow:
        done = force_offers.import_offers(uow, file, mission, round_code)
    console.print(
        f"Offers of {done.nation} in round {done.round}: {len(done.created)} new, "
        f"{len(done.revised)} revised, {len(done.withdrawn)} withdrawn, "
        f"{len(done.unchanged)} unchanged."
    )


@force_app.command()
def decide(
    offers: Annotated[list[str], typer.Argument(help="Offer codes.")],
    to: Annotated[
        str, typer.Option("--to", help="accepted, declined, queried or withdrawn", metavar="STATE")
    ],
    round_code: Annotated[str | None, typer.Option("--round", help="Sourcing round.")] = None,
    note: Annotated[str, typer.Option(help="Why, for the record.")] = "",
    mission: MissionOpt = None,
) -> None:
    """Accept, decline, query or withdraw offers in a sourcing round (all of them, or none)."""
    try:
        state = OfferState(to)
    except ValueError:
        raise InvalidInput(
            f"--to must be accepted, declined, queried or withdrawn, not {to!r}"
        ) from None
    with open_work() as uow:
        decided = force_offers.decide_offers(uow, offers, state, mission, round_code, note)
    console.print(f"{count(len(decided), 'offer')} now {state.value}: {', '.join(offers)}.")


@force_app.command()
def lines(
    history: Annotated[
        str | None, typer.Option(help="Show the history of this line instead.")
    ] = None,
    mission: MissionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The statement of requirements, or one line's history of changes and offers."""
    with open_work() as uow:
        if as_json:
            emit(
                force_offers.line_history(uow, history, mission)
                if history is not None
                else force_offers.statement(uow, mission)
            )
        elif history is not None:
            console.print(
                calendar.history_table(history, force_offers.line_history(uow, history, mission))
            )
        else:
            console.print(calendar.lines_table(force_offers.statement(uow, mission)))


@force_app.command()
def edit(
    line: Annotated[str, typer.Argument(help="Line number.")],
    changes: Annotated[
        list[str], typer.Option("--set", help="FIELD=VALUE, e.g. count=3 or end=2019-12-31.")
    ],
    revision: Annotated[
        int | None, typer.Option(help="Refuse if the line changed since this revision.")
    ] = None,
    mission: MissionOpt = None,
) -> None:
    """Edit a requirement line; the change is kept in the line's history."""
    pairs = dict(change.partition("=")[::2] for change in changes)
    with open_work() as uow:
        edited = force_offers.edit_line(uow, line, pairs, mission, revision)
    console.print(f"Line {edited.number} updated: {', '.join(sorted(pairs))}.")


@force_app.command("adopt-plan")
def adopt_plan(
    protection_ratio: Annotated[
        float | None,
        typer.Option(
            help="Force protection per instructor of a mobile team "
            "(default: the scenario's force_protection_per_mobile_trainer)."
        ),
    ] = None,
    mission: MissionOpt = None,
) -> None:
    """Make the adopted capacity plan's requirement the plan's lines: its teaching posts and
    the whole force beside them (headquarters, advisers, force protection, support)."""
    with open_work() as uow:
        done = force.adopt_capacity_plan(uow, mission, protection_ratio)
    console.print(
        f"Lines from the capacity plan: {len(done.created)} new, {len(done.changed)} changed, "
        f"{len(done.retired)} retired."
    )
