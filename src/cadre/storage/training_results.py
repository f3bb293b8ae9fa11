"""A run's training records as domain values: each course's rules, enrolments with their
attendance marks, certificates (and those about to expire), and which user account teaches
as which trainer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre.domain.training.certificates import Certificate, Mark
from cadre.domain.training.rules import CourseRule
from cadre.storage.training import (
    AttendanceRow,
    CertificateRow,
    CourseRuleRow,
    EnrolmentRow,
    TeacherRow,
)
from cadre.storage.upsert import upsert


def course_rules(session: Session, mission_id: int) -> dict[str, CourseRule]:
    rows = session.scalars(select(CourseRuleRow).where(CourseRuleRow.mission_id == mission_id))
    return {
        r.course: CourseRule(
            r.course, r.pass_mark, r.attendance, r.language_level, r.validity_months
        )
        for r in rows
    }


def put_rule(session: Session, mission_id: int, rule: CourseRule) -> None:
    upsert(
        session, CourseRuleRow, {"mission_id": mission_id, "course": rule.course},
        pass_mark=rule.pass_mark, attendance=rule.attendance,
        language_level=rule.language_level, validity_months=rule.validity_months,
    )  # fmt: skip


def certificate_of(row: CertificateRow) -> Certificate:
    return Certificate(
        row.number,
        row.trainee_id,
        row.course,
        row.run,
        row.issued,
        row.expires,
        row.revoked_on,
        row.reason,
        row.site,
        row.discipline,
    )


def certificates_of(session: Session, trainee_ids: Iterable[int]) -> list[Certificate]:
    ids = list(trainee_ids)
    if not ids:
        return []
    rows = session.scalars(select(CertificateRow).where(CertificateRow.trainee_id.in_(ids)))
    return [certificate_of(r) for r in rows]


def next_certificate(session: Session, mission_id: int, prefix: str) -> int:
    """The next sequence number after the certificates whose number starts with `prefix`."""
    found = session.scalar(
        select(func.count()).where(
            CertificateRow.mission_id == mission_id, CertificateRow.number.startswith(prefix)
        )
    )
    return int(found or 0) + 1


def enrolments_in(session: Session, mission_id: int, run: str) -> list[EnrolmentRow]:
    return list(
        session.scalars(
            select(EnrolmentRow)
            .where(EnrolmentRow.mission_id == mission_id, EnrolmentRow.run == run)
            .order_by(EnrolmentRow.asked_at, EnrolmentRow.id)
        )
    )


def enrolments_of(session: Session, trainee_id: int) -> list[EnrolmentRow]:
    return list(session.scalars(select(EnrolmentRow).where(EnrolmentRow.trainee_id == trainee_id)))


def marks(session: Session, enrolment_ids: Iterable[int]) -> dict[int, dict[dt.date, Mark]]:
    ids = list(enrolment_ids)
    found: dict[int, dict[dt.date, Mark]] = {i: {} for i in ids}
    if ids:
        rows = session.execute(
            select(AttendanceRow.enrolment_id, AttendanceRow.day, AttendanceRow.mark).where(
                AttendanceRow.enrolment_id.in_(ids)
            )
        )
        for enrolment, day, mark in rows:
            found[enrolment][day] = Mark(mark)
    return found


def put_mark(session: Session, enrolment_id: int, day: dt.date, mark: Mark) -> None:
    upsert(session, AttendanceRow, {"enrolment_id": enrolment_id, "day": day}, mark=mark.value)


def trainer_of_user(session: Session, mission_id: int, username: str) -> str | None:
    """The trainer code the user account teaches as, if any."""
    return session.scalar(
        select(TeacherRow.trainer).where(
            TeacherRow.mission_id == mission_id, TeacherRow.username == username
        )
    )


def put_teacher(session: Session, mission_id: int, username: str, trainer: str) -> None:
    upsert(session, TeacherRow, {"mission_id": mission_id, "username": username}, trainer=trainer)
    session.flush()
