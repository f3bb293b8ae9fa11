"""What a run records and leaves behind: attendance per teaching day, the assessment's score,
completion by the course's rule, the certificates issued when the run is closed, their
revocation with a reason, and the run's roster. Each change is audited in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from cadre.access.labels import CERTIFICATES, ENROLMENTS
from cadre.access.policy import Principal, Verb
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.training.certificates import Completion, Mark, certificate_number, completion
from cadre.domain.training.enrolment import Standing
from cadre.domain.training.rules import CourseRule, rule_problems
from cadre.services.training.enrolment import rule_for, run_work
from cadre.services.training.release import sight
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results as results_rows
from cadre.storage.mission_scope import lock_mission
from cadre.storage.scenarios import load_scenario
from cadre.storage.training import CertificateRow, EnrolmentRow


def _seated(on_run: list[EnrolmentRow], trainee_id: int, run: str) -> EnrolmentRow:
    found = next(
        (e for e in on_run if e.trainee_id == trainee_id and e.standing == Standing.ENROLLED),
        None,
    )
    if found is None:
        raise NotFound(
            f"trainee {trainee_id} has no seat on run {run}",
            code="enrolment.not_found",
            run=run,
            trainee=trainee_id,
        )
    return found


def record_attendance(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    day: dt.date,
    marks: Mapping[int, Mark],
    mission: str | None = None,
) -> int:
    """Mark each trainee present, absent or excused on one of the run's teaching days."""
    with run_work(uow, principal, mission, run) as (session, seen, _, seats):
        if day not in seats.days:
            raise InvalidInput(
                f"{day} is not a teaching day of run {run}",
                code="attendance.not_a_teaching_day",
                run=run,
                day=day.isoformat(),
            )
        on_run = results_rows.enrolments_in(session, seen.mission_id, run)
        for trainee_id, mark in marks.items():
            seen.require_trainee(trainee_id)
            results_rows.put_mark(session, _seated(on_run, trainee_id, run).id, day, mark)
        uow.audit(
            session, "attendance", mission=seen.mission, kind=ENROLMENTS, key=f"{run}/{day}",
            after={str(t): m.value for t, m in sorted(marks.items())},
        )  # fmt: skip
    return len(marks)


def record_result(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    trainee_id: int,
    score: float,
    on: dt.date,
    mission: str | None = None,
) -> Completion:
    """The trainee's assessment score (per cent); the answer says whether they complete."""
    if not 0 <= score <= 100:
        raise InvalidInput(
            [Problem("a score is 0 to 100", field="score", code="result.score", params={})]
        )
    with run_work(uow, principal, mission, run) as (session, seen, _, seats):
        seen.require_trainee(trainee_id)
        mine = _seated(results_rows.enrolments_in(session, seen.mission_id, run), trainee_id, run)
        before = mine.score
        mine.score, mine.assessed_on = score, on
        rule = rule_for(session, seen.mission_id, seats.course)
        done = completion(rule, seats.days, results_rows.marks(session, [mine.id])[mine.id], score)
        uow.audit(
            session, "result", mission=seen.mission, kind=ENROLMENTS, key=f"{run}/{trainee_id}",
            before={"score": before}, after={"score": score, "passed": done.passed},
        )  # fmt: skip
    return done


@dataclass(frozen=True)
class Closed:
    run: str
    issued: tuple[str, ...]  # certificate numbers issued now
    incomplete: dict[int, tuple[str, ...]]  # trainee -> what keeps them from completing


def close_run(
    uow: UnitOfWork, principal: Principal | None, run: str, mission: str | None = None
) -> Closed:
    """Issue a certificate to every trainee of the run who completed it by the course's rule
    and has none for it yet; say for the others what is missing."""
    runs = mission_runs(uow, mission)
    seats = runs.run(run)
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        lock_mission(session, seen.mission)
        scenario = load_scenario(session, seen.mission)
        discipline = scenario.course(seats.course).discipline
        rule = rule_for(session, seen.mission_id, seats.course)
        on_run = [
            e
            for e in results_rows.enrolments_in(session, seen.mission_id, run)
            if e.standing == Standing.ENROLLED
        ]
        marks = results_rows.marks(session, [e.id for e in on_run])
        have = set(
            session.scalars(
                select(CertificateRow.trainee_id).where(
                    CertificateRow.mission_id == seen.mission_id, CertificateRow.run == run
                )
            )
        )
        issued, incomplete = [], {}
        prefix = f"{seen.mission}-{seats.course}-{seats.end.year}-"
        sequence = results_rows.next_certificate(session, seen.mission_id, prefix)
        for e in on_run:
            done = completion(rule, seats.days, marks[e.id], e.score)
            if not done.completed:
                incomplete[e.trainee_id] = done.reasons
                continue
            if e.trainee_id in have:
                continue
            number = certificate_number(seen.mission, seats.course, seats.end.year, sequence)
            sequence += 1
            session.add(
                CertificateRow(
                    mission_id=seen.mission_id, number=number, trainee_id=e.trainee_id,
                    course=seats.course, run=run, site=seats.site, discipline=discipline,
                    issued=seats.end, expires=rule.expiry(seats.end), reason="",
                )
            )  # fmt: skip
            issued.append(number)
        missing = {str(k): list(v) for k, v in incomplete.items()}
        uow.audit(
            session, "close run", mission=seen.mission, kind=CERTIFICATES, key=run,
            after={"issued": issued, "incomplete": missing},
        )  # fmt: skip
    return Closed(run, tuple(issued), incomplete)


def revoke_certificate(
    uow: UnitOfWork,
    principal: Principal | None,
    number: str,
    reason: str,
    on: dt.date,
    mission: str | None = None,
) -> None:
    """Revoke a certificate from `on`, saying why; the reason is kept with it."""
    if not reason.strip():
        raise InvalidInput(
            [Problem("say why the certificate is revoked", field="reason", code="revoke.reason")]
        )
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        row = session.scalars(
            select(CertificateRow).where(
                CertificateRow.mission_id == seen.mission_id, CertificateRow.number == number
            )
        ).first()
        if row is None or not seen.sees_trainee(row.trainee_id):
            raise NotFound(
                f"certificate {number} is not in the mission",
                code="certificate.not_found",
                number=number,
            )
        row.revoked_on, row.reason = on, reason.strip()
        uow.audit(
            session, "revoke", mission=seen.mission, kind=CERTIFICATES, key=number,
            after={"revoked_on": on.isoformat(), "reason": row.reason},
        )  # fmt: skip


def set_course_rule(
    uow: UnitOfWork, principal: Principal | None, rule: CourseRule, mission: str | None = None
) -> None:
    """A course's own pass mark, attendance, language level and certificate validity."""
    problems = rule_problems(rule)
    if problems:
        raise InvalidInput(problems, code="rule.invalid")
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        if rule.course not in {c.code for c in load_scenario(session, seen.mission).courses}:
            raise NotFound(
                f"course {rule.course} is not in the mission",
                code="course.not_found",
                course=rule.course,
            )
        results_rows.put_rule(session, seen.mission_id, rule)
        uow.audit(
            session, "course rule", mission=seen.mission, kind=CERTIFICATES, key=rule.course,
            after=rule.__dict__,
        )  # fmt: skip
