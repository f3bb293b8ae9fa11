"""Force-generation tables: the statement of requirements with the history of every line,
sourcing rounds, and nations' offers with the history of their states.

These rows outlive a scenario's re-import (which replaces the scenario's own tables): nations
and caveats are kept by code, and lines are never deleted, only retired, so every offer and
every event keeps what it referred to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre.storage.models import CODE, Base

RANK = 8


def _mission_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("missions.id", ondelete="CASCADE"), index=True)


class ForceLineRow(Base):
    """A requirement line as it stands now; `revision` counts its changes (for stale edits)."""

    __tablename__ = "force_lines"
    __table_args__ = (
        UniqueConstraint("mission_id", "number"),
        CheckConstraint("count > 0", name="has_posts"),
        CheckConstraint("end_date >= start_date", name="ends_after_start"),
        CheckConstraint("site IS NOT NULL OR region IS NOT NULL", name="placed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    number: Mapped[str] = mapped_column(String(CODE))
    source: Mapped[str] = mapped_column(String(20))  # scenario | plan | staff
    position: Mapped[int]
    revision: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    qualification: Mapped[str] = mapped_column(String(CODE))
    rank_low: Mapped[str] = mapped_column(String(RANK))
    rank_high: Mapped[str] = mapped_column(String(RANK))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    count: Mapped[int]
    criticality: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    site: Mapped[str | None] = mapped_column(String(CODE))
    region: Mapped[str | None] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(30))
    courses: Mapped[list[str]]
    protects: Mapped[str | None] = mapped_column(String(CODE))
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    events: Mapped[list[ForceLineEventRow]] = relationship(
        order_by="ForceLineEventRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class ForceLineEventRow(Base):
    """One change to a line: created, changed (with each field's old and new value), retired."""

    __tablename__ = "force_line_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(
        ForeignKey("force_lines.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]]


class ForceRoundRow(Base):
    __tablename__ = "force_rounds"
    __table_args__ = (UniqueConstraint("mission_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(Date)


class ForceOfferRow(Base):
    __tablename__ = "force_offers"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("count > 0", name="offers_someone"),
        CheckConstraint("end_date > start_date", name="ends_after_start"),
        CheckConstraint("tour_months > 0", name="tour"),
        CheckConstraint("(line_id IS NULL) <> (qualification IS NULL)", name="one_target"),
        CheckConstraint(
            "state IN ('offered', 'queried', 'accepted', 'declined', 'withdrawn')",
            name="known_state",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = _mission_fk()
    code: Mapped[str] = mapped_column(String(CODE))
    nation: Mapped[str] = mapped_column(String(CODE), index=True)
    line_id: Mapped[int | None] = mapped_column(ForeignKey("force_lines.id"), index=True)
    qualification: Mapped[str | None] = mapped_column(String(CODE))
    count: Mapped[int]
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    tour_months: Mapped[int]
    rank_low: Mapped[str | None] = mapped_column(String(RANK))
    rank_high: Mapped[str | None] = mapped_column(String(RANK))
    caveats: Mapped[list[str]]
    reference: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(20))  # the last event's, kept for queries
    round_id: Mapped[int | None] = mapped_column(ForeignKey("force_rounds.id"), index=True)
    line: Mapped[ForceLineRow | None] = relationship()
    round: Mapped[ForceRoundRow | None] = relationship()  # the round it was first made in
    events: Mapped[list[ForceOfferEventRow]] = relationship(
        order_by="ForceOfferEventRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class ForceOfferEventRow(Base):
    __tablename__ = "force_offer_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        ForeignKey("force_offers.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[dt.date | None] = mapped_column(Date)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("force_rounds.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    round: Mapped[ForceRoundRow | None] = relationship()
