"""What every mission page of the web app starts from: the mission's heading, the names of the
records the principal may see (to show a name beside a code), and the capacity plan versions
released to it. Everything goes through the principal's scope, so a page cannot show more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from cadre.access.policy import Principal, Verb, reach
from cadre.domain.capacity.plan import CapacityPlan
from cadre.interchange.capacity_json import plan_from_json
from cadre.interchange.record_kinds import KINDS
from cadre.services import plan_versions
from cadre.services.mission_view import Scope, read
from cadre.storage.mission_scope import PlanHeader

NAMED = {
    "disciplines": "name",
    "sites": "name",
    "qualifications": "name",
    "courses": "title",
    "contributors": "name",
}


@dataclass(frozen=True)
class MissionHeading:
    code: str
    name: str
    host: str
    start: dt.date
    end: dt.date
    time_zone: str


@dataclass(frozen=True)
class Names:
    """Names of the records the principal sees, by kind and code; a code it may not see is
    shown as the bare code."""

    by_kind: dict[str, dict[str, str]]

    def of(self, kind: str, code: str | None) -> str:
        if code is None:
            return ""
        return self.by_kind.get(kind, {}).get(code, code)


@dataclass(frozen=True)
class MissionContext:
    heading: MissionHeading
    names: Names


def heading(scope: Scope) -> MissionHeading:
    m = scope.data.scenario.mission
    return MissionHeading(m.code, m.name, m.host, m.start, m.end, m.time_zone)


def names(scope: Scope) -> Names:
    found: dict[str, dict[str, str]] = {}
    for kind_name, field in NAMED.items():
        if reach(scope.principal.roles, Verb.READ, kind_name) is None:
            continue
        kind = KINDS[kind_name]
        found[kind_name] = {kind.key_of(d): str(d.get(field) or "") for d in scope.records(kind)}
    return Names(found)


def mission_context(engine: Engine, principal: Principal, mission: str) -> MissionContext:
    """The heading and names; NotFound when the mission is not released to the principal."""
    found: MissionContext = read(
        engine, principal, mission, lambda scope: MissionContext(heading(scope), names(scope))
    )
    return found


@dataclass(frozen=True)
class VisiblePlan:
    header: PlanHeader
    plan: CapacityPlan


def capacity_headers(engine: Engine, principal: Principal, mission: str) -> list[PlanHeader]:
    """The capacity plan versions released to the principal, newest first."""
    _, views = plan_versions.list_plans(engine, principal, mission, "capacity", limit=500)
    return [v.header for v in views]


def capacity_plan(engine: Engine, principal: Principal, mission: str, number: int) -> VisiblePlan:
    """One capacity plan version with its result; NotFound when not released to the principal."""
    view = plan_versions.get_plan(engine, principal, mission, "capacity", number)
    result = (view.result or {}).get("result") or {}
    return VisiblePlan(view.header, plan_from_json(result))


def month_index(plan: CapacityPlan, today: dt.date) -> tuple[int, bool]:
    """The plan's month holding `today`, or the nearest end of the horizon (and True then)."""
    first = today.replace(day=1)
    months = list(plan.months)
    if not months:
        return 0, True
    if first < months[0]:
        return 0, True
    if first > months[-1]:
        return len(months) - 1, True
    return months.index(first), False
