"""`cadre plan ...`: size the training force, find the handover months, compare plans."""

from __future__ import annotations

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
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import open_work
from cadre.services.unit_of_work import UnitOfWork

plan_app = typer.Typer(help="Plan the mission: the training force, its handover, what is unmet.")
app.add_typer(plan_app, name="plan")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print it as JSON, for scripts.")]


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
    mode: Annotated[PlanMode, typer.Option(help="sizing: the requirement; check: the gap.")] = (
        PlanMode.SIZING
    ),
    horizon_months: Annotated[
        int | None, typer.Option(help="Months from the mission's start.")
    ] = None,
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
    mission: MissionOpt = None,
) -> None:
    """Plan the stored scenario's training force month by month and keep it as a version."""
    overrides = parse_settings(settings or [])
    preflight.output_file(json_file, "--json")
    preflight.output_folder(plots, "--plots")
    with open_work() as uow:
        names = _names(uow, mission)
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
            )
    console.print(plan_summary(version.plan, names, version.number))
    for problem in version.violations:
        console.print(f"[red]checker:[/] {problem}")
    again = f"`cadre plan show {version.number} --json` or `--plots DIR` writes it again"
    with preflight.kept(f"Capacity plan version {version.number}", again):
        if json_file is not None:
            write_plan_json(version.plan, json_file)
            console.print(f"Plan written to {json_file}.")
        if plots is not None:
            written = write_plan_plots(version.plan, plots)
            console.print(f"{count(len(written), 'plot')} written to {plots}.")


@plan_app.command("show")
def show(
    number: Annotated[int | None, typer.Argument(help="Version; default: the latest.")] = None,
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
def list_versions(mission: MissionOpt = None, as_json: JsonOpt = False) -> None:
    """The stored capacity plans, newest last."""
    from rich.table import Table

    with open_work() as uow:
        rows = capacity.list_plans(uow, mission)
    if as_json:
        emit(rows)
        return
    table = Table(title="Capacity plans", title_justify="left")
    for col in (
        "version",
        "made (UTC)",
        "mode",
        "status",
        "peak deployed",
        "peak force",
        "instructor-months",
        "unmet",
    ):
        table.add_column(col)
    for r in rows:
        s, p = r.summary, r.parameters
        table.add_row(
            str(r.number),
            f"{r.created_at:%Y-%m-%d %H:%M}",
            str(p["mode"]),
            str(s["status"]),
            str(s.get("peak_deployed", "-")),
            str(s["peak_force"]),
            str(s["instructor_months"]),
            str(s["unmet"]),
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


def _names(uow: UnitOfWork, mission: str | None) -> dict[str, str]:
    scenario = scenarios.load(uow, mission)
    return {d.code: d.name for d in scenario.disciplines} | {s.code: s.name for s in scenario.sites}
