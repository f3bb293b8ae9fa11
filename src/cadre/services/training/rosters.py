"""A run's roster as a course director or its instructor reads it: each trainee on the run,
seated or waiting, with attendance so far, the score, completion by the course's rule and
the certificate issued. Only the trainees the reader may see (release.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal, Verb, reach
from cadre.domain.errors import NotFound
from cadre.domain.training.certificates import completion
from cadre.domain.training.enrolment import Standing
from cadre.services.training.enrolment import rule_for
from cadre.services.training.release import sight
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows as rows
from cadre.storage.training import CertificateRow


@dataclass(frozen=True)
class RosterLine:
    trainee: int
    service: str
    number: str
    arabic: str
    latin: str
    standing: str
    waiting: int  # place on the wait list; 0 with a seat
    attendance: float  # share of the run's teaching days present or excused
    score: float | None
    completed: bool
    missing: tuple[str, ...]  # what keeps the trainee from completing
    certificate: str | None


@dataclass(frozen=True)
class Withdrawn:
    trainee: int
    service: str
    number: str
    arabic: str
    latin: str
    reason: str | None  # None for a withdrawal made without one (the API's)


@dataclass(frozen=True)
class Roster:
    run: str
    course: str
    seats: int
    days: int
    lines: tuple[RosterLine, ...]
    withdrawn: tuple[Withdrawn, ...] = ()  # who left the run, and why


def roster(
    uow: UnitOfWork, principal: Principal | None, run: str, mission: str | None = None
) -> Roster:
    runs = mission_runs(uow, mission)
    seats = runs.run(run)
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, taught=runs.taught_by)
        seen.require_run(run)
        rule = rule_for(session, seen.mission_id, seats.course)
        seen_on_run = [
            e
            for e in results_rows.enrolments_in(session, seen.mission_id, run)
            if seen.sees_trainee(e.trainee_id)
        ]
        on_run = [e for e in seen_on_run if e.standing != Standing.WITHDRAWN]
        marks = results_rows.marks(session, [e.id for e in on_run])
        certificates = {
            r[0]: r[1]
            for r in session.execute(
                select(CertificateRow.trainee_id, CertificateRow.number).where(
                    CertificateRow.mission_id == seen.mission_id, CertificateRow.run == run
                )
            )
        }
        lines, waiting = [], 0
        for e in on_run:
            person = rows.find_trainee(session, seen.mission_id, e.trainee_id)
            if person is None:  # pragma: no cover  (cascades remove enrolments with people)
                continue
            done = completion(rule, seats.days, marks[e.id], e.score)
            waiting += e.standing == Standing.WAITING
            lines.append(
                RosterLine(
                    e.trainee_id, person.service, person.number, person.arabic, person.latin,
                    e.standing, waiting if e.standing == Standing.WAITING else 0,
                    done.attendance, e.score, done.completed, done.reasons,
                    certificates.get(e.trainee_id),
                )
            )  # fmt: skip
        withdrawn = tuple(
            Withdrawn(e.trainee_id, p.service, p.number, p.arabic, p.latin, e.withdrawal_reason)
            for e in seen_on_run
            if e.standing == Standing.WITHDRAWN
            and (p := rows.find_trainee(session, seen.mission_id, e.trainee_id)) is not None
        )
    return Roster(run, seats.course, seats.seats, len(seats.days), tuple(lines), withdrawn)


def roster_runs(uow: UnitOfWork, principal: Principal, mission: str) -> frozenset[str]:
    """The runs whose roster page the reader may open, by the page's own check (`sight`):
    every run of the timetable for the school's roles, an instructor's own runs, none for
    the others or before there is a timetable; pages link only to the rosters that open."""
    if reach(principal.roles, Verb.READ, ENROLMENTS) is None:
        return frozenset()
    try:
        runs = mission_runs(uow, mission)
    except NotFound:
        return frozenset()
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, taught=runs.taught_by)
    return frozenset(runs.runs) if seen.runs is None else seen.runs & runs.runs.keys()
