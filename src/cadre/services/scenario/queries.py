"""What every view of a mission starts from: its heading and the names of the records the
principal may see (to show a name beside a code). Everything goes through the principal's scope,
so no view can show more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, reach
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.scope import Scope, read
from cadre.services.unit_of_work import UnitOfWork

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


def mission_context(uow: UnitOfWork, principal: Principal, mission: str) -> MissionContext:
    """The heading and names; NotFound when the mission is not released to the principal."""
    found: MissionContext = read(
        uow, principal, mission, lambda scope: MissionContext(heading(scope), names(scope))
    )
    return found
