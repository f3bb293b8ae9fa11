"""`cadre pathway …`, `cadre abroad …`, `cadre actuals …` and `cadre xapi …`: the host
instructor pathway, seats abroad, the records' figures for the planner, and xAPI out. The
operator at the terminal holds the database and sees every record."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import Annotated

import typer
from rich.table import Table

from cadre.cli.app import app
from cadre.cli.console import console
from cadre.domain.catalogue import InstructorLevel
from cadre.domain.errors import InvalidInput
from cadre.domain.training.abroad import TRAVEL_DAYS, AbroadSeat
from cadre.domain.training.actuals import as_rows
from cadre.domain.training.pathway import Assessment, Rating
from cadre.services.system.database import open_work
from cadre.services.training import abroad, actuals, pathway, xapi

pathway_app = typer.Typer(help="The host instructor pathway.", no_args_is_help=True)
abroad_app = typer.Typer(help="Seats nations offer at their own schools.", no_args_is_help=True)
actuals_app = typer.Typer(help="The records' figures per month, for the planner.")
xapi_app = typer.Typer(help="Training records as xAPI statements.", no_args_is_help=True)
app.add_typer(pathway_app, name="pathway")
app.add_typer(abroad_app, name="abroad")
app.add_typer(actuals_app, name="actuals")
app.add_typer(xapi_app, name="xapi")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]
TodayOpt = Annotated[
    dt.datetime | None, typer.Option("--today", help="The day to judge on; default: today.")
]


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.datetime.now(dt.UTC).date()


@pathway_app.command("show")
def show(
    trainer: Annotated[str | None, typer.Argument(help="One host instructor's code.")] = None,
    today: TodayOpt = None,
    mission: MissionOpt = None,
) -> None:
    """Each person's rung per discipline, and what the next rung still asks."""
    with open_work() as uow:
        people = pathway.progress(uow, None, _day(today), mission, trainer)
    view = Table(title=f"{len(people)} on the pathway")
    for heading in ("Trainer", "Trainee", "Discipline", "Rung", "Next", "Missing"):
        view.add_column(heading)
    for person in people:
        for step in person.progress:
            missing = "; ".join(f"{r.kind} {r.needed} (has {r.have or '-'})" for r in step.missing)
            view.add_row(
                person.trainer,
                str(person.trainee),
                step.discipline,
                step.level.label,
                step.next_level.label if step.next_level else "-",
                missing or "-",
            )
    console.print(view)


@pathway_app.command("person")
def person(
    trainer: Annotated[str, typer.Argument(help="The scenario's host instructor code.")],
    trainee: Annotated[int, typer.Argument(help="The trainee who teaches as them.")],
    mission: MissionOpt = None,
) -> None:
    """Say which trainee teaches as one of the scenario's host instructors."""
    with open_work() as uow:
        pathway.enter_person(uow, None, trainer, trainee, mission)
    console.print(f"{trainer} is trainee {trainee}.")


@pathway_app.command("rate")
def rate(
    run: Annotated[str, typer.Argument(help="The run co-taught.")],
    trainer: Annotated[str, typer.Argument(help="The host instructor rated.")],
    rating: Annotated[int, typer.Argument(help="1 (unfit) to 5 (exemplary).")],
    supervisor: Annotated[str, typer.Option(help="Who rates.")] = "",
    mission: MissionOpt = None,
) -> None:
    """A supervisor's rating of a host instructor's co-taught run."""
    with open_work() as uow:
        pathway.rate_run(uow, None, Rating(run, trainer, rating, supervisor), mission)
    console.print(f"{trainer} rated {rating} on {run}.")


@pathway_app.command("assess")
def assess(
    trainer: Annotated[str, typer.Argument(help="The host instructor assessed.")],
    discipline: Annotated[str, typer.Argument(help="The discipline.")],
    level: Annotated[str, typer.Argument(help="instructor or master_trainer.")],
    passed: Annotated[bool, typer.Option("--passed/--failed", help="The outcome.")] = True,
    on: TodayOpt = None,
    mission: MissionOpt = None,
) -> None:
    """Record a rung's assessment."""
    try:
        rung = InstructorLevel.from_label(level)
    except KeyError:
        raise InvalidInput(f"{level} is not a rung", code="pathway.level") from None
    with open_work() as uow:
        outcome = Assessment(0, discipline, rung, passed, _day(on))
        pathway.record_assessment(uow, None, trainer, outcome, mission)
    console.print(f"{trainer}: {rung.label} assessment {'passed' if passed else 'failed'}.")


@pathway_app.command("led")
def led(
    run: Annotated[str, typer.Argument(help="The run held.")],
    lead: Annotated[str, typer.Argument(help="The trainer who actually led it.")],
    today: TodayOpt = None,
    mission: MissionOpt = None,
) -> None:
    """Record who actually led a run."""
    with open_work() as uow:
        done = pathway.record_lead(uow, None, run, lead, _day(today), mission)
    console.print(f"{run} led by {lead} ({done.lead_nation}).")


@pathway_app.command("left")
def left(
    trainer: Annotated[str, typer.Argument(help="The host instructor who left.")],
    on: TodayOpt = None,
    mission: MissionOpt = None,
) -> None:
    """Record that a host instructor left the cadre (a loss the planner learns of)."""
    with open_work() as uow:
        pathway.person_left(uow, None, trainer, _day(on), mission)
    console.print(f"{trainer} left on {_day(on)}.")


@pathway_app.command("share")
def share(mission: MissionOpt = None) -> None:
    """The host-led share of the runs held, per school, discipline and month."""
    with open_work() as uow:
        shares = pathway.host_led(uow, None, mission)
    view = Table(title="Host-led share of the runs held")
    for heading in ("School", "Discipline", "Month", "Runs", "Host-led", "Share"):
        view.add_column(heading)
    for s in shares:
        view.add_row(
            s.site, s.discipline, f"{s.month:%Y-%m}", str(s.runs), str(s.host_led),
            f"{s.share:.0%}",
        )  # fmt: skip
    console.print(view)


@abroad_app.command("offer")
def offer(
    code: Annotated[str, typer.Argument(help="A code for the offer.")],
    course: Annotated[str, typer.Option(help="The mission's course it teaches.")],
    nation: Annotated[str, typer.Option(help="The nation offering.")],
    school: Annotated[str, typer.Option(help="Its school.")],
    start: Annotated[dt.datetime, typer.Option(help="The course's first day.")],
    end: Annotated[dt.datetime, typer.Option(help="The course's last day.")],
    language: Annotated[str, typer.Option(help="Its language (two letters).")],
    seats: Annotated[int, typer.Option(help="Seats offered.")],
    level: Annotated[int, typer.Option(help="STANAG 6001 level asked.")] = 2,
    travel_days: Annotated[int, typer.Option(help="Travel days either side.")] = TRAVEL_DAYS,
    mission: MissionOpt = None,
) -> None:
    """Keep a nation's offer of seats at its own school."""
    seat = AbroadSeat(code, course, nation, school, start.date(), end.date(), language, seats,
                      level, travel_days)  # fmt: skip
    with open_work() as uow:
        abroad.offer(uow, None, seat, mission)
    console.print(f"Offer {code}: {seats} seats on {course} in {nation}.")


@abroad_app.command("list")
def list_(mission: MissionOpt = None) -> None:
    """The offers and the trainees nominated."""
    with open_work() as uow:
        found = abroad.seats(uow, None, mission)
    view = Table(title=f"{len(found)} offers abroad")
    for heading in ("Offer", "Course", "Nation", "School", "Dates", "Seats", "Nominated"):
        view.add_column(heading)
    for v in found:
        s = v.seat
        view.add_row(
            s.code, s.course, s.nation, s.school, f"{s.start} – {s.end}",
            str(s.seats), ", ".join(map(str, v.nominated)) or "-",
        )  # fmt: skip
    console.print(view)


@abroad_app.command("nominate")
def nominate(
    code: Annotated[str, typer.Argument(help="The offer.")],
    trainee: Annotated[int, typer.Argument(help="The trainee nominated.")],
    mission: MissionOpt = None,
) -> None:
    """Nominate a cleared trainee to a seat (refused with every reason otherwise)."""
    with open_work() as uow:
        abroad.nominate(uow, None, code, trainee, mission)
    console.print(f"Trainee {trainee} nominated to {code}.")


@abroad_app.command("withdraw")
def withdraw(
    code: Annotated[str, typer.Argument(help="The offer.")],
    trainee: Annotated[int, typer.Argument(help="The trainee withdrawn.")],
    mission: MissionOpt = None,
) -> None:
    """Withdraw a nomination; the trainee is no longer away."""
    with open_work() as uow:
        abroad.withdraw(uow, None, code, trainee, mission)
    console.print(f"Trainee {trainee} withdrawn from {code}.")


@abroad_app.command("result")
def result(
    code: Annotated[str, typer.Argument(help="The offer.")],
    trainee: Annotated[int, typer.Argument(help="The trainee.")],
    score: Annotated[float, typer.Argument(help="The score reported, per cent.")],
    mission: MissionOpt = None,
) -> None:
    """The result the school abroad reports; a pass earns the course's certificate."""
    with open_work() as uow:
        number = abroad.record_result(uow, None, code, trainee, score, mission)
    console.print(f"Certificate {number}." if number else "Not passed: no certificate.")


@actuals_app.command("show")
def show_actuals(
    through: Annotated[dt.datetime, typer.Option(help="The first month still forecast.")],
    plan: Annotated[
        bool, typer.Option("--plan", help="Also keep a capacity plan from them.")
    ] = False,
    mission: MissionOpt = None,
) -> None:
    """Graduates, entrants, host instructors certified and lost, per month."""
    with open_work() as uow:
        found = actuals.mission_actuals(uow, None, through.date(), mission)
        kept = actuals.plan_from_actuals(uow, None, through.date(), mission) if plan else None
    view = Table(title=f"Actuals before {found.through:%Y-%m}")
    for heading in ("What", "Course or qualification", "Month", "Count"):
        view.add_column(heading)
    for row in as_rows(found):
        view.add_row(*(str(v) for v in row.values()))
    console.print(view)
    if kept is not None:
        console.print(f"Capacity plan {kept.number} kept (a draft), from the actuals.")


@xapi_app.command("export")
def export(
    out: Annotated[pathlib.Path, typer.Option("--out", help="The JSON file to write.")],
    mission: MissionOpt = None,
) -> None:
    """Write every statement to a file (the outbox is not touched)."""
    with open_work() as uow:
        document = xapi.export(uow, None, mission)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"{len(document['statements'])} statements written to {out}.")


@xapi_app.command("send")
def send(mission: MissionOpt = None) -> None:
    """Queue the new statements and send the outbox to the LRS the settings name."""
    lrs = xapi.Lrs.from_settings()
    if lrs is None:
        raise InvalidInput("the LRS is not set: CADRE_LRS_URL", code="xapi.no_lrs")
    with open_work() as uow:
        done = xapi.send(uow, lrs, mission)
    console.print(f"{done.sent} statements sent; {done.waiting} waiting.")
    if done.error:
        console.print(f"The LRS failed: {done.error}. They stay queued for the next send.")
        raise typer.Exit(1)
