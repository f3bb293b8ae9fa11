"""What every view of a mission starts from: its heading and the names of the records the
principal may see (to show a name beside a code). Everything goes through the principal's scope,
so no view can show more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cadre.access.policy import Principal, Verb, reach
from cadre.domain import record_names
from cadre.domain.record_names import Named
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.scope import Scope, read
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import adopted_header

NAMED = {
    "disciplines": "name",
    "sites": "name",
    "qualifications": "name",
    "courses": "title",
    "contributors": "name",
}


@dataclass(frozen=True)
class AdoptedLine:
    """One kind's piece of every page's status line: its adopted plan and since when; None
    when no plan of the kind is adopted (or the adopted one is not released to the reader)."""

    kind: str
    number: int | None
    adopted_at: dt.datetime | None


@dataclass(frozen=True)
class MissionHeading:
    code: str
    name: str
    host: str
    start: dt.date
    end: dt.date
    time_zone: str
    adopted: tuple[AdoptedLine, ...] = ()  # the kinds of plan the reader reads


@dataclass(frozen=True)
class Names:
    """Names of the records the principal sees, by kind and code; a code it may not see is
    shown as the bare code."""

    by_kind: dict[str, dict[str, str]]
    # kind -> code -> language -> name, for the records named in other languages too
    other: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def of(self, kind: str, code: str | None) -> str:
        if code is None:
            return ""
        return self.by_kind.get(kind, {}).get(code, code)

    def named(self, kind: str, code: str | None) -> Named:
        """The name in every language it has, for a page to pick the reader's."""
        other = self.other.get(kind, {}).get(code or "")
        return Named(self.of(kind, code), record_names.Names.of(other))


@dataclass(frozen=True)
class MissionContext:
    heading: MissionHeading
    names: Names


def heading(scope: Scope) -> MissionHeading:
    m = scope.data.scenario.mission
    return MissionHeading(m.code, m.name, m.host, m.start, m.end, m.time_zone, adopted(scope))


# The plans a status line names, by the kind their versions are labelled as.
STATUS_KINDS = {"capacity": "capacity-plans", "timetable": "timetable-plans"}


def adopted(scope: Scope) -> tuple[AdoptedLine, ...]:
    found = []
    for kind, label_kind in STATUS_KINDS.items():
        if reach(scope.principal.roles, Verb.READ, label_kind) is None:
            continue
        header = adopted_header(scope.session, scope.mission_id, kind)
        if header is None or not scope.sees(label_kind, str(header.number)):
            found.append(AdoptedLine(kind, None, None))
        else:
            found.append(AdoptedLine(kind, header.number, header.adopted_at or header.created_at))
    return tuple(found)


def names(scope: Scope) -> Names:
    found: dict[str, dict[str, str]] = {}
    other: dict[str, dict[str, dict[str, str]]] = {}
    for kind_name, name_field in NAMED.items():
        if reach(scope.principal.roles, Verb.READ, kind_name) is None:
            continue
        kind = KINDS[kind_name]
        documents = scope.records(kind)
        found[kind_name] = {kind.key_of(d): str(d.get(name_field) or "") for d in documents}
        other[kind_name] = {kind.key_of(d): d["names"] for d in documents if d.get("names")}
    return Names(found, other)


def mission_context(uow: UnitOfWork, principal: Principal, mission: str) -> MissionContext:
    """The heading and names; NotFound when the mission is not released to the principal."""
    found: MissionContext = read(
        uow, principal, mission, lambda scope: MissionContext(heading(scope), names(scope))
    )
    return found
