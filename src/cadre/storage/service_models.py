"""Tables of the shared service: users and their tokens, login attempts, releasability labels,
the audit trail with its head, and planning jobs.

Labels are keyed by a record's natural key (mission, kind, code), not by its row: a scenario's
re-import replaces its rows, and a label must outlive that. The audit trail is append-only:
triggers refuse updates and deletes, and the hash chain shows what gets past them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cadre.storage.models import CODE, Base

KIND = 32
HASH = 64
JOB_STATES = ("queued", "running", "succeeded", "failed", "cancelled")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(CODE), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    affiliation: Mapped[str] = mapped_column(String(CODE))  # nation or organisation code
    roles: Mapped[list[str]]
    clearance: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # None: OIDC login only
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class TokenRow(Base):
    """A bearer token or a web session, stored as the SHA-256 of its secret."""

    __tablename__ = "tokens"
    __table_args__ = (CheckConstraint("kind IN ('api', 'session')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(HASH), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginAttemptRow(Base):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(CODE), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    succeeded: Mapped[bool]


class RecordLabelRow(Base):
    __tablename__ = "record_labels"
    __table_args__ = (UniqueConstraint("mission_id", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(KIND))
    key: Mapped[str] = mapped_column(String(CODE))
    classification: Mapped[str] = mapped_column(String(40))
    owner: Mapped[str] = mapped_column(String(CODE))
    releasable_to: Mapped[list[str]]
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditEntryRow(Base):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    mission: Mapped[str | None] = mapped_column(String(CODE))
    kind: Mapped[str | None] = mapped_column(String(KIND))
    key: Mapped[str | None] = mapped_column(String(CODE))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(HASH))
    hash: Mapped[str] = mapped_column(String(HASH))


class AuditHeadRow(Base):
    """The one row naming the last entry of the trail; appending locks it, so entries are
    written one after another even from many processes."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(HASH))
    # HMAC of (seq, hash) under a key kept outside the database (docs/audit-and-hardening.md)
    signature: Mapped[str | None] = mapped_column(String(HASH), nullable=True)


class JobRow(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="status"
        ),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission: Mapped[str] = mapped_column(String(CODE), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    parameters: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(12), index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(String(200), default="")
    # The message and the error as a code and its values, for an edge to say them in its
    # reader's language; None where only the English sentence is known.
    message_code: Mapped[str | None] = mapped_column(String(60))
    message_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    plan_number: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(CODE))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Unused since the queue beats its own heartbeat (Procrastinate's workers table).
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    runner: Mapped[str | None] = mapped_column(String(64))
    # What a job reports beyond a plan version: an import's validation report.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class JobPartRow(Base):
    """One task of a job that fans out: its item and, once some worker ran it, its outcome
    (both pickled). Keyed by the job and the item's place, so a part run twice keeps one
    outcome."""

    __tablename__ = "job_parts"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[bytes] = mapped_column(LargeBinary)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str | None] = mapped_column(Text)


class JobUploadRow(Base):
    """The file a job imports, kept in the database so a worker on any machine reads it;
    deleted with the job's end (every move to a final state removes it)."""

    __tablename__ = "job_uploads"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # Who asked, so the worker writes with their sight, not the operator's.
    principal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
