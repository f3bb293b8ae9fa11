"""What the service reads and locks about a mission as a whole: a cheap stamp that changes
whenever its scenario does (to know a cached copy is current), a write lock, and listings of
plan versions without their (large) results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cadre.domain.errors import NotFound
from cadre.storage.force_models import ForceLineRow
from cadre.storage.models import MissionRow, PlanVersionRow


@dataclass(frozen=True)
class MissionStamp:
    mission_id: int
    code: str
    host: str
    fingerprint: str
    lines: tuple[int, int]  # requirement lines and the sum of their revisions


def stamp(session: Session, code: str) -> MissionStamp:
    """Changes with every import, every scenario write and every edit of a requirement line
    (those change lines without touching the mission's fingerprint)."""
    mine = ForceLineRow.mission_id == MissionRow.id
    row = session.execute(
        select(
            MissionRow.id,
            MissionRow.host,
            MissionRow.fingerprint,
            select(func.count(ForceLineRow.id)).where(mine).scalar_subquery(),
            select(func.coalesce(func.sum(ForceLineRow.revision), 0)).where(mine).scalar_subquery(),
        ).where(MissionRow.code == code)
    ).first()
    if row is None:
        raise NotFound.mission(code)
    return MissionStamp(row[0], code, row[1], row[2], (int(row[3]), int(row[4])))


def lock_mission(session: Session, code: str) -> None:
    """Hold the mission against other writers until the transaction ends.

    A write is the first statement, so it takes the lock before anything is read: PostgreSQL
    locks the row and later reads see what others committed before; SQLite takes the
    database's write lock. Two edits of one mission then run one after the other, and the
    second reads the first one's result instead of overwriting it.
    """
    done = session.execute(
        update(MissionRow).where(MissionRow.code == code).values(fingerprint=MissionRow.fingerprint)
    )
    if getattr(done, "rowcount", 0) == 0:
        raise NotFound.mission(code)


def mission_codes(session: Session) -> list[tuple[str, str, str]]:
    """(code, name, host) of every mission, by code."""
    rows = session.execute(
        select(MissionRow.code, MissionRow.name, MissionRow.host).order_by(MissionRow.code)
    )
    return [(r.code, r.name, r.host) for r in rows]


@dataclass(frozen=True)
class PlanHeader:
    number: int
    kind: str
    label: str
    created_at: dt.datetime
    status: str
    parameters: dict[str, Any]
    summary: dict[str, Any]
    scenario_fingerprint: str
    state: str = "draft"  # draft, adopted, superseded or failed (domain/lifecycle.py)
    adopted_at: dt.datetime | None = None  # when it was (last) adopted
    adopted_by: str | None = None
    forced_reason: str | None = None

    @property
    def adopted(self) -> bool:
        return self.state == "adopted"


def plan_headers(
    session: Session, mission_id: int, kind: str, state: str | None = None
) -> list[PlanHeader]:
    query = (
        select(
            PlanVersionRow.number,
            PlanVersionRow.kind,
            PlanVersionRow.label,
            PlanVersionRow.created_at,
            PlanVersionRow.status,
            PlanVersionRow.parameters,
            PlanVersionRow.summary,
            PlanVersionRow.scenario_fingerprint,
            PlanVersionRow.state,
            PlanVersionRow.adopted_at,
            PlanVersionRow.adopted_by,
            PlanVersionRow.forced_reason,
        )
        .where(PlanVersionRow.mission_id == mission_id, PlanVersionRow.kind == kind)
        .order_by(PlanVersionRow.number)
    )
    if state is not None:
        query = query.where(PlanVersionRow.state == state)
    return [PlanHeader(*r) for r in session.execute(query)]


def adopted_header(session: Session, mission_id: int, kind: str) -> PlanHeader | None:
    """The adopted plan of `kind`, without its result; None when none is adopted."""
    return next(iter(plan_headers(session, mission_id, kind, "adopted")), None)


def plan_result(session: Session, mission_id: int, kind: str, number: int) -> dict[str, Any]:
    row = session.scalars(
        select(PlanVersionRow).where(
            PlanVersionRow.mission_id == mission_id,
            PlanVersionRow.kind == kind,
            PlanVersionRow.number == number,
        )
    ).first()
    if row is None:
        raise NotFound(f"{kind} plan version {number} is not in the mission")
    return {"result": row.result, "scenario": row.scenario_snapshot}
