"""Relabelling a record: a new classification, owner or releasable-to list, under the same
rules as any write (the mission's lock, the version the writer read, the audit trail)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from cadre.access.labels import Label, unknown_entries
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Forbidden, InvalidInput, Problem
from cadre.interchange.record_kinds import RecordKind
from cadre.services.access.scope import AUTHORITY, Scope
from cadre.services.records.operations import audit_change, expect_version, writing
from cadre.services.records.queries import RecordView, kind_named, seen
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.labels import StoredLabel, put_label


def relabel(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind_name: str,
    key: str,
    label: Label,
    if_match: Collection[str],
) -> RecordView:
    """Give a record a new classification, owner or releasable-to list."""
    kind = kind_named(kind_name)
    with writing(uow, principal, mission) as (session, scope):
        scope.gate.require_role(Verb.LABEL, kind.name)
        what = f"{kind.noun} {key}"
        before = seen(scope, kind, *scope.record(kind, key))
        scope.gate.require_action(Verb.LABEL, kind.name, before.label, what)
        expect_version(before.etag, if_match, what)
        _check_label(scope, kind, label, what)
        at = dt.datetime.now(dt.UTC)
        stored = StoredLabel(
            label.classification.value, label.owner, tuple(sorted(label.releasable_to))
        )
        put_label(session, scope.mission_id, kind.name, key, stored, at)
        view = seen(scope, kind, before.document, label)
        audit_change(session, scope, "label", kind, key, before, view)
    return view


def _check_label(scope: Scope, kind: RecordKind, label: Label, what: str) -> None:
    principal = scope.principal
    if not principal.clearance.covers(label.classification):
        raise Forbidden(
            f"you may not mark {what} {label.classification.value}: "
            f"above your clearance ({principal.clearance.value})"
        )
    problems = [
        Problem(
            f"{entry} is neither a contributor of the mission nor NATO, EU, HOST or MISSION",
            field="releasable_to",
        )
        for entry in unknown_entries(label, scope.context)
    ]
    if label.owner not in scope.context.participants and label.owner != AUTHORITY:
        problems.append(
            Problem(f"{label.owner} is not a contributor of the mission", field="owner")
        )
    if problems:
        raise InvalidInput(problems)
    if reach(principal.roles, Verb.LABEL, kind.name) is Reach.OWN and (
        label.owner != principal.affiliation
    ):
        raise Forbidden(f"{what} must stay owned by {principal.affiliation}")
