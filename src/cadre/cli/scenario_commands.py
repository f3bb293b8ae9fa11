"""Commands on scenarios: validate, import, export, the JSON Schema, show."""

from __future__ import annotations

import json
import pathlib
from typing import Annotated

import typer

from cadre.cli import preflight
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.words import counts
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import describe, open_work

FileArg = Annotated[pathlib.Path, typer.Argument(help="A scenario file in YAML.")]
MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]


@app.command()
def validate(file: FileArg) -> None:
    """Check a scenario file; exit 0 when it is valid, 2 with every problem when it is not."""
    scenario = scenarios.validate_file(file)
    tally = counts(scenarios.counts(scenario))
    console.print(f"[green]{file} is valid:[/] mission {scenario.mission.code}; {tally}.")


@app.command("import")
def import_(file: FileArg) -> None:
    """Store a scenario: all or nothing; importing the same file again changes nothing."""
    with open_work() as uow:
        outcome = scenarios.import_file(uow, file)
        where = describe(uow.engine)
    verb = "imported" if outcome.changed else "already up to date, nothing changed:"
    console.print(f"Mission {outcome.mission} {verb} {counts(outcome.counts)} (in {where}).")


@app.command()
def export(
    out: Annotated[pathlib.Path | None, typer.Option(help="File to write; default: print.")] = None,
    mission: MissionOpt = None,
) -> None:
    """Write the stored scenario back as YAML."""
    preflight.output_file(out, "--out")
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
    preflight.output_file(out, "--out")
    text = json.dumps(scenarios.json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        console.print(text, markup=False, highlight=False, end="")
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def show(mission: MissionOpt = None) -> None:
    """Summarise the stored scenario: sites, disciplines, courses, contributors, pledges."""
    from cadre.cli.render import scenario_summary

    with open_work() as uow:
        console.print(scenario_summary(scenarios.load(uow, mission)))
