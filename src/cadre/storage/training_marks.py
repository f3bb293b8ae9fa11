"""Attendance marks in bulk: many stored in one statement (a roster sheet's changes, an
import of a school's records), new ones inserted and existing ones updated; and the seated
trainees of a run by id in one query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import String, bindparam, cast, func, insert, select, update
from sqlalchemy.orm import Session

from cadre.domain.lifecycle import PlanState
from cadre.domain.training.certificates import Certificate, Mark
from cadre.storage.models import PlanVersionRow
from cadre.storage.scenarios import find_mission
from cadre.storage.training import AttendanceRow, CertificateRow, EnrolmentRow, TraineeRow

BATCH = 5000


def put_marks(session: Session, marks: Sequence[tuple[int, dt.date, Mark]]) -> None:
    """Store each (enrolment, day, mark): an update where the day is marked, else an insert."""
    if not marks:
        return
    enrolments = sorted({e for e, _, _ in marks})
    known: dict[tuple[int, dt.date], int] = {}
    for start in range(0, len(enrolments), BATCH):
        chunk = enrolments[start : start + BATCH]
        found = session.execute(
            select(AttendanceRow.enrolment_id, AttendanceRow.day, AttendanceRow.id).where(
                AttendanceRow.enrolment_id.in_(chunk)
            )
        )
        known.update({(e, d): i for e, d, i in found})
    changed = [
        {"row_id": known[(e, d)], "new_mark": m.value} for e, d, m in marks if (e, d) in known
    ]
    new: list[Mapping[str, object]] = [
        {"enrolment_id": e, "day": d, "mark": m.value} for e, d, m in marks if (e, d) not in known
    ]
    if changed:
        session.connection().execute(
            update(AttendanceRow)
            .where(AttendanceRow.id == bindparam("row_id"))
            .values(mark=bindparam("new_mark")),
            changed,
        )
    insert_marks(session, new)


def insert_marks(session: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """New marks only (enrolment_id, day, mark): on PostgreSQL one COPY, elsewhere batched
    inserts the driver sends together; in the session's transaction either way."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        assert driver is not None
        with (
            driver.cursor() as cursor,
            cursor.copy("COPY training_attendance (enrolment_id, day, mark) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row((row["enrolment_id"], row["day"], row["mark"]))
        return
    table = AttendanceRow.metadata.tables[AttendanceRow.__tablename__]
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(table), list(rows[start : start + BATCH]))


def trainees_by_id(session: Session, mission_id: int, ids: Iterable[int]) -> dict[int, TraineeRow]:
    wanted = sorted(set(ids))
    found: dict[int, TraineeRow] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(
            (r.id, r)
            for r in session.scalars(
                select(TraineeRow).where(
                    TraineeRow.mission_id == mission_id, TraineeRow.id.in_(chunk)
                )
            )
        )
    return found


def certificates_of_run(session: Session, mission_id: int, run: str) -> dict[int, str]:
    """Trainee id to the number of the certificate the run gave them."""
    found = session.execute(
        select(CertificateRow.trainee_id, CertificateRow.number).where(
            CertificateRow.mission_id == mission_id, CertificateRow.run == run
        )
    )
    return {r[0]: r[1] for r in found}


def seated_enrolments(
    session: Session, mission_id: int, runs: Iterable[str]
) -> dict[tuple[int, str], int]:
    """(trainee id, run) to the enrolment of each trainee seated on one of `runs`."""
    wanted = sorted(set(runs))
    found: dict[tuple[int, str], int] = {}
    for start in range(0, len(wanted), BATCH):
        rows = session.execute(
            select(EnrolmentRow.trainee_id, EnrolmentRow.run, EnrolmentRow.id).where(
                EnrolmentRow.mission_id == mission_id,
                EnrolmentRow.run.in_(wanted[start : start + BATCH]),
                EnrolmentRow.standing == "enrolled",
            )
        )
        found.update({(r[0], r[1]): r[2] for r in rows})
    return found


def adopted_plan_stamp(
    session: Session, mission_code: str | None, kind: str
) -> tuple[int, dt.datetime] | None:
    """The row id and creation time of the mission's adopted plan of `kind`, read without
    its contents: what tells a cached reading of the plan that it still holds."""
    mission = find_mission(session, mission_code)
    found = session.execute(
        select(PlanVersionRow.id, PlanVersionRow.created_at).where(
            PlanVersionRow.mission_id == mission.id,
            PlanVersionRow.kind == kind,
            PlanVersionRow.state == PlanState.ADOPTED.value,
        )
    ).first()
    return None if found is None else (found[0], found[1])


_MARK = {m.value: m for m in Mark}


def run_marks(session: Session, mission_id: int, run: str) -> dict[int, dict[dt.date, Mark]]:
    """Every mark of a run by enrolment, in one query over the run's enrolments. A full run
    is tens of thousands of marks: the database gives each enrolment's as one string
    (`2019-03-03present,…`), so Python makes a few hundred rows, not a row and a date per
    mark, and never holds them all at once (that made the collector sweep the heap)."""
    marks_of = func.aggregate_strings(cast(AttendanceRow.day, String(10)) + AttendanceRow.mark, ",")
    rows = session.connection().execute(
        select(AttendanceRow.enrolment_id, marks_of)
        .join(EnrolmentRow, EnrolmentRow.id == AttendanceRow.enrolment_id)
        .where(EnrolmentRow.mission_id == mission_id, EnrolmentRow.run == run)
        .group_by(AttendanceRow.enrolment_id)
    )
    found: dict[int, dict[dt.date, Mark]] = {}
    days: dict[str, dt.date] = {}
    for enrolment, text in rows:
        marks = found[enrolment] = {}
        for piece in text.split(","):
            key = piece[:10]
            day = days.get(key)
            if day is None:
                day = days[key] = dt.date.fromisoformat(key)
            marks[day] = _MARK[piece[10:]]
    return found


@dataclass(frozen=True)
class SeatedLine:
    """A seated trainee of a run as the roster shows them: the seat and the names."""

    enrolment: int
    trainee: int
    score: float | None
    service: str
    number: str
    latin: str
    arabic: str


def seated_lines(session: Session, mission_id: int, run: str) -> list[SeatedLine]:
    """The run's seated trainees with their names, in the order they asked for the seat:
    one query over the run's enrolments and their trainees, plain columns."""
    rows = (
        session.connection()
        .execute(
            select(
                EnrolmentRow.id,
                EnrolmentRow.trainee_id,
                EnrolmentRow.score,
                TraineeRow.service,
                TraineeRow.number,
                TraineeRow.latin,
                TraineeRow.arabic,
            )
            .join(TraineeRow, TraineeRow.id == EnrolmentRow.trainee_id)
            .where(
                EnrolmentRow.mission_id == mission_id,
                EnrolmentRow.run == run,
                EnrolmentRow.standing == "enrolled",
                TraineeRow.mission_id == mission_id,
            )
            .order_by(EnrolmentRow.asked_at, EnrolmentRow.id)
        )
        .all()
    )
    return [SeatedLine(*row) for row in rows]


def expiring_with_holders(
    session: Session,
    mission_id: int,
    today: dt.date,
    until: dt.date,
    *,
    school: str = "",
    discipline: str = "",
) -> list[tuple[Certificate, str]]:
    """Certificates not revoked whose last day falls between today and `until` (of one
    school or discipline when named), each with its holder's Latin name: one query, plain
    columns, by school, discipline and expiry."""
    query = (
        select(
            CertificateRow.number,
            CertificateRow.trainee_id,
            CertificateRow.course,
            CertificateRow.run,
            CertificateRow.issued,
            CertificateRow.expires,
            CertificateRow.site,
            CertificateRow.discipline,
            TraineeRow.latin,
        )
        .join(TraineeRow, TraineeRow.id == CertificateRow.trainee_id)
        .where(
            CertificateRow.mission_id == mission_id,
            CertificateRow.revoked_on.is_(None),
            CertificateRow.expires >= today,
            CertificateRow.expires <= until,
            CertificateRow.issued <= today,
        )
    )
    if school:
        query = query.where(CertificateRow.site == school)
    if discipline:
        query = query.where(CertificateRow.discipline == discipline)
    order = (CertificateRow.site, CertificateRow.discipline, CertificateRow.expires)
    return [
        (Certificate(r[0], r[1], r[2], r[3], r[4], r[5], None, "", r[6], r[7]), r[8])
        for r in session.execute(query.order_by(*order, CertificateRow.number))
    ]
