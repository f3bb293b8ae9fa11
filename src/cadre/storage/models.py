"""The tables: one row per domain value, keyed within its mission by the value's own code.

Foreign keys and checks are the last guard behind the domain's rules: even a buggy caller cannot
store a course whose prerequisite does not exist or a class whose minimum exceeds its maximum.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so that migrations can drop and alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CODE = 64


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[Any]: JSON,
    }


def _mission_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("missions.id", ondelete="CASCADE"), index=True)


class MissionRow(Base):
    __tablename__ = "missions"
    __table_args__ = (CheckConstraint("end_date > start_date", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(CODE), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(CODE))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    time_zone: Mapped[str] = mapped_column(String(64))
    planning: Mapped[dict[str, Any]]
    fingerprint: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ContributorRow(Base):
    __tablename__ = "contributors"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    hypothetical: Mapped[bool] = mapped_column(default=False)


class SiteRow(Base):
    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(100))
    time_zone: Mapped[str] = mapped_column(String(64))
    working_week: Mapped[list[str]]
    disciplines: Mapped[list[str]] = mapped_column(server_default="[]")
    names: Mapped[dict[str, Any]] = mapped_column(server_default="{}")  # by language
    rooms: Mapped[list[RoomRow]] = relationship(
        order_by="RoomRow.id", cascade="all, delete-orphan", passive_deletes=True
    )
    holidays: Mapped[list[HolidayRow]] = relationship(
        order_by="HolidayRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class RoomRow(Base):
    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("site_id", "code"),
        CheckConstraint("capacity > 0", name="holds_someone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(CODE))
    capacity: Mapped[int]


class HolidayRow(Base):
    __tablename__ = "holidays"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)


class DisciplineRow(Base):
    __tablename__ = "disciplines"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))


class QualificationRow(Base):
    __tablename__ = "qualifications"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))
    discipline_id: Mapped[int] = mapped_column(ForeignKey("disciplines.id"), index=True)
    level: Mapped[str] = mapped_column(String(30))
    discipline: Mapped[DisciplineRow] = relationship()


class CourseRow(Base):
    __tablename__ = "courses"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("duration_days > 0", name="lasts"),
        CheckConstraint("min_class_size > 0 AND max_class_size >= min_class_size", name="class"),
        CheckConstraint("instructors_per_run > 0", name="taught"),
        CheckConstraint("pass_rate > 0 AND pass_rate <= 1", name="pass_rate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    title: Mapped[str] = mapped_column(String(200))
    discipline_id: Mapped[int] = mapped_column(ForeignKey("disciplines.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    duration_days: Mapped[int]
    min_class_size: Mapped[int]
    max_class_size: Mapped[int]
    instructors_per_run: Mapped[int]
    instructor_qualification_id: Mapped[int] = mapped_column(ForeignKey("qualifications.id"))
    pass_rate: Mapped[float] = mapped_column(Float)
    delivery_modes: Mapped[list[str]]
    language: Mapped[str] = mapped_column(String(20))
    clearance: Mapped[str] = mapped_column(String(40))
    grants_id: Mapped[int | None] = mapped_column(ForeignKey("qualifications.id"))
    names: Mapped[dict[str, Any]] = mapped_column(server_default="{}")  # by language

    discipline: Mapped[DisciplineRow] = relationship()
    instructor_qualification: Mapped[QualificationRow] = relationship(
        foreign_keys=[instructor_qualification_id]
    )
    grants: Mapped[QualificationRow | None] = relationship(foreign_keys=[grants_id])
    prerequisites: Mapped[list[PrerequisiteRow]] = relationship(
        foreign_keys="PrerequisiteRow.course_id",
        order_by="PrerequisiteRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class PrerequisiteRow(Base):
    __tablename__ = "course_prerequisites"
    __table_args__ = (CheckConstraint("course_id <> required_id", name="not_itself"),)

    course_id: Mapped[int] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    required_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True)
    position: Mapped[int]
    required: Mapped[CourseRow] = relationship(foreign_keys=[required_id])


class DemandRow(Base):
    __tablename__ = "demands"
    __table_args__ = (
        CheckConstraint(
            "trained >= 0 AND intake >= 0 AND (trained > 0) <> (intake > 0)", name="positive"
        ),
        CheckConstraint("(course_id IS NULL) <> (qualification_id IS NULL)", name="one_target"),
        CheckConstraint(
            "(quarter IS NULL OR month IS NULL)"
            " AND (quarter IS NULL OR quarter BETWEEN 1 AND 4)"
            " AND (month IS NULL OR month BETWEEN 1 AND 12)",
            name="one_period",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    organisation: Mapped[str] = mapped_column(String(200))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"))
    qualification_id: Mapped[int | None] = mapped_column(ForeignKey("qualifications.id"))
    year: Mapped[int]
    quarter: Mapped[int | None]
    month: Mapped[int | None]
    trained: Mapped[int]
    intake: Mapped[int] = mapped_column(server_default="0")
    course: Mapped[CourseRow | None] = relationship()
    qualification: Mapped[QualificationRow | None] = relationship()


class CaveatRow(Base):
    __tablename__ = "caveats"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("max_tour_months IS NULL OR max_tour_months > 0", name="tour"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    nation_id: Mapped[int] = mapped_column(ForeignKey("contributors.id"), index=True)
    allowed_sites: Mapped[list[str]]
    forbidden_sites: Mapped[list[str]]
    allowed_regions: Mapped[list[str]]
    forbidden_regions: Mapped[list[str]]
    forbidden_modes: Mapped[list[str]]
    max_tour_months: Mapped[int | None]
    restrictions: Mapped[list[Any]]
    note: Mapped[str] = mapped_column(Text, default="")
    nation: Mapped[ContributorRow] = relationship()


class PledgeRow(Base):
    __tablename__ = "pledges"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("count > 0", name="offers_someone"),
        CheckConstraint("end_date > start_date", name="ends_after_start"),
        CheckConstraint("tour_months > 0", name="tour"),
        # A qualification of the scenario, or a specialty that is none (HQ, FP, ...).
        CheckConstraint(
            "(qualification_id IS NULL) <> (specialty IS NULL)", name="qualification_or_specialty"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    nation_id: Mapped[int] = mapped_column(ForeignKey("contributors.id"), index=True)
    qualification_id: Mapped[int | None] = mapped_column(ForeignKey("qualifications.id"))
    specialty: Mapped[str | None] = mapped_column(String(CODE))
    count: Mapped[int]
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    tour_months: Mapped[int]
    nation: Mapped[ContributorRow] = relationship()
    qualification: Mapped[QualificationRow | None] = relationship()
    caveats: Mapped[list[PledgeCaveatRow]] = relationship(
        order_by="PledgeCaveatRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class PledgeCaveatRow(Base):
    __tablename__ = "pledge_caveats"

    pledge_id: Mapped[int] = mapped_column(
        ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True
    )
    caveat_id: Mapped[int] = mapped_column(ForeignKey("caveats.id"), primary_key=True)
    position: Mapped[int]
    caveat: Mapped[CaveatRow] = relationship()


class TrainerRow(Base):
    __tablename__ = "trainers"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("in_theatre_to >= in_theatre_from", name="window"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))
    nation_id: Mapped[int] = mapped_column(ForeignKey("contributors.id"), index=True)
    in_theatre_from: Mapped[dt.date] = mapped_column(Date)
    in_theatre_to: Mapped[dt.date] = mapped_column(Date)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id"))
    names: Mapped[dict[str, Any]] = mapped_column(server_default="{}")  # by language
    nation: Mapped[ContributorRow] = relationship()
    pledge: Mapped[PledgeRow | None] = relationship()
    qualifications: Mapped[list[TrainerQualificationRow]] = relationship(
        order_by="TrainerQualificationRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class TrainerQualificationRow(Base):
    __tablename__ = "trainer_qualifications"

    trainer_id: Mapped[int] = mapped_column(
        ForeignKey("trainers.id", ondelete="CASCADE"), primary_key=True
    )
    qualification_id: Mapped[int] = mapped_column(ForeignKey("qualifications.id"), primary_key=True)
    position: Mapped[int]
    qualification: Mapped[QualificationRow] = relationship()


class CohortRow(Base):
    __tablename__ = "cohorts"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("size > 0", name="has_members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    unit: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    name_arabic: Mapped[str] = mapped_column(String(200))
    name_latin: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(400), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    site: Mapped[SiteRow | None] = relationship()


class PlanVersionRow(Base):
    """A computed plan, kept with the exact scenario it came from so any figure can be traced."""

    __tablename__ = "plan_versions"
    __table_args__ = (
        UniqueConstraint("mission_id", "kind", "number"),
        # The last guard of the lifecycle: one adopted plan per mission and kind.
        Index(
            "ix_plan_versions_one_adopted",
            "mission_id",
            "kind",
            unique=True,
            sqlite_where=text("state = 'adopted'"),
            postgresql_where=text("state = 'adopted'"),
        ),
        CheckConstraint(
            "state IN ('draft', 'adopted', 'superseded', 'failed')", name="known_state"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    parameters: Mapped[dict[str, Any]]
    scenario_fingerprint: Mapped[str] = mapped_column(String(64))
    scenario_snapshot: Mapped[dict[str, Any]]
    summary: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    # The lifecycle (domain/lifecycle.py): draft, adopted, superseded or failed; when and by
    # whom it was last adopted, and the reason given when adopting it took force.
    state: Mapped[str] = mapped_column(String(12), default="draft", server_default="draft")
    adopted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    adopted_by: Mapped[str | None] = mapped_column(String(200))
    forced_reason: Mapped[str | None] = mapped_column(Text)
