"""Plan versions as force generation reads them: the latest force plan (to reuse it for the
same inputs), and the adopted capacity plan's foreign instructor requirement, read back for the
statement of requirements (never a draft's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.domain.errors import NotFound
from cadre.storage.models import PlanVersionRow
from cadre.storage.plans import adopted_or_fail, adopted_version

FORCE, CAPACITY = "force", "capacity"


def latest_version(session: Session, mission_id: int, kind: str) -> PlanVersionRow | None:
    return session.scalars(
        select(PlanVersionRow)
        .where(PlanVersionRow.mission_id == mission_id, PlanVersionRow.kind == kind)
        .order_by(PlanVersionRow.number.desc())
    ).first()


@dataclass(frozen=True)
class CapacityNeed:
    """The adopted capacity plan's foreign instructors by (qualification, month), with its
    version number and its runs (course, month index, mode, site, runs), as stored."""

    number: int
    need: dict[tuple[str, dt.date], float]
    runs: list[dict[str, Any]]
    months: tuple[dt.date, ...] = ()  # the plan's horizon, month by month


def capacity_requirement(session: Session, mission_id: int) -> CapacityNeed | None:
    """Read from the stored plan as the capacity planner writes it: `months` (ISO dates),
    `foreign_requirement` (qualification → one figure per month) and `runs`; None without an
    adopted capacity plan that states them."""
    row = adopted_version(session, mission_id, CAPACITY)
    if row is None:
        return None
    months = row.result.get("months")
    foreign = row.result.get("foreign_requirement")
    runs = row.result.get("runs", [])
    if not isinstance(months, list) or not isinstance(foreign, dict):
        return None
    firsts = [dt.date.fromisoformat(m) for m in months]
    need = {
        (qualification, month): float(value)
        for qualification, series in foreign.items()
        for month, value in zip(firsts, series, strict=False)
        if value
    }
    return CapacityNeed(row.number, need, runs if isinstance(runs, list) else [], tuple(firsts))


def require_adopted_capacity(session: Session, mission_id: int, mission_code: str) -> None:
    """Nothing when no capacity plan exists or one is adopted; NotFound `plan.none_adopted`
    when plans exist and none is adopted (the requirement waits for one)."""
    if adopted_version(session, mission_id, CAPACITY) is not None:
        return
    try:
        adopted_or_fail(session, mission_id, mission_code, CAPACITY)
    except NotFound as missing:
        if missing.code == "plan.none_adopted":
            raise
