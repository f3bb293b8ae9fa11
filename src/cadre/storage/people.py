"""People's own views: the private calendar subscriptions of the accounts that teach as one of
a mission's trainers (kept as the SHA-256 of the token, like sessions: the address is shown
once, and a stolen database holds nothing that opens a calendar), and which account is which
trainee. Which account teaches as which trainer is kept with the training records
(`TeacherRow`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from cadre.storage.models import CODE, Base
from cadre.storage.service_models import HASH
from cadre.storage.upsert import upsert


class CalendarFeedRow(Base):
    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(String(CODE), index=True)
    digest: Mapped[str] = mapped_column(String(HASH), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class TraineeAccountRow(Base):
    """A user account that is one of the mission's trainees."""

    __tablename__ = "trainee_accounts"
    __table_args__ = (UniqueConstraint("mission_id", "username", name="uq_trainee_accounts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(CODE))
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("training_trainees.id", ondelete="CASCADE"), index=True
    )


def live_feed(session: Session, mission_id: int, username: str) -> CalendarFeedRow | None:
    return session.scalars(
        select(CalendarFeedRow).where(
            CalendarFeedRow.mission_id == mission_id,
            CalendarFeedRow.username == username,
            CalendarFeedRow.revoked_at.is_(None),
        )
    ).first()


def revoke_feeds(session: Session, mission_id: int, username: str, at: dt.datetime) -> int:
    rows = session.scalars(
        select(CalendarFeedRow).where(
            CalendarFeedRow.mission_id == mission_id,
            CalendarFeedRow.username == username,
            CalendarFeedRow.revoked_at.is_(None),
        )
    ).all()
    for row in rows:
        row.revoked_at = at
    session.flush()
    return len(rows)


def add_feed(
    session: Session, mission_id: int, username: str, digest: str, at: dt.datetime
) -> None:
    session.add(
        CalendarFeedRow(mission_id=mission_id, username=username, digest=digest, created_at=at)
    )
    session.flush()


def feed_by_digest(session: Session, digest: str) -> CalendarFeedRow | None:
    """The live subscription with `digest`; None when unknown or revoked."""
    return session.scalars(
        select(CalendarFeedRow).where(
            CalendarFeedRow.digest == digest, CalendarFeedRow.revoked_at.is_(None)
        )
    ).first()


def trainee_of_user(session: Session, mission_id: int, username: str) -> int | None:
    return session.scalar(
        select(TraineeAccountRow.trainee_id).where(
            TraineeAccountRow.mission_id == mission_id, TraineeAccountRow.username == username
        )
    )


def put_trainee(session: Session, mission_id: int, username: str, trainee_id: int) -> None:
    key = {"mission_id": mission_id, "username": username}
    upsert(session, TraineeAccountRow, key, trainee_id=trainee_id)
