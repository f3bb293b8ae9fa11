"""Renewal of certificates by refresher courses: which course refreshes which (declared per
mission), and the renewal a holder's completed refresher run gives (domain/training/
renewal.py says when it is refused). Each change is audited in its transaction."""

from __future__ import annotations

from sqlalchemy import select

from cadre.access.labels import CERTIFICATES
from cadre.access.policy import Principal, Verb
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.training.certificates import completion
from cadre.domain.training.enrolment import Standing
from cadre.domain.training.renewal import RefresherRun, Renewal, renewal_problems, renewed
from cadre.services.training.certificate_documents import readable_certificate
from cadre.services.training.enrolment import rule_for
from cadre.services.training.release import sight
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_certificates as certificate_rows
from cadre.storage import training_results as results_rows
from cadre.storage.mission_scope import lock_mission
from cadre.storage.models import CourseRow
from cadre.storage.training import EnrolmentRow
from cadre.storage.training_certificates import RenewalRow


def declare_refresher(
    uow: UnitOfWork,
    principal: Principal | None,
    course: str,
    refresher: str,
    mission: str | None = None,
) -> bool:
    """Completing REFRESHER renews a certificate of COURSE; False when already declared."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        known = set(
            session.scalars(select(CourseRow.code).where(CourseRow.mission_id == seen.mission_id))
        )
        for code in (course, refresher):
            if code not in known:
                raise NotFound(
                    f"course {code} is not in the mission", code="course.not_found", course=code
                )
        added = certificate_rows.put_refresher(session, seen.mission_id, course, refresher)
        if added:
            uow.audit(
                session, "refresher", mission=seen.mission, kind=CERTIFICATES, key=course,
                after={"refresher": refresher},
            )  # fmt: skip
        return added


def renew_certificate(
    uow: UnitOfWork,
    principal: Principal | None,
    number: str,
    run: str,
    mission: str | None = None,
) -> Renewal:
    """Renew certificate NUMBER by its holder's completion of refresher run RUN; refused,
    with every reason, when the rules of renewal are not met (nothing changes then)."""
    seats = mission_runs(uow, mission).run(run)
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=CERTIFICATES, verb=Verb.WRITE)
        lock_mission(session, seen.mission)
        row = readable_certificate(session, seen, number)
        seat = session.scalars(
            select(EnrolmentRow).where(
                EnrolmentRow.mission_id == seen.mission_id,
                EnrolmentRow.run == run,
                EnrolmentRow.trainee_id == row.trainee_id,
                EnrolmentRow.standing == Standing.ENROLLED,
            )
        ).first()
        if seat is None:
            raise NotFound(
                f"trainee {row.trainee_id} has no seat on run {run}",
                code="enrolment.not_found",
                run=run,
                trainee=row.trainee_id,
            )
        marks = results_rows.marks(session, [seat.id])[seat.id]
        done = completion(rule_for(session, seen.mission_id, seats.course), seats.days, marks,
                          seat.score)  # fmt: skip
        certificate = results_rows.certificate_of(row)
        refresher = RefresherRun(run, seats.course, seats.start, seats.end)
        problems = renewal_problems(
            certificate,
            refresher,
            certificate_rows.refreshers(session, seen.mission_id, row.course),
            done,
        )
        if any(r.run == run for r in certificate_rows.renewals(session, row.id)):
            raise InvalidInput(
                f"certificate {number} was already renewed by run {run}",
                code="renewal.already",
                number=number,
                run=run,
            )
        if problems:
            raise InvalidInput(problems, code="renewal.refused")
        renewal = renewed(certificate, refresher, rule_for(session, seen.mission_id, row.course))
        row.expires = renewal.expires
        session.add(
            RenewalRow(
                certificate_id=row.id, run=run, renewed_on=renewal.renewed_on,
                previous_expiry=renewal.previous_expiry, expires=renewal.expires,
            )
        )  # fmt: skip
        uow.audit(
            session, "renew", mission=seen.mission, kind=CERTIFICATES, key=number,
            before={"expires": _day(renewal.previous_expiry)},
            after={"expires": _day(renewal.expires), "run": run},
        )  # fmt: skip
    return renewal


def _day(day: object) -> str | None:
    return None if day is None else str(day)
