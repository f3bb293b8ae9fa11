"""Commands on scenarios: validate, import, export, the JSON Schema, and the demo."""

from __future__ import annotations

import json
import pathlib
from typing import Annotated

import typer

from cadre.cli import render_force, render_schedule
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.render import scenario_summary
from cadre.cli.render_capacity import headline
from cadre.cli.render_demo import demo_accounts_table
from cadre.services.access import demo_accounts
from cadre.services.capacity import operations as capacity
from cadre.services.coordination import operations as coordination
from cadre.services.force import operations as force
from cadre.services.scenario import demo as demo_service
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import describe, open_work
from cadre.services.timetable import operations as schedule

FileArg = Annotated[pathlib.Path, typer.Argument(help="A scenario file in YAML.")]
MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]


@app.command()
def validate(file: FileArg) -> None:
    """Check a scenario file; exit 0 when it is valid, 2 with every problem when it is not."""
    scenario = scenarios.validate_file(file)
    counts = ", ".join(f"{n} {k}" for k, n in scenarios.counts(scenario).items() if n)
    console.print(f"[green]{file} is valid:[/] mission {scenario.mission.code}; {counts}.")


@app.command("import")
def import_(file: FileArg) -> None:
    """Store a scenario: all or nothing; importing the same file again changes nothing."""
    with open_work() as uow:
        outcome = scenarios.import_file(uow, file)
        where = describe(uow.engine)
    verb = "imported" if outcome.changed else "already up to date, nothing changed:"
    counts = ", ".join(f"{n} {k}" for k, n in outcome.counts.items() if n)
    console.print(f"Mission {outcome.mission} {verb} {counts} (in {where}).")


@app.command()
def export(
    out: Annotated[pathlib.Path | None, typer.Option(help="File to write; default: print.")] = None,
    mission: MissionOpt = None,
) -> None:
    """Write the stored scenario back as YAML."""
    with open_work() as uow:
        text = scenarios.export_text(uow, mission)
    if out is None:
        console.print(text, markup=False, highlight=False, end="")
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"Scenario written to {out}.")


@app.command()
def schema(
    out: Annotated[pathlib.Path | None, typer.Option(help="File to write; default: print.")] = None,
) -> None:
    """The JSON Schema of scenario files (for editors and other tools)."""
    text = json.dumps(scenarios.json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        console.print(text, markup=False, highlight=False, end="")
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def show(mission: MissionOpt = None) -> None:
    """Summarise the stored scenario: sites, disciplines, courses, contributors, pledges."""
    with open_work() as uow:
        console.print(scenario_summary(scenarios.load(uow, mission)))


@app.command()
def demo(
    serve: Annotated[bool, typer.Option(help="Serve the web app afterwards.")] = True,
    scenario: Annotated[
        pathlib.Path | None, typer.Option(help="Scenario to demonstrate; default: NMI 2018.")
    ] = None,
    host: Annotated[str, typer.Option(help="Address the web app listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port the web app listens on.")] = 8000,
) -> None:
    """Create a fresh database with the NATO Mission Iraq example, plan it, and serve the web
    app with a demo account per role."""
    with console.status("Importing the example scenario…"):
        where, loaded = demo_service.prepare(scenario)
    console.print(scenario_summary(loaded))
    console.print(f"\nStored in {where}.")
    with console.status("Planning the training force…"), open_work() as uow:
        # The demo adopts what it plans: its own explicit act, so every page has a plan to read.
        version = capacity.plan_capacity(uow, mission=loaded.mission.code, adopt=True)
    names = {d.code: d.name for d in loaded.disciplines}
    console.print(
        f"\n[bold]Capacity plan {version.number} ({version.plan.status}):[/] "
        f"{headline(version.plan, names)}"
    )
    if version.adoption is not None and version.adoption.done:
        console.print("Adopted as the mission's capacity plan (see `cadre status`).")
    console.print("See it all with `cadre plan show`, plots with `cadre plan show --plots DIR`.")
    with console.status("Matching national pledges to the posts…"), open_work() as uow:
        view = force.picture(uow, loaded.mission.code, adopt=True)
    console.print(render_force.demo_overview(view))
    with console.status("Timetabling the first year…"), open_work() as uow:
        timetable = schedule.schedule(uow, mission=loaded.mission.code, seconds=20, adopt=True)
    console.print(render_schedule.demo_summary(timetable))
    with console.status("Loading the coordination register…"), open_work() as uow:
        register, needs = coordination.load_example(uow, loaded.mission.code)
    console.print(
        f"\n[bold]Coordination register:[/] {register.activities} activities of other actors "
        f"and {needs.needs} needs of the host; see `cadre coord gaps`."
    )
    with console.status("Creating a demo account per role…"), open_work() as uow:
        accounts = demo_accounts.create_demo_accounts(uow)
    console.print(demo_accounts_table(accounts))
    if not serve:
        console.print("Serve the web app with `cadre serve`; log in with an account above.")
        return
    import uvicorn

    console.print(
        f"\n[bold]Cadre's web app: http://{host}:{port}[/] — log in with an account above "
        "(Ctrl-C stops)."
    )
    # By import path, as `cadre serve` does: the command line does not import the web app.
    uvicorn.run("cadre.server:create_app", factory=True, host=host, port=port, log_level="warning")
