"""The training records' tables: trainees (host personnel), the likely duplicates flagged
among them, each course's rules, enrolments in the timetable's runs with their results,
attendance per teaching day, certificates, and which user account teaches as which trainer.

A run is named by its code in the timetable (stable across re-plans), not by a foreign key:
the timetable is a stored plan version, not a table of runs.
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
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cadre.storage.models import CODE, Base


def _mission() -> Mapped[int]:
    return mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))


def _trainee() -> Mapped[int]:
    return mapped_column(ForeignKey("training_trainees.id", ondelete="CASCADE"), index=True)


class TraineeRow(Base):
    __tablename__ = "training_trainees"
    __table_args__ = (
        UniqueConstraint("mission_id", "service", "number", name="uq_training_trainees_number"),
        Index("ix_training_trainees_sound", "mission_id", "sound"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    service: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(32))
    arabic: Mapped[str] = mapped_column(String(200))
    latin: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(Text)
    sound: Mapped[str] = mapped_column(String(200))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[str] = mapped_column(String(8))
    unit: Mapped[str] = mapped_column(String(200))
    governorate: Mapped[str] = mapped_column(String(8))
    vetting_status: Mapped[str] = mapped_column(String(12))
    vetting_decided: Mapped[dt.date | None] = mapped_column(Date)
    vetting_authority: Mapped[str] = mapped_column(String(200))
    vetting_until: Mapped[dt.date | None] = mapped_column(Date)
    languages: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DuplicateRow(Base):
    """A pair of trainees the rule finds likely the same person, until a person merges them
    or says they are two people (dismissed)."""

    __tablename__ = "training_duplicates"
    __table_args__ = (UniqueConstraint("first_id", "second_id", name="uq_training_duplicates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    first_id: Mapped[int] = _trainee()
    second_id: Mapped[int] = _trainee()
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class CourseRuleRow(Base):
    __tablename__ = "training_course_rules"
    __table_args__ = (UniqueConstraint("mission_id", "course", name="uq_training_course_rules"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    course: Mapped[str] = mapped_column(String(CODE))
    pass_mark: Mapped[float] = mapped_column(Float)
    attendance: Mapped[float] = mapped_column(Float)
    language_level: Mapped[int] = mapped_column(Integer)
    validity_months: Mapped[int | None] = mapped_column(Integer)


class EnrolmentRow(Base):
    __tablename__ = "training_enrolments"
    __table_args__ = (
        UniqueConstraint("trainee_id", "run", name="uq_training_enrolments_seat"),
        Index("ix_training_enrolments_run", "mission_id", "run"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    trainee_id: Mapped[int] = _trainee()
    run: Mapped[str] = mapped_column(String(CODE))
    course: Mapped[str] = mapped_column(String(CODE))
    site: Mapped[str] = mapped_column(String(CODE))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    standing: Mapped[str] = mapped_column(String(12))
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    score: Mapped[float | None] = mapped_column(Float)
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    # Why the trainee left the run, as the course director said it; None while on it.
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)


class AttendanceRow(Base):
    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("enrolment_id", "day", name="uq_training_attendance_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("training_enrolments.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date] = mapped_column(Date)
    mark: Mapped[str] = mapped_column(String(8))


class CertificateRow(Base):
    __tablename__ = "training_certificates"
    __table_args__ = (
        UniqueConstraint("mission_id", "number", name="uq_training_certificates_number"),
        Index("ix_training_certificates_expiry", "mission_id", "expires"),
        Index("ix_training_certificates_run", "mission_id", "run"),  # a run's roster
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    number: Mapped[str] = mapped_column(String(CODE))
    trainee_id: Mapped[int] = _trainee()
    course: Mapped[str] = mapped_column(String(CODE))
    run: Mapped[str] = mapped_column(String(CODE))
    # Where and in what it was earned, as the timetable said then: a later re-plan does
    # not move a certificate to another school.
    site: Mapped[str] = mapped_column(String(CODE))
    discipline: Mapped[str] = mapped_column(String(CODE))
    issued: Mapped[dt.date] = mapped_column(Date)
    expires: Mapped[dt.date | None] = mapped_column(Date)
    revoked_on: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class TeacherRow(Base):
    """A user account that teaches as one of the scenario's trainers: what lets an
    instructor see the trainees of the runs they teach and no others."""

    __tablename__ = "training_teachers"
    __table_args__ = (UniqueConstraint("mission_id", "username", name="uq_training_teachers"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission()
    username: Mapped[str] = mapped_column(String(CODE))
    trainer: Mapped[str] = mapped_column(String(CODE))
