"""Enrolment in the timetable's runs: a seat while the course's largest class has one, else
the run's wait list; refused, with every reason as a code and its values, when the trainee
is not cleared on the run's first day, lacks a valid certificate of a prerequisite, works
below the course's language level, sits in another run at the time or is away on a
course abroad (travel included). A withdrawal frees the seat for the first on the wait
list. Each change is audited in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal, Reach, Verb
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cadre.domain.training.abroad import away_refusal
from cadre.domain.training.enrolment import RunSeats, Standing, refusals, standing_for
from cadre.domain.training.rules import CourseRule
from cadre.services.training.release import TrainingSight, sight, trainee_not_found
from cadre.services.training.runs import MissionRuns, mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import pathway_rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows as rows
from cadre.storage.mission_scope import lock_mission
from cadre.storage.training import EnrolmentRow


@contextmanager
def run_work(
    uow: UnitOfWork, principal: Principal | None, mission: str | None, run: str
) -> Iterator[tuple[Session, TrainingSight, MissionRuns, RunSeats]]:
    """A transaction on one run's records, held against other writers, for a writer who
    may change them (an instructor only on a run they teach)."""
    runs = mission_runs(uow, mission)
    with uow.transaction() as session:
        seen = sight(
            session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE, taught=runs.taught_by
        )
        seen.require_run(run)
        lock_mission(session, seen.mission)
        yield session, seen, runs, runs.run(run)


def rule_for(session: Session, mission_id: int, course: str) -> CourseRule:
    return results_rows.course_rules(session, mission_id).get(course) or CourseRule(course)


def _seats_of(row: EnrolmentRow) -> RunSeats:
    return RunSeats(row.run, row.course, "", (), row.start_date, row.end_date, (), 0)


@dataclass(frozen=True)
class Enrolled:
    run: str
    trainee: int
    standing: Standing
    waiting: int  # the trainee's place on the wait list; 0 with a seat


def enrol(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    trainee_id: int,
    mission: str | None = None,
) -> Enrolled:
    """Give the trainee a seat in `run`, or a place on its wait list; refuse with every
    reason when a rule is broken (nothing is stored then)."""
    with run_work(uow, principal, mission, run) as (session, seen, _, seats):
        if seen.require(Verb.WRITE, ENROLMENTS) is Reach.OWN:
            raise Forbidden(
                "instructors record attendance and results; the school enrols",
                code="enrolment.not_by_instructor",
            )
        seen.require_trainee(trainee_id)
        row = rows.find_trainee(session, seen.mission_id, trainee_id)
        if row is None:
            raise trainee_not_found(trainee_id)
        mine = results_rows.enrolments_of(session, trainee_id)
        if any(e.run == run and e.standing != Standing.WITHDRAWN for e in mine):
            raise Conflict(
                f"trainee {trainee_id} is already on run {run}",
                code="enrolment.already",
                run=run,
                trainee=trainee_id,
            )
        others = [_seats_of(e) for e in mine if e.standing == Standing.ENROLLED]
        problems = refusals(
            rows.trainee_of(row),
            seats,
            rule_for(session, seen.mission_id, seats.course),
            results_rows.certificates_of(session, [trainee_id]),
            others,
        )
        away = away_refusal(seats, pathway_rows.away(session, trainee_id))
        problems += [away] if away is not None else []
        if problems:
            raise InvalidInput(problems, code="enrolment.refused", run=run, trainee=trainee_id)
        on_run = results_rows.enrolments_in(session, seen.mission_id, run)
        seated = sum(1 for e in on_run if e.standing == Standing.ENROLLED)
        standing = standing_for(seats, seated)
        earlier = next((e for e in mine if e.run == run), None)
        if earlier is not None:  # came back after a withdrawal: the same row, a new place
            session.delete(earlier)
            session.flush()
        session.add(
            EnrolmentRow(
                mission_id=seen.mission_id,
                trainee_id=trainee_id,
                run=run,
                course=seats.course,
                site=seats.site,
                start_date=seats.start,
                end_date=seats.end,
                standing=standing.value,
                asked_at=dt.datetime.now(dt.UTC),
            )
        )
        waiting = 0
        if standing is Standing.WAITING:
            waiting = 1 + sum(1 for e in on_run if e.standing == Standing.WAITING)
        uow.audit(
            session, "enrol", mission=seen.mission, kind=ENROLMENTS, key=f"{run}/{trainee_id}",
            after={"standing": standing.value, "waiting": waiting},
        )  # fmt: skip
    return Enrolled(run, trainee_id, standing, waiting)


def withdraw(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    trainee_id: int,
    mission: str | None = None,
    reason: str = "",
) -> Enrolled | None:
    """Take the trainee off the run, the reason kept on the enrolment and in the audit
    trail (none given: None, as the API withdraws without one); the seat goes to
    the first on the wait list, who is named in the answer (None when nobody waited or no
    seat was freed)."""
    with run_work(uow, principal, mission, run) as (session, seen, _, _seats):
        seen.require_trainee(trainee_id)
        on_run = results_rows.enrolments_in(session, seen.mission_id, run)
        mine = next(
            (e for e in on_run if e.trainee_id == trainee_id and e.standing != Standing.WITHDRAWN),
            None,
        )
        if mine is None:
            raise NotFound(
                f"trainee {trainee_id} is not on run {run}",
                code="enrolment.not_found",
                run=run,
                trainee=trainee_id,
            )
        freed = mine.standing == Standing.ENROLLED
        mine.standing = Standing.WITHDRAWN.value
        mine.withdrawal_reason = reason.strip() or None
        promoted = None
        if freed:
            first = next((e for e in on_run if e.standing == Standing.WAITING), None)
            if first is not None:
                first.standing = Standing.ENROLLED.value
                promoted = Enrolled(run, first.trainee_id, Standing.ENROLLED, 0)
        uow.audit(
            session, "withdraw", mission=seen.mission, kind=ENROLMENTS, key=f"{run}/{trainee_id}",
            after={"seat_to": promoted.trainee if promoted else None, "reason": reason},
        )  # fmt: skip
    return promoted
