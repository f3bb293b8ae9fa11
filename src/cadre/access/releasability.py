"""The one rule for every read and write: may this principal see this record, and act on it?

Default deny: a principal sees a record only when its clearance covers the record's
classification, its nation or organisation is in the record's audience (the owner and the
releasable-to list, communities resolved for the mission), and one of its roles grants reading
that kind. A record it may not see does not exist for it: callers answer "not found" and
leave it out of every list and count, never "forbidden", which would say that it exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from cadre.access.labels import Label, MissionContext
from cadre.access.policy import Principal, Reach, Verb, action_text, reach
from cadre.domain.errors import Forbidden, NotFound

T = TypeVar("T")


@dataclass(frozen=True)
class Gate:
    """A principal's view of one mission."""

    principal: Principal
    context: MissionContext

    def releasable(self, label: Label) -> bool:
        """The label lets the principal see the record (whatever its roles)."""
        p = self.principal
        return p.clearance.covers(label.classification) and (
            p.affiliation in self.context.audience(label)
        )

    def sees(self, kind: str, label: Label) -> bool:
        return reach(self.principal.roles, Verb.READ, kind) is not None and self.releasable(label)

    def visible(self, kind: str, items: Iterable[T], label_of: Callable[[T], Label]) -> list[T]:
        """The items the principal may see, in their order; the rest are simply not there."""
        if reach(self.principal.roles, Verb.READ, kind) is None:
            return []
        return [item for item in items if self.releasable(label_of(item))]

    def require_role(self, verb: Verb, kind: str) -> None:
        """Refuse an action none of the principal's roles allows, before looking at records
        (so the refusal says nothing about which records exist)."""
        if reach(self.principal.roles, verb, kind) is None:
            raise Forbidden(f"{_roles(self.principal)} may not {action_text(verb, kind)}")

    def require_visible(self, kind: str, label: Label | None, what: str) -> Label:
        """The record's label when the principal may see it; NotFound alike when the record
        is missing (label None) and when it is hidden."""
        if label is None or not self.sees(kind, label):
            raise NotFound(f"{what} is not in the mission")
        return label

    def require_action(self, verb: Verb, kind: str, label: Label, what: str) -> None:
        """Refuse `verb` on a record the principal sees but may not touch: its roles reach only
        its own nation's records and another owns this one."""
        found = reach(self.principal.roles, verb, kind)
        if found is None:
            raise Forbidden(f"{_roles(self.principal)} may not {action_text(verb, kind)}")
        if found is Reach.OWN and label.owner != self.principal.affiliation:
            raise Forbidden(
                f"{what} belongs to {label.owner}; your role lets you "
                f"{verb.value} only what {self.principal.affiliation} owns",
                code="access.not_owner",
                owner=label.owner,
                affiliation=self.principal.affiliation,
            )


def _roles(principal: Principal) -> str:
    if not principal.roles:
        return "a user without a role"
    names = sorted(r.value.replace("_", " ") for r in principal.roles)
    return ("the roles " if len(names) > 1 else "the role ") + ", ".join(names)
