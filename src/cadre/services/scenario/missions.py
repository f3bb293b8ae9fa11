"""Missions as the API lists them: only those the principal may see, with counts of only the
records it may see (a count is a read too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.labels import MISSION_KIND, Label
from cadre.access.policy import Principal, Verb, reach
from cadre.domain.errors import NotFound
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.scope import Scope, open_scope, read
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import mission_codes


@dataclass(frozen=True)
class MissionSummary:
    code: str
    name: str
    host: str
    start: dt.date
    end: dt.date
    label: Label
    counts: dict[str, int]


def _summary(scope: Scope) -> MissionSummary:
    m = scope.data.scenario.mission
    counts = {
        kind.name: len(scope.records(kind))
        for kind in KINDS.values()
        if reach(scope.principal.roles, Verb.READ, kind.name) is not None
    }
    return MissionSummary(
        m.code, m.name, m.host, m.start, m.end, scope.label(MISSION_KIND, m.code), counts
    )


def mission(uow: UnitOfWork, principal: Principal, code: str) -> MissionSummary:
    summary: MissionSummary = read(uow, principal, code, _summary)
    return summary


def missions(
    uow: UnitOfWork, principal: Principal, limit: int = 50, offset: int = 0
) -> tuple[int, list[MissionSummary]]:
    found = []
    with uow.transaction() as session:
        for code, _name, _host in mission_codes(session):
            try:
                found.append(_summary(open_scope(session, principal, code)))
            except NotFound:
                continue  # hidden from this principal: not there at all
    offset, limit = max(0, offset), max(1, min(limit, 500))
    return len(found), found[offset : offset + limit]
