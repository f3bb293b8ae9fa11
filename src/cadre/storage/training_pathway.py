"""The pathway's, the seats abroad' and the xAPI outbox's tables: which trainee teaches as
which of the scenario's host instructors (and when they left), the supervisors' ratings of
co-taught runs, the rung assessments, who actually led each run held, the seats nations offer
at their schools and the trainees nominated to them, and the statements waiting for the LRS.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cadre.storage.models import CODE, Base
from cadre.storage.training import _trainee


def _mission() -> Mapped[int]:
    return mapped_column(ForeignKey("missions.id", ondelete="CASCADE"), index=True)


class PathwayPersonRow(Base):
    """A trainee who teaches as one of the scenario's host instructors."""

    __tablename__ = "training_pathway_people"
    __table_args__ = (UniqueConstraint("mission_id", "trainer", name="uq_training_pathway_people"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    trainee_id: Mapped[int] = _trainee()
    trainer: Mapped[str] = mapped_column(String(CODE))
    left_on: Mapped[dt.date | None] = mapped_column(Date)  # left the cadre: a loss


class RunRatingRow(Base):
    """A supervisor's rating of a host instructor's co-taught run."""

    __tablename__ = "training_run_ratings"
    __table_args__ = (UniqueConstraint("mission_id", "run", "trainer", name="uq_training_ratings"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    run: Mapped[str] = mapped_column(String(CODE))
    trainer: Mapped[str] = mapped_column(String(CODE))
    rating: Mapped[int] = mapped_column(Integer)
    supervisor: Mapped[str] = mapped_column(String(CODE))


class RungAssessmentRow(Base):
    __tablename__ = "training_rung_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    trainee_id: Mapped[int] = _trainee()
    discipline: Mapped[str] = mapped_column(String(CODE))
    level: Mapped[str] = mapped_column(String(24))
    passed: Mapped[bool] = mapped_column(Boolean)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(CODE))


class RunLedRow(Base):
    """Who actually led a run, recorded once it was held."""

    __tablename__ = "training_runs_led"
    __table_args__ = (UniqueConstraint("mission_id", "run", name="uq_training_runs_led"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    run: Mapped[str] = mapped_column(String(CODE))
    site: Mapped[str] = mapped_column(String(CODE))
    discipline: Mapped[str] = mapped_column(String(CODE))
    start_date: Mapped[dt.date] = mapped_column(Date)
    lead: Mapped[str] = mapped_column(String(CODE))
    lead_nation: Mapped[str] = mapped_column(String(CODE))


class AbroadSeatRow(Base):
    __tablename__ = "training_abroad_seats"
    __table_args__ = (UniqueConstraint("mission_id", "code", name="uq_training_abroad_seats"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    code: Mapped[str] = mapped_column(String(CODE))
    course: Mapped[str] = mapped_column(String(CODE))
    nation: Mapped[str] = mapped_column(String(CODE))
    school: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2))
    seats: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    travel_days: Mapped[int] = mapped_column(Integer)


class NominationRow(Base):
    __tablename__ = "training_abroad_nominations"
    __table_args__ = (UniqueConstraint("seat_id", "trainee_id", name="uq_training_nominations"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(
        ForeignKey("training_abroad_seats.id", ondelete="CASCADE"), index=True
    )
    trainee_id: Mapped[int] = _trainee()
    standing: Mapped[str] = mapped_column(String(12))  # nominated or withdrawn
    score: Mapped[float | None] = mapped_column(Float)
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)


class OutboxRow(Base):
    """An xAPI statement waiting for the LRS, or sent (kept, so it is never sent twice)."""

    __tablename__ = "training_xapi_outbox"
    __table_args__ = (UniqueConstraint("statement_id", name="uq_training_xapi_outbox"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    statement_id: Mapped[str] = mapped_column(String(36))
    verb: Mapped[str] = mapped_column(String(16))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
