"""`cadre plan adopt KIND NUMBER` and `cadre status`: the plan lifecycle at the terminal.

Adopting shows first what changes against the adopted plan and asks before it acts; without a
terminal to ask at, it refuses unless told `--yes`.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer
from rich.markup import escape

from cadre.cli.app import app
from cadre.cli.console import console, err_console
from cadre.cli.messages import say
from cadre.cli.plan_commands import MissionOpt, plan_app
from cadre.services.plans import operations as lifecycle
from cadre.services.plans import queries as plan_queries
from cadre.services.plans.operations import Adoption
from cadre.services.system.database import open_work

KINDS = ("capacity", "timetable", "force")
FIGURES = {
    "peak_deployed": "peak deployed force",
    "peak_force": "peak training force",
    "instructor_months": "instructor-months",
    "unmet": "unmet demand",
    "runs": "runs",
    "placed": "runs placed",
    "unplaced": "runs not placed",
    "moved": "runs moved",
    "weighted_share": "weighted fill",
    "unrelieved_gaps": "gaps without relief",
}
SHOWN_LINES = 8


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.3g}" if abs(value) < 10 else f"{value:,.0f}"


def adoption_lines(adoption: Adoption) -> list[str]:
    """What adopting changes, as plain lines: the figures before -> after, the lines added and
    removed (the first few of each)."""
    against = (
        f"against the adopted plan {adoption.previous}"
        if adoption.previous is not None
        else "nothing is adopted yet"
    )
    out = [f"{adoption.kind.capitalize()} plan {adoption.number} {against}:"]
    for figure in adoption.figures:
        name = FIGURES.get(figure.name, figure.name)
        out.append(f"  {name}: {_number(figure.before)} -> {_number(figure.after)}")
    for sign, lines in (("+", adoption.added), ("-", adoption.removed)):
        out += [f"  {sign} {line}" for line in lines[:SHOWN_LINES]]
        if len(lines) > SHOWN_LINES:
            out.append(f"  {sign} … and {len(lines) - SHOWN_LINES} more")
    return out


def adoption_note(adoption: Adoption | None) -> str | None:
    """One line after `--adopt`: adopted, or why the plan stays a draft."""
    if adoption is None:
        return None
    if adoption.done:
        before = f", replacing {adoption.previous}" if adoption.previous is not None else ""
        return f"Adopted as the mission's {adoption.kind} plan{before}."
    refusal = adoption.refusal
    why = say(refusal.code, _params(adoption), refusal.message) if refusal else "it was not adopted"
    return f"Kept as a draft, not adopted: {why}"


def _params(adoption: Adoption) -> dict[str, str | int | float | None]:
    refusal = adoption.refusal
    return {
        "kind": adoption.kind,
        "number": adoption.number,
        "adopted": adoption.previous,
        **(dict(refusal.params) if refusal else {}),
    }


@plan_app.command("adopt")
def adopt(
    kind: Annotated[str, typer.Argument(help="capacity, timetable or force.")],
    number: Annotated[int, typer.Argument(min=1, help="The version to adopt.")],
    force: Annotated[
        bool, typer.Option("--force", help="Adopt a plan worse than the adopted one.")
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why, when forcing; kept in the audit trail.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask; needed without a terminal.")] = (
        False
    ),
    mission: MissionOpt = None,
) -> None:
    """Make a plan version the mission's plan of its kind: shows what changes against the
    adopted plan, asks, then adopts it (the one adopted before is superseded)."""
    if kind not in KINDS:
        err_console.print(f"[red]KIND is one of {', '.join(KINDS)}, not {escape(kind)}[/]")
        raise typer.Exit(2)
    with open_work() as uow:
        trial = lifecycle.adopt_plan(
            uow, mission, kind, number, force=force, reason=reason, dry_run=True
        )
        console.print("\n".join(adoption_lines(trial)), markup=False, highlight=False)
        if trial.refusal is not None:
            # Let the use case refuse it in its own words (and exit code).
            lifecycle.adopt_plan(uow, mission, kind, number, force=force, reason=reason)
        if not yes:
            if not sys.stdin.isatty():
                err_console.print(
                    "No terminal to ask at: nothing adopted. Add --yes to adopt without asking."
                )
                raise typer.Exit(2)
            if not typer.confirm(f"Adopt {kind} plan {number}?", default=False):
                console.print("Nothing adopted.")
                raise typer.Exit(1)
        done = lifecycle.adopt_plan(uow, mission, kind, number, force=force, reason=reason)
    console.print(adoption_note(done), markup=False, highlight=False)


def age(at: dt.datetime, now: dt.datetime | None = None) -> str:
    seconds = max(0, int(((now or dt.datetime.now(dt.UTC)) - at).total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


@app.command("status")
def status(mission: MissionOpt = None) -> None:
    """The mission's adopted plans, each with its age and the drafts kept after it."""
    with open_work() as uow:
        code, adopted = plan_queries.adopted_plans(uow, mission)
    console.print(f"Mission {code}:", markup=False, highlight=False)
    for plan in adopted:
        console.print(f"  {status_line(plan)}", markup=False, highlight=False)


def status_line(plan: plan_queries.AdoptedPlan) -> str:
    name = plan.kind.capitalize() + (" plan" if plan.kind != "timetable" else "")
    if plan.number is None or plan.adopted_at is None:
        kept = (
            f" ({plan.newer} kept, see `cadre plan list --kind {plan.kind}`)" if plan.newer else ""
        )
        return f"{name}: none adopted{kept}"
    newer = (
        f"; {plan.newer} newer version{'s' if plan.newer != 1 else ''} not adopted"
        if plan.newer
        else ""
    )
    return f"{name} v{plan.number} adopted {age(plan.adopted_at)}{newer}"
