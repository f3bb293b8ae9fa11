"""What a reader may see of the register: a line is shown to the actors its organisation
shares it with (its releasable-to list, communities resolved for the mission, within the
reader's clearance), through the same gate as every other record.

Everything derived from the register (exports, overlaps, gaps, the map's totals) is computed
from the lines the reader sees and nothing else, so no total counts a line it may not see.
The operator at the terminal, who holds the database itself, sees every line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from cadre.access.labels import ACTIVITIES, Classification, Label, default_label
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.access.releasability import Gate
from cadre.services.access.scope import AUTHORITY, Scope, open_scope
from cadre.storage.coordination import Marking
from cadre.storage.scenarios import find_mission


@dataclass
class Sight:
    """A reader's view of one mission's register."""

    mission: str
    mission_id: int
    host: str
    scope: Scope | None  # None: the operator at the terminal
    _seen: dict[Marking, bool] = field(default_factory=dict)

    @property
    def principal(self) -> Principal | None:
        return self.scope.principal if self.scope else None

    @property
    def gate(self) -> Gate | None:
        return self.scope.gate if self.scope else None

    def sees(self, marking: Marking) -> bool:
        """The reader may see lines with this marking (judged once per marking)."""
        if self.scope is None:
            return True
        seen = self._seen.get(marking)
        if seen is None:
            label = label_of(marking)
            seen = label is not None and self.scope.gate.releasable(label)
            self._seen[marking] = seen
        return seen

    def sees_kind(self, kind: str, key: str) -> bool:
        """The reader may see a record of the mission (a timetable version, a cohort)."""
        return self.scope is None or self.scope.sees(kind, key)

    def label(self, kind: str, key: str) -> Label:
        if self.scope is not None:
            return self.scope.label(kind, key)
        return default_label(kind, host=self.host, authority=AUTHORITY)

    @property
    def importer(self) -> str:
        """Whom a line is released to when its table names nobody: the reporting actor."""
        return self.principal.affiliation if self.principal else AUTHORITY

    def write_reach(self) -> Reach:
        """How far the reader may write lines: any organisation's, or only its own."""
        if self.principal is None:
            return Reach.ANY
        assert self.scope is not None
        self.scope.gate.require_role(Verb.WRITE, ACTIVITIES)
        return reach(self.principal.roles, Verb.WRITE, ACTIVITIES) or Reach.OWN


def label_of(marking: Marking) -> Label | None:
    """The marking as a releasability label; None for a classification no one can read."""
    try:
        classification = Classification(marking.classification)
    except ValueError:
        return None
    return Label(classification, marking.organisation, frozenset(marking.releasable_to))


def sight(session: Session, principal: Principal | None, mission: str | None) -> Sight:
    """The reader's view of `mission` (default: the latest imported); NotFound when the
    mission is hidden from it, Forbidden when none of its roles reads the register."""
    row = find_mission(session, mission)
    if principal is None:
        return Sight(row.code, row.id, row.host, None)
    scope = open_scope(session, principal, row.code)
    scope.gate.require_role(Verb.READ, ACTIVITIES)
    return Sight(row.code, row.id, row.host, scope)
