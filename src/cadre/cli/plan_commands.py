"""`cadre plan ...`: size the training force, find the handover months, compare plans."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from cadre.cli import preflight
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.json_output import emit
from cadre.cli.render_capacity import compare as compare_table
from cadre.cli.render_capacity import plan_summary
from cadre.cli.words import count
from cadre.domain.capacity.problem import PlanMode
from cadre.domain.errors import InvalidInput
from cadre.services.capacity import operations as capacity
from cadre.services.capacity.exports import plan_document, write_plan_json, write_plan_plots
from cadre.services.plans.operations import Adoption
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import open_work
from cadre.services.unit_of_work import UnitOfWork

plan_app = typer.Typer(help="Plan the mission: the training force, its handover, what is unmet.")
app.add_typer(plan_app, name="plan")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print it as JSON, for scripts.")]
ModeOpt = Annotated[PlanMode, typer.Option(help="sizing: the requirement; check: the gap.")]
HorizonOpt = Annotated[int | None, typer.Option(help="Months from the mission's start.")]


def parse_settings(settings: list[str]) -> dict[str, str]:
    parsed = {}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InvalidInput(f"--set {item}: write it as name=value, e.g. attrition=0.03")
        parsed[key.strip()] = value.strip()
    return parsed


@plan_app.command("capacity")
def plan_capacity(
    mode: ModeOpt = PlanMode.SIZING,
    horizon_months: HorizonOpt = None,
    json_file: Annotated[
        pathlib.Path | None, typer.Option("--json", help="Write the plan as JSON.")
    ] = None,
    plots: Annotated[
        pathlib.Path | None, typer.Option(help="Directory for PNG and SVG plots.")
    ] = None,
    settings: Annotated[
        list[str] | None, typer.Option("--set", help="Override a planning figure: name=value.")
    ] = None,
    seconds: Annotated[float, typer.Option(help="Time limit for the solver.")] = 60.0,
    adopt: Annotated[
        bool, typer.Option("--adopt", help="Adopt the plan at once if it is sound.")
    ] = False,
    actuals_file: Annotated[
        pathlib.Path | None,
        typer.Option(
            "--actuals",
            help="A spreadsheet (XLSX or CSV) of what happened: its months are fixed and "
            "only the rest is planned.",
        ),
    ] = None,
    through: Annotated[
        str | None,
        typer.Option(help="With --actuals: the first month still planned, YYYY-MM."),
    ] = None,
    whole_runs: Annotated[
        bool,
        typer.Option(
            "--whole-runs",
            help="Whole runs only: slower, and what they cost against the continuous plan "
            "is reported with it.",
        ),
    ] = False,
    earliest: Annotated[
        bool,
        typer.Option(
            "--earliest",
            help="Also find the earliest month the host could carry each discipline in any "
            "plan (a few more solves a discipline).",
        ),
    ] = False,
    mission: MissionOpt = None,
) -> None:
    """Plan the stored scenario's training force month by month and keep it as a version (a
    draft until adopted: `cadre plan adopt capacity NUMBER`, or --adopt here)."""
    overrides = parse_settings(settings or [])
    first = _month_option(through, "--through")
    preflight.output_file(json_file, "--json")
    preflight.output_folder(plots, "--plots")
    with open_work() as uow:
        names = _names(uow, mission)
        actuals = (
            capacity.actuals_from_file(uow, actuals_file, first, mission)
            if actuals_file is not None
            else None
        )
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,  # no bar, and no blank line, in a pipe
            transient=True,
        ) as bar:
            task = bar.add_task("planning", total=1.0)
            version = capacity.plan_capacity(
                uow,
                mission=mission,
                mode=mode,
                horizon_months=horizon_months,
                overrides=overrides,
                seconds=seconds,
                progress=lambda what, done: bar.update(task, description=what, completed=done),
                adopt=adopt,
                actuals=actuals,
                whole_runs=whole_runs,
                earliest=earliest,
            )
    console.print(plan_summary(version.plan, names, version.number))
    for problem in version.violations:
        console.print(f"[red]checker:[/] {problem}")
    _say_adoption(version.adoption)
    again = f"`cadre plan show {version.number} --json` or `--plots DIR` writes it again"
    with preflight.kept(f"Capacity plan version {version.number}", again):
        if json_file is not None:
            write_plan_json(version.plan, json_file)
            console.print(f"Plan written to {json_file}.")
        if plots is not None:
            written = write_plan_plots(version.plan, plots)
            console.print(f"{count(len(written), 'plot')} written to {plots}.")


def _month_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m").date()
    except ValueError:
        raise InvalidInput(f"{option} {value}: write the month as YYYY-MM, e.g. 2019-07") from None


@plan_app.command("sweep")
def sweep(
    samples: Annotated[
        int, typer.Option(min=1, max=1000, help="Draws of the uncertain figures.")
    ] = 100,
    seed: Annotated[int, typer.Option(min=0, help="The same seed draws the same samples.")] = 0,
    mode: ModeOpt = PlanMode.SIZING,
    horizon_months: HorizonOpt = None,
    seconds: Annotated[float, typer.Option(help="Time limit for each sample's solve.")] = 60.0,
    processes: Annotated[
        int | None,
        typer.Option(min=1, help="Processes planning samples at once; default one a core."),
    ] = None,
    plots: Annotated[
        pathlib.Path | None, typer.Option(help="Directory for the band plots (PNG and SVG).")
    ] = None,
    mission: MissionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Plan again for many draws of the scenario's uncertain figures (its `uncertainty:`
    section, or the defaults) and keep the ranges: P10/P50/P90 of the force by month and of
    each handover month, and the figures the answer is most sensitive to."""
    from cadre.cli.render_sweep import sweep_summary
    from cadre.cli.schedule_commands import solver_progress
    from cadre.services.capacity.exports import sweep_document, write_sweep_plot_files
    from cadre.services.capacity.sweep import sweep_capacity

    preflight.output_folder(plots, "--plots")
    with open_work() as uow:
        names = _names(uow, mission)
        with solver_progress("sampling") as progress:
            number, ranges = sweep_capacity(
                uow,
                mission=mission,
                samples=samples,
                seed=seed,
                mode=mode,
                horizon_months=horizon_months,
                seconds=seconds,
                progress=progress,
                processes=processes,
            )
    if as_json:
        emit({"version": number, "sweep": sweep_document(ranges)})
    else:
        console.print(sweep_summary(ranges, names, number))
    if plots is not None:
        written = write_sweep_plot_files(ranges, plots)
        if not as_json:
            console.print(f"{count(len(written), 'plot')} written to {plots}.")


@plan_app.command("show")
def show(
    number: Annotated[int | None, typer.Argument(help="Version; default: the adopted one.")] = None,
    plots: Annotated[
        pathlib.Path | None, typer.Option(help="Directory for PNG and SVG plots.")
    ] = None,
    mission: MissionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a stored capacity plan."""
    preflight.output_folder(plots, "--plots")
    with open_work() as uow:
        version = capacity.load_plan(uow, number, mission)
        names = _names(uow, mission)
    if as_json:
        emit({"version": version.number, "plan": plan_document(version.plan)})
    else:
        console.print(plan_summary(version.plan, names, version.number))
    if plots is not None:
        write_plan_plots(version.plan, plots)


@plan_app.command("list")
def list_versions(
    kind: Annotated[str, typer.Option("--kind", help="capacity, timetable or force.")] = "capacity",
    mission: MissionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The stored plans of a kind, newest last, each with its state (draft, adopted,
    superseded, failed)."""
    from rich.table import Table

    from cadre.cli.lifecycle_commands import FIGURES
    from cadre.domain.lifecycle import headline
    from cadre.services.plans.queries import plan_listing

    with open_work() as uow:
        rows = plan_listing(uow, mission, kind)
    if as_json:
        emit(rows)
        return
    table = Table(title=f"{kind.capitalize()} plans", title_justify="left")
    figures = [name for name, _ in headline(kind, rows[-1].summary).figures] if rows else []
    names = [FIGURES.get(f, f) for f in figures]
    for col in ("version", "made (UTC)", "mode", "status", "state", *names):
        table.add_column(col.replace("_", " "))
    for r in rows:
        values = dict(headline(kind, r.summary).figures)
        table.add_row(
            str(r.number),
            f"{r.created_at:%Y-%m-%d %H:%M}",
            str(r.parameters.get("mode", "-")),
            r.status,
            r.state,
            *(f"{values[f]:g}" if f in values else "-" for f in figures),
        )
    console.print(table)


@plan_app.command("compare")
def compare(
    a: Annotated[int, typer.Argument(help="A plan version.")],
    b: Annotated[int, typer.Argument(help="Another plan version.")],
    mission: MissionOpt = None,
) -> None:
    """Two capacity plans side by side: handovers, peak force, instructor-months, shortfalls."""
    with open_work() as uow:
        first, second = (
            capacity.load_plan(uow, a, mission),
            capacity.load_plan(uow, b, mission),
        )
        names = _names(uow, mission)
    console.print(compare_table(first.plan, second.plan, names, (str(a), str(b))))


def _say_adoption(adoption: Adoption | None) -> None:
    from cadre.cli.lifecycle_commands import adoption_note

    note = adoption_note(adoption)
    if note is not None:
        console.print(note, markup=False, highlight=False)


def _names(uow: UnitOfWork, mission: str | None) -> dict[str, str]:
    scenario = scenarios.load(uow, mission)
    return {d.code: d.name for d in scenario.disciplines} | {s.code: s.name for s in scenario.sites}
