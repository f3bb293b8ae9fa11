"""Plan versions: each computed plan kept with the scenario it came from, numbered per kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre.domain.errors import NotFound
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
    )
    session.add(row)
    session.flush()
    return row


def plan_version(
    session: Session, mission_code: str | None, kind: str, number: int | None = None
) -> PlanVersionRow:
    """Version `number` of a mission's plans of `kind`; without a number, the latest."""
    mission = find_mission(session, mission_code)
    query = select(PlanVersionRow).where(
        PlanVersionRow.mission_id == mission.id, PlanVersionRow.kind == kind
    )
    if number is not None:
        query = query.where(PlanVersionRow.number == number)
    row = session.scalars(query.order_by(PlanVersionRow.number.desc())).first()
    if row is None:
        which = f"version {number}" if number is not None else "no version yet"
        raise NotFound(
            f"{kind} plan of {mission.code}: {which}",
            code="plan.not_found" if number is not None else "plan.none",
            kind=kind,
            mission=mission.code,
            number=number,
        )
    return row


def plan_versions(session: Session, mission_code: str | None, kind: str) -> list[PlanVersionRow]:
    mission = find_mission(session, mission_code)
    query = select(PlanVersionRow).where(
        PlanVersionRow.mission_id == mission.id, PlanVersionRow.kind == kind
    )
    return list(session.scalars(query.order_by(PlanVersionRow.number)))
