"""`cadre demo`: the NATO Mission Iraq example, imported, planned, timetabled and served."""

from __future__ import annotations

import pathlib
import sys
from typing import Annotated

import typer

from cadre.cli import preflight, render_force, render_schedule
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.render import scenario_summary
from cadre.cli.render_capacity import headline
from cadre.cli.render_demo import demo_accounts_table
from cadre.cli.words import count
from cadre.domain.errors import Conflict
from cadre.services.access import demo_accounts
from cadre.services.capacity import operations as capacity
from cadre.services.coordination import operations as coordination
from cadre.services.force import operations as force
from cadre.services.scenario import demo as demo_service
from cadre.services.system.database import open_work
from cadre.services.timetable import operations as schedule


@app.command()
def demo(
    serve: Annotated[bool, typer.Option(help="Serve the web app afterwards.")] = True,
    scenario: Annotated[
        pathlib.Path | None, typer.Option(help="Scenario to demonstrate; default: NMI 2018.")
    ] = None,
    host: Annotated[str, typer.Option(help="Address the web app listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port the web app listens on.")] = 8000,
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace what is there without asking.")
    ] = False,
) -> None:
    """Create a fresh database with the NATO Mission Iraq example, plan it, and serve the web
    app with a demo account per role."""
    if serve:
        preflight.free_port(host, port)
    _ask_before_replacing(demo_service.target(scenario), yes)
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
        f"\n[bold]Coordination register:[/] {count(register.activities, 'activity')} of "
        f"other actors and {count(needs.needs, 'need')} of the host; see `cadre coord gaps`."
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


def _ask_before_replacing(target: demo_service.DemoTarget, yes: bool) -> None:
    """Ask before the demo deletes or replaces data; never ask on a fresh machine; without a
    terminal to ask at, refuse unless told --yes."""
    if target.fresh or yes:
        return
    if target.deletes_file:
        what = f"{target.where} is deleted and made again, with everything in it"
    elif target.mission:
        what = f"mission {target.mission} in {target.where} is replaced"
    else:
        what = f"{target.where} already holds {count(target.users, 'user')}"
    accounts = "a demo account per role, an administrator among them, with new passwords"
    if not sys.stdin.isatty():
        raise Conflict(
            f"cadre demo would change existing data ({what}); run it at a terminal to be "
            "asked, or pass --yes to go ahead"
        )
    console.print(f"[bold]cadre demo:[/] {what}; it adds {accounts}.")
    if not typer.confirm("Go ahead?", default=False):
        console.print("Nothing changed.")
        raise typer.Exit(1)
