"""The pathway's and the seats abroad' rows as domain values, and the writes they need."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.domain.catalogue import InstructorLevel
from cadre.domain.training.abroad import AbroadSeat
from cadre.domain.training.certificates import Certificate
from cadre.domain.training.pathway import Assessment, Rating, RunLed
from cadre.storage.training import CertificateRow, EnrolmentRow
from cadre.storage.training_pathway import (
    AbroadSeatRow,
    NominationRow,
    PathwayPersonRow,
    RungAssessmentRow,
    RunLedRow,
    RunRatingRow,
)
from cadre.storage.training_results import certificate_of
from cadre.storage.upsert import upsert


def people(session: Session, mission_id: int) -> list[PathwayPersonRow]:
    query = select(PathwayPersonRow).where(PathwayPersonRow.mission_id == mission_id)
    return list(session.scalars(query.order_by(PathwayPersonRow.trainer)))


def person(session: Session, mission_id: int, trainer: str) -> PathwayPersonRow | None:
    return session.scalars(
        select(PathwayPersonRow).where(
            PathwayPersonRow.mission_id == mission_id, PathwayPersonRow.trainer == trainer
        )
    ).first()


def ratings(session: Session, mission_id: int) -> list[Rating]:
    rows = session.scalars(select(RunRatingRow).where(RunRatingRow.mission_id == mission_id))
    return [Rating(r.run, r.trainer, r.rating, r.supervisor) for r in rows]


def put_rating(session: Session, mission_id: int, rating: Rating) -> int | None:
    """Store the rating; the answer is the rating it replaced, if any."""
    row = session.scalars(
        select(RunRatingRow).where(
            RunRatingRow.mission_id == mission_id,
            RunRatingRow.run == rating.run,
            RunRatingRow.trainer == rating.trainer,
        )
    ).first()
    before = None if row is None else row.rating
    if row is None:
        row = RunRatingRow(mission_id=mission_id, run=rating.run, trainer=rating.trainer)
        session.add(row)
    row.rating, row.supervisor = rating.rating, rating.supervisor
    session.flush()
    return before


def assessments(session: Session, mission_id: int) -> list[Assessment]:
    rows = session.scalars(
        select(RungAssessmentRow).where(RungAssessmentRow.mission_id == mission_id)
    )
    return [
        Assessment(
            r.trainee_id,
            r.discipline,
            InstructorLevel.from_label(r.level),
            r.passed,
            r.assessed_on,
            r.assessor,
        )
        for r in rows
    ]


def add_assessment(session: Session, mission_id: int, assessment: Assessment) -> None:
    session.add(
        RungAssessmentRow(
            mission_id=mission_id,
            trainee_id=assessment.trainee,
            discipline=assessment.discipline,
            level=assessment.level.label,
            passed=assessment.passed,
            assessed_on=assessment.on,
            assessor=assessment.assessor,
        )
    )
    session.flush()


def runs_led(session: Session, mission_id: int) -> list[RunLed]:
    rows = session.scalars(select(RunLedRow).where(RunLedRow.mission_id == mission_id))
    return [RunLed(r.run, r.site, r.discipline, r.start_date, r.lead, r.lead_nation) for r in rows]


def put_run_led(session: Session, mission_id: int, led: RunLed) -> None:
    upsert(
        session, RunLedRow, {"mission_id": mission_id, "run": led.run},
        site=led.site, discipline=led.discipline, start_date=led.start,
        lead=led.lead, lead_nation=led.lead_nation,
    )  # fmt: skip


def seat_of(row: AbroadSeatRow) -> AbroadSeat:
    return AbroadSeat(
        row.code,
        row.course,
        row.nation,
        row.school,
        row.start_date,
        row.end_date,
        row.language,
        row.seats,
        row.level,
        row.travel_days,
    )


def seats(session: Session, mission_id: int) -> list[AbroadSeatRow]:
    query = select(AbroadSeatRow).where(AbroadSeatRow.mission_id == mission_id)
    return list(session.scalars(query.order_by(AbroadSeatRow.start_date, AbroadSeatRow.code)))


def seat(session: Session, mission_id: int, code: str) -> AbroadSeatRow | None:
    return session.scalars(
        select(AbroadSeatRow).where(
            AbroadSeatRow.mission_id == mission_id, AbroadSeatRow.code == code
        )
    ).first()


def nominations(session: Session, seat_id: int) -> list[NominationRow]:
    query = select(NominationRow).where(NominationRow.seat_id == seat_id)
    return list(session.scalars(query.order_by(NominationRow.id)))


def away(session: Session, trainee_id: int) -> list[AbroadSeat]:
    """The offers the trainee is nominated to (not withdrawn): when they are away."""
    rows = session.scalars(
        select(AbroadSeatRow)
        .join(NominationRow, NominationRow.seat_id == AbroadSeatRow.id)
        .where(NominationRow.trainee_id == trainee_id, NominationRow.standing == "nominated")
    )
    return [seat_of(r) for r in rows]


def left_on(session: Session, mission_id: int) -> dict[str, dt.date]:
    return {p.trainer: p.left_on for p in people(session, mission_id) if p.left_on is not None}


def mission_certificates(session: Session, mission_id: int) -> list[Certificate]:
    rows_ = session.scalars(select(CertificateRow).where(CertificateRow.mission_id == mission_id))
    return [certificate_of(r) for r in rows_]


def seat_starts(session: Session, mission_id: int) -> list[tuple[str, dt.date]]:
    """(course, first day) of every seat taken in a run (not waiting, not withdrawn)."""
    found = session.execute(
        select(EnrolmentRow.course, EnrolmentRow.start_date).where(
            EnrolmentRow.mission_id == mission_id, EnrolmentRow.standing == "enrolled"
        )
    )
    return [(course, start) for course, start in found]
