"""Training records read and written as domain values: a trainee from its row and back, the
searches the lists need (added up by the database), and the moves a merge makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from cadre.domain.host import HostName
from cadre.domain.training.certificates import Certificate, Mark
from cadre.domain.training.duplicates import Candidate, LikelyDuplicate
from cadre.domain.training.rules import CourseRule
from cadre.domain.training.trainees import Trainee, Vetting, VettingStatus
from cadre.storage.training import (
    AttendanceRow,
    CertificateRow,
    CourseRuleRow,
    DuplicateRow,
    EnrolmentRow,
    TeacherRow,
    TraineeRow,
)


def trainee_of(row: TraineeRow) -> Trainee:
    return Trainee(
        service=row.service,
        number=row.number,
        name=HostName(row.arabic, row.latin),
        birth_year=row.birth_year,
        rank=row.rank,
        unit=row.unit,
        governorate=row.governorate,
        vetting=Vetting(
            VettingStatus(row.vetting_status),
            row.vetting_decided,
            row.vetting_authority,
            row.vetting_until,
        ),
        languages={str(k): int(v) for k, v in (row.languages or {}).items()},
    )


def trainee_values(trainee: Trainee) -> dict[str, Any]:
    """The row's columns for `trainee`, its search keys computed here once."""
    return {
        "service": trainee.service,
        "number": trainee.number,
        "arabic": trainee.name.arabic,
        "latin": trainee.name.latin,
        "search_key": trainee.key,
        "sound": trainee.sound,
        "birth_year": trainee.birth_year,
        "rank": trainee.rank,
        "unit": trainee.unit,
        "governorate": trainee.governorate,
        "vetting_status": trainee.vetting.status.value,
        "vetting_decided": trainee.vetting.decided,
        "vetting_authority": trainee.vetting.authority,
        "vetting_until": trainee.vetting.valid_until,
        "languages": dict(sorted(trainee.languages.items())),
    }


def find_trainee(session: Session, mission_id: int, trainee_id: int) -> TraineeRow | None:
    row = session.get(TraineeRow, trainee_id)
    return row if row is not None and row.mission_id == mission_id else None


def by_number(session: Session, mission_id: int, service: str, number: str) -> TraineeRow | None:
    return session.scalars(
        select(TraineeRow).where(
            TraineeRow.mission_id == mission_id,
            TraineeRow.service == service,
            TraineeRow.number == number,
        )
    ).first()


def numbers_taken(session: Session, mission_id: int) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(TraineeRow.service, TraineeRow.number, TraineeRow.id).where(
            TraineeRow.mission_id == mission_id
        )
    )
    return {(r[0], r[1]): r[2] for r in rows}


def candidates(session: Session, mission_id: int) -> list[Candidate]:
    """What the duplicate rule needs of every trainee of the mission, in plain columns."""
    rows = session.execute(
        select(TraineeRow.id, TraineeRow.sound, TraineeRow.birth_year, TraineeRow.number).where(
            TraineeRow.mission_id == mission_id
        )
    )
    return [Candidate(r[0], r[1], r[2], r[3]) for r in rows]


def search(
    session: Session,
    mission_id: int,
    *,
    key: str = "",
    sound: str = "",
    number: str = "",
    within: Iterable[int] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[TraineeRow]]:
    """Trainees whose search key holds `key`, or whose sound holds `sound`, or whose service
    number is `number`; with the total, a page of them by Latin name."""
    query = select(TraineeRow).where(TraineeRow.mission_id == mission_id)
    found = []
    if key:
        found.append(TraineeRow.search_key.contains(key, autoescape=True))
    if sound:
        found.append(TraineeRow.sound.contains(sound, autoescape=True))
    if number:
        found.append(TraineeRow.number == number)
    if found:
        query = query.where(or_(*found))
    if within is not None:
        query = query.where(TraineeRow.id.in_(list(within)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(TraineeRow.latin, TraineeRow.id).limit(limit).offset(offset)
    )
    return total, list(rows)


def flag(session: Session, mission_id: int, pairs: Sequence[LikelyDuplicate]) -> int:
    """Keep the pairs not flagged before; how many were new."""
    known = {
        (r[0], r[1])
        for r in session.execute(
            select(DuplicateRow.first_id, DuplicateRow.second_id).where(
                DuplicateRow.mission_id == mission_id
            )
        )
    }
    new = [p for p in pairs if (p.first, p.second) not in known]
    session.add_all(
        DuplicateRow(
            mission_id=mission_id,
            first_id=p.first,
            second_id=p.second,
            score=p.score,
            reason=p.reason,
            dismissed=False,
        )
        for p in new
    )
    session.flush()
    return len(new)


def open_flags(session: Session, mission_id: int) -> list[DuplicateRow]:
    return list(
        session.scalars(
            select(DuplicateRow)
            .where(DuplicateRow.mission_id == mission_id, DuplicateRow.dismissed.is_(False))
            .order_by(DuplicateRow.first_id, DuplicateRow.second_id)
        )
    )


def move_records(session: Session, keep: int, drop: int) -> dict[str, int]:
    """Give `drop`'s enrolments and certificates to `keep` (an enrolment in a run `keep` is
    already in stays with `drop` and goes with it); how many of each moved."""
    taken = set(session.scalars(select(EnrolmentRow.run).where(EnrolmentRow.trainee_id == keep)))
    moved = session.execute(
        update(EnrolmentRow)
        .where(EnrolmentRow.trainee_id == drop, EnrolmentRow.run.not_in(taken or {""}))
        .values(trainee_id=keep)
    )
    certificates = session.execute(
        update(CertificateRow).where(CertificateRow.trainee_id == drop).values(trainee_id=keep)
    )
    session.execute(
        delete(DuplicateRow).where(
            or_(DuplicateRow.first_id == drop, DuplicateRow.second_id == drop)
        )
    )
    return {
        "enrolments": int(getattr(moved, "rowcount", 0) or 0),
        "certificates": int(getattr(certificates, "rowcount", 0) or 0),
    }


def course_rules(session: Session, mission_id: int) -> dict[str, CourseRule]:
    rows = session.scalars(select(CourseRuleRow).where(CourseRuleRow.mission_id == mission_id))
    return {
        r.course: CourseRule(
            r.course, r.pass_mark, r.attendance, r.language_level, r.validity_months
        )
        for r in rows
    }


def put_rule(session: Session, mission_id: int, rule: CourseRule) -> None:
    row = session.scalars(
        select(CourseRuleRow).where(
            CourseRuleRow.mission_id == mission_id, CourseRuleRow.course == rule.course
        )
    ).first()
    if row is None:
        row = CourseRuleRow(mission_id=mission_id, course=rule.course)
        session.add(row)
    row.pass_mark, row.attendance = rule.pass_mark, rule.attendance
    row.language_level, row.validity_months = rule.language_level, rule.validity_months
    session.flush()


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


def certificates_expiring(
    session: Session,
    mission_id: int,
    today: dt.date,
    until: dt.date,
    *,
    school: str = "",
    discipline: str = "",
) -> list[CertificateRow]:
    """Certificates not revoked whose last day falls between today and `until`, of one
    school or discipline when named."""
    query = select(CertificateRow).where(
        CertificateRow.mission_id == mission_id,
        CertificateRow.revoked_on.is_(None),
        CertificateRow.expires >= today,
        CertificateRow.expires <= until,
        CertificateRow.issued <= today,
    )
    if school:
        query = query.where(CertificateRow.site == school)
    if discipline:
        query = query.where(CertificateRow.discipline == discipline)
    order = (CertificateRow.site, CertificateRow.discipline, CertificateRow.expires)
    return list(session.scalars(query.order_by(*order, CertificateRow.number)))


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
    row = session.scalars(
        select(AttendanceRow).where(
            AttendanceRow.enrolment_id == enrolment_id, AttendanceRow.day == day
        )
    ).first()
    if row is None:
        session.add(AttendanceRow(enrolment_id=enrolment_id, day=day, mark=mark.value))
    else:
        row.mark = mark.value
    session.flush()


def trainer_of_user(session: Session, mission_id: int, username: str) -> str | None:
    """The trainer code the user account teaches as, if any."""
    return session.scalar(
        select(TeacherRow.trainer).where(
            TeacherRow.mission_id == mission_id, TeacherRow.username == username
        )
    )


def put_teacher(session: Session, mission_id: int, username: str, trainer: str) -> None:
    row = session.scalars(
        select(TeacherRow).where(
            TeacherRow.mission_id == mission_id, TeacherRow.username == username
        )
    ).first()
    if row is None:
        session.add(TeacherRow(mission_id=mission_id, username=username, trainer=trainer))
    else:
        row.trainer = trainer
    session.flush()


def latin_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = list(ids)
    if not wanted:
        return {}
    found = session.execute(
        select(TraineeRow.id, TraineeRow.latin).where(TraineeRow.id.in_(wanted))
    )
    return {r[0]: r[1] for r in found}


def trainees_in_runs(session: Session, mission_id: int, runs: Iterable[str]) -> set[int]:
    wanted = list(runs)
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(EnrolmentRow.trainee_id).where(
                EnrolmentRow.mission_id == mission_id, EnrolmentRow.run.in_(wanted)
            )
        )
    )
