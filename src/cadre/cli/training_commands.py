"""`cadre trainees …` and `cadre certificates …`: host personnel and their records at the
command line. The operator at the terminal holds the database itself and so sees every
trainee; the API and the web pages show each reader only what its roles need."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cadre.cli.app import app
from cadre.cli.console import console
from cadre.cli.import_jobs import QUEUE_HELP, TRAINEES_IMPORT, queued_import
from cadre.domain.errors import InvalidInput
from cadre.domain.training.rules import (
    ATTENDANCE,
    LANGUAGE_LEVEL,
    PASS_MARK,
    VALIDITY_MONTHS,
    CourseRule,
)
from cadre.services.system.database import open_work
from cadre.services.training import (
    accounts,
    enrolment,
    operations,
    queries,
    results,
    trainee_import,
)

trainees_app = typer.Typer(
    help="Trainees: host personnel, their enrolment, attendance, results.", no_args_is_help=True
)
certificates_app = typer.Typer(help="Certificates earned by trainees.", no_args_is_help=True)
app.add_typer(trainees_app, name="trainees")
app.add_typer(certificates_app, name="certificates")

MissionOpt = Annotated[
    str | None, typer.Option("--mission", help="Mission code; default: the last one imported.")
]


@trainees_app.command("import")
def import_(
    file: Annotated[pathlib.Path, typer.Argument(help="A table of trainees: CSV or XLSX.")],
    mission: MissionOpt = None,
    queue: Annotated[
        bool,
        typer.Option("--queue", help=QUEUE_HELP),
    ] = False,
) -> None:
    """Store a table of trainees: every row or, on any problem, none (each one located)."""
    if not file.is_file():
        raise InvalidInput(f"{file} is not a file", code="trainees.no_file", file=str(file))
    done = queued_import(TRAINEES_IMPORT, file, mission) if queue else _import_here(file, mission)
    console.print(
        f"Mission {done['mission']}: {done['created']} trainees added, {done['updated']} "
        f"updated from {file.name}."
    )
    if done["duplicates"]:
        console.print(
            f"{done['duplicates']} likely duplicates flagged: see `cadre trainees duplicates`."
        )


def _import_here(file: pathlib.Path, mission: str | None) -> dict[str, Any]:
    with (
        open_work() as uow,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task(f"reading {file.name}", total=1.0)
        done = trainee_import.import_trainees(
            uow,
            None,
            file.read_bytes(),
            file.name,
            mission,
            progress=lambda what, share: bar.update(task, description=what, completed=share),
        )
    return vars(done)


@trainees_app.command("list")
def list_(
    q: Annotated[
        str | None, typer.Option("--q", help="A name in any spelling, or a service number.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
    mission: MissionOpt = None,
) -> None:
    """Trainees whose name, however spelt, or service number matches."""
    with open_work() as uow:
        page = queries.list_trainees(uow, None, mission, q=q, limit=limit)
    view = Table(title=f"{page.total} trainees" + (f" matching {q!r}" if q else ""))
    for heading in ("Id", "Service", "Number", "Name", "الاسم", "Rank", "Vetting"):
        view.add_column(heading)
    for v in page.items:
        t = v.trainee
        view.add_row(
            str(v.id),
            t.service,
            t.number,
            t.name.latin,
            t.name.arabic,
            t.rank,
            t.vetting.status.value,
        )
    console.print(view)


@trainees_app.command()
def duplicates(mission: MissionOpt = None) -> None:
    """Pairs of trainees likely to be one person, for a person to merge or dismiss."""
    with open_work() as uow:
        found = queries.duplicates(uow, None, mission)
    if not found:
        console.print("No likely duplicates.")
        return
    view = Table(title=f"{len(found)} likely duplicates")
    for heading in ("First", "Second", "Names", "Score", "Why"):
        view.add_column(heading)
    for pair in found:
        a, b = pair.first, pair.second
        view.add_row(
            f"{a.id} ({a.trainee.service} {a.trainee.number})",
            f"{b.id} ({b.trainee.service} {b.trainee.number})",
            f"{a.trainee.name.arabic} / {b.trainee.name.arabic}",
            str(pair.score),
            pair.reason.replace("_", " "),
        )
    console.print(view)


@trainees_app.command()
def merge(
    keep: Annotated[int, typer.Argument(help="The trainee to keep.")],
    drop: Annotated[int, typer.Argument(help="The trainee merged into it and removed.")],
    mission: MissionOpt = None,
) -> None:
    """Two entries are one person: move DROP's enrolments and certificates to KEEP."""
    with open_work() as uow:
        dropped = queries.get_trainee(uow, None, drop, mission)
        done = operations.merge_trainees(uow, None, keep, drop, [dropped.etag], mission)
    console.print(
        f"Trainee {done.dropped} merged into {done.kept.id}: {done.enrolments} enrolments and "
        f"{done.certificates} certificates moved."
    )


@trainees_app.command()
def dismiss(
    first: Annotated[int, typer.Argument(help="One trainee of the flagged pair.")],
    second: Annotated[int, typer.Argument(help="The other.")],
    mission: MissionOpt = None,
) -> None:
    """Two flagged trainees are two people: close the flag."""
    with open_work() as uow:
        operations.dismiss_duplicate(uow, None, first, second, mission)
    console.print(f"Trainees {first} and {second} are kept as two people.")


@trainees_app.command()
def enrol(
    run: Annotated[str, typer.Argument(help="The run's code in the timetable.")],
    trainees: Annotated[list[int], typer.Argument(help="Trainee ids.")],
    mission: MissionOpt = None,
) -> None:
    """Give each trainee a seat on RUN, or a place on its wait list."""
    with open_work() as uow:
        for trainee in trainees:
            done = enrolment.enrol(uow, None, run, trainee, mission)
            place = f"waiting, {done.waiting} on the list" if done.waiting else "enrolled"
            console.print(f"Trainee {trainee} on run {run}: {place}.")


@trainees_app.command()
def teacher(
    username: Annotated[str, typer.Argument(help="A user account.")],
    trainer: Annotated[str, typer.Argument(help="The scenario's trainer it teaches as.")],
    mission: MissionOpt = None,
) -> None:
    """USERNAME teaches as TRAINER: it sees the trainees of that trainer's runs only."""
    with open_work() as uow:
        accounts.link_teacher(uow, None, username, trainer, mission)
    console.print(f"{username} teaches as {trainer}.")


@certificates_app.command()
def expiring(
    days: Annotated[int, typer.Option("--days", help="Within how many days from today.")] = 90,
    school: Annotated[str, typer.Option(help="Only this school (site code).")] = "",
    discipline: Annotated[str, typer.Option(help="Only this discipline.")] = "",
    on: Annotated[
        str | None, typer.Option("--on", help="Count from this day (2019-06-30); default today.")
    ] = None,
    mission: MissionOpt = None,
) -> None:
    """Certificates that expire within N days, by school and discipline."""
    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        raise InvalidInput(f"--on {on}: not a date (2019-06-30)") from None
    if days < 0:
        raise InvalidInput("--days is a number of days from today, 0 or more")
    with open_work() as uow:
        found = queries.expiring_certificates(
            uow, None, days, mission, day, school=school.upper(), discipline=discipline.upper()
        )
    if not found:
        console.print(f"No certificate expires within {days} days.")
        return
    view = Table(title=f"{len(found)} certificates expire within {days} days")
    for heading in ("School", "Discipline", "Expires", "Certificate", "Course", "Holder"):
        view.add_column(heading)
    for line in found:
        c = line.certificate
        expires = c.expires.isoformat() if c.expires else ""
        view.add_row(line.school, line.discipline, expires, c.number, c.course, line.trainee)
    console.print(view)


@certificates_app.command("issue")
def issue(
    run: Annotated[str, typer.Argument(help="The run's code in the timetable.")],
    mission: MissionOpt = None,
) -> None:
    """Close RUN: a certificate for every trainee who completed it by the course's rule."""
    with open_work() as uow:
        closed = results.close_run(uow, None, run, mission)
    console.print(f"Run {run}: {len(closed.issued)} certificates issued.")
    for trainee, reasons in sorted(closed.incomplete.items()):
        console.print(f"  trainee {trainee}: {', '.join(r.replace('_', ' ') for r in reasons)}")


@certificates_app.command()
def revoke(
    number: Annotated[str, typer.Argument(help="The certificate's number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is revoked.")],
    mission: MissionOpt = None,
) -> None:
    """Revoke a certificate from today, saying why."""
    with open_work() as uow:
        results.revoke_certificate(uow, None, number, reason, dt.date.today(), mission)
    console.print(f"Certificate {number} revoked.")


@trainees_app.command()
def rule(
    course: Annotated[str, typer.Argument(help="The course's code.")],
    pass_mark: Annotated[float, typer.Option(help="Per cent to pass.")] = PASS_MARK,
    attendance: Annotated[
        float, typer.Option(help="Share of teaching days present or excused (0 to 1).")
    ] = ATTENDANCE,
    language_level: Annotated[
        int, typer.Option(help="STANAG 6001 level in the course's language.")
    ] = LANGUAGE_LEVEL,
    validity_months: Annotated[
        int, typer.Option(help="Months a certificate holds; 0: it does not expire.")
    ] = VALIDITY_MONTHS,
    mission: MissionOpt = None,
) -> None:
    """Set COURSE's own pass mark, attendance, language level and certificate validity."""
    chosen = CourseRule(
        course.upper(), pass_mark, attendance, language_level, validity_months or None
    )
    with open_work() as uow:
        results.set_course_rule(uow, None, chosen, mission)
    holds = f"{validity_months} months" if validity_months else "without expiry"
    console.print(
        f"{chosen.course}: pass mark {pass_mark:g} %, attendance {attendance:.0%}, "
        f"language level {language_level}, certificates hold {holds}."
    )


# The certificates group's other commands (PDF, refreshers, renewal) register on import.
from cadre.cli import certificate_commands  # noqa: E402, F401
