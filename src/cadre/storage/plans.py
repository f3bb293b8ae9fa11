"""Plan versions: each computed plan kept with the scenario it came from, numbered per kind,
with its place in the lifecycle (draft, adopted, superseded, failed; `domain/lifecycle.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre.domain.errors import NotFound
from cadre.domain.lifecycle import PlanState, state_when_kept
from cadre.storage.models import PlanVersionRow
from cadre.storage.scenarios import find_mission


def save_plan_version(
    session: Session,
    mission_code: str,
    kind: str,
    *,
    status: str,
    parameters: dict[str, Any],
    scenario_fingerprint: str,
    scenario_snapshot: dict[str, Any],
    summary: dict[str, Any],
    result: dict[str, Any],
    label: str = "",
) -> PlanVersionRow:
    """A new version: a draft, or failed when it can never be adopted."""
    mission = find_mission(session, mission_code)
    last = session.scalar(
        select(func.max(PlanVersionRow.number)).where(
            PlanVersionRow.mission_id == mission.id, PlanVersionRow.kind == kind
        )
    )
    row = PlanVersionRow(
        mission_id=mission.id,
        kind=kind,
        number=(last or 0) + 1,
        label=label,
        created_at=dt.datetime.now(dt.UTC),
        status=status,
        parameters=parameters,
        scenario_fingerprint=scenario_fingerprint,
        scenario_snapshot=scenario_snapshot,
        summary=summary,
        result=result,
        state=state_when_kept(kind, status, summary).value,
    )
    session.add(row)
    session.flush()
    return row


def plan_version(
    session: Session, mission_code: str | None, kind: str, number: int | None = None
) -> PlanVersionRow:
    """Version `number` of a mission's plans of `kind`; without a number, the adopted one
    (never merely the newest: a draft changes nothing until it is adopted)."""
    mission = find_mission(session, mission_code)
    if number is None:
        return adopted_or_fail(session, mission.id, mission.code, kind)
    row = session.scalars(
        select(PlanVersionRow).where(
            PlanVersionRow.mission_id == mission.id,
            PlanVersionRow.kind == kind,
            PlanVersionRow.number == number,
        )
    ).first()
    if row is None:
        raise NotFound(
            f"{kind} plan of {mission.code}: version {number}",
            code="plan.not_found",
            kind=kind,
            mission=mission.code,
            number=number,
        )
    return row


def adopted_version(session: Session, mission_id: int, kind: str) -> PlanVersionRow | None:
    return session.scalars(
        select(PlanVersionRow).where(
            PlanVersionRow.mission_id == mission_id,
            PlanVersionRow.kind == kind,
            PlanVersionRow.state == PlanState.ADOPTED.value,
        )
    ).first()


def adopted_or_fail(
    session: Session, mission_id: int, mission_code: str, kind: str
) -> PlanVersionRow:
    """The adopted plan of `kind`; NotFound `plan.none` before any plan of the kind exists,
    `plan.none_adopted` when there are plans but none is adopted."""
    row = adopted_version(session, mission_id, kind)
    if row is not None:
        return row
    count = session.scalar(
        select(func.count(PlanVersionRow.id)).where(
            PlanVersionRow.mission_id == mission_id, PlanVersionRow.kind == kind
        )
    )
    if not count:
        raise NotFound(
            f"{kind} plan of {mission_code}: no version yet",
            code="plan.none",
            kind=kind,
            mission=mission_code,
        )
    raise NotFound(
        f"no {kind} plan of {mission_code} is adopted yet ({count} kept as drafts or failed); "
        "a planner adopts one first",
        code="plan.none_adopted",
        kind=kind,
        mission=mission_code,
        versions=count,
    )


def adopt(
    session: Session, row: PlanVersionRow, *, by: str, at: dt.datetime, reason: str | None
) -> PlanVersionRow | None:
    """Make `row` the adopted plan of its kind and the one adopted before it superseded, in the
    caller's transaction; the plan it replaces, if any."""
    before = adopted_version(session, row.mission_id, row.kind)
    if before is not None and before.id != row.id:
        before.state = PlanState.SUPERSEDED.value
        session.flush()  # the one-adopted index holds at every statement, not only at commit
    row.state = PlanState.ADOPTED.value
    row.adopted_at, row.adopted_by, row.forced_reason = at, by, reason
    session.flush()
    return before if before is not None and before.id != row.id else None


def plan_versions(session: Session, mission_code: str | None, kind: str) -> list[PlanVersionRow]:
    mission = find_mission(session, mission_code)
    query = select(PlanVersionRow).where(
        PlanVersionRow.mission_id == mission.id, PlanVersionRow.kind == kind
    )
    return list(session.scalars(query.order_by(PlanVersionRow.number)))
