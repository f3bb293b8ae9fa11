"""Scenario records written one at a time: created, replaced and deleted under the mission's
lock, judged by the import's rules, checked against the version the writer read (its ETag),
and recorded in the audit trail in the same transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import Label
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Conflict, InvalidInput, NotFound, Problem
from cadre.domain.fingerprint import fingerprint
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_json_document
from cadre.interchange.record_kinds import RecordKind, edited
from cadre.services.access import audit
from cadre.services.access.scope import Scope, open_scope
from cadre.services.records.checks import judge, refuse_unstorable_text
from cadre.services.records.queries import RecordView, kind_named, seen, view_of
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.labels import drop_label
from cadre.storage.mission_scope import lock_mission
from cadre.storage.scenarios import save_scenario


@contextmanager
def writing(uow: UnitOfWork, principal: Principal, mission: str) -> Iterator[tuple[Session, Scope]]:
    with uow.transaction() as session:
        lock_mission(session, mission)
        yield session, open_scope(session, principal, mission)


def expect_version(current: str, expected: Collection[str], what: str) -> None:
    """The write was based on the current version (one of the ETags the writer names)."""
    if current not in expected:
        read = ", ".join(expected) or "none"
        raise Conflict(
            f"{what} changed since you read it (you read version {read}, it is now "
            f"{current}); read it again and make your change on that"
        )


def _clean(kind: RecordKind, record: dict[str, Any], key: str | None) -> dict[str, Any]:
    refuse_unstorable_text(record)
    if key is not None and kind.key_of(record) != key:
        raise InvalidInput(
            [
                Problem(
                    f"the {kind.key} in the body ({kind.key_of(record)}) is not the record's "
                    f"({key}); a {kind.key} cannot change: create a new record instead",
                    field=kind.key,
                )
            ]
        )
    return record


def _store(session: Session, scope: Scope, scenario: Scenario) -> None:
    save_scenario(session, scenario, fingerprint(scenario))


def _result(scope: Scope, scenario: Scenario, kind: RecordKind, key: str) -> RecordView:
    for document in to_json_document(scenario).get(kind.name, []):
        if kind.key_of(document) == key:
            return view_of(kind, document, scope.label(kind.name, key, document))
    raise NotFound(f"{kind.noun} {key} is not in the mission")  # pragma: no cover


def _require_own(scope: Scope, kind: RecordKind, label: Label, what: str) -> None:
    """A writer whose role reaches only its own nation's records keeps them its own."""
    if reach(scope.principal.roles, Verb.WRITE, kind.name) is Reach.OWN:
        scope.gate.require_action(Verb.WRITE, kind.name, label, what)


def create_record(
    uow: UnitOfWork, principal: Principal, mission: str, kind_name: str, record: dict[str, Any]
) -> RecordView:
    kind = kind_named(kind_name)
    with writing(uow, principal, mission) as (session, scope):
        scope.gate.require_role(Verb.WRITE, kind.name)
        key = kind.key_of(_clean(kind, record, None))
        what = f"{kind.noun} {key}"
        if any(kind.key_of(d) == key for d in scope.data.documents[kind.name]):
            raise Conflict(f"the {kind.key} {key} is already taken; choose another")
        _require_own(scope, kind, scope.label(kind.name, key, record), what)
        after = edited(scope.data.scenario, kind, None, record)
        judge(scope, after, kind, key)
        _store(session, scope, after)
        view = _result(scope, after, kind, key)
        audit_change(session, scope, "create", kind, key, None, view)
    return view


def replace_record(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind_name: str,
    key: str,
    record: dict[str, Any],
    if_match: Collection[str],
) -> RecordView:
    kind = kind_named(kind_name)
    with writing(uow, principal, mission) as (session, scope):
        scope.gate.require_role(Verb.WRITE, kind.name)
        what = f"{kind.noun} {key}"
        before = seen(scope, kind, *scope.record(kind, key))
        scope.gate.require_action(Verb.WRITE, kind.name, before.label, what)
        expect_version(before.etag, if_match, what)
        _clean(kind, record, key)
        _require_own(scope, kind, scope.label(kind.name, key, record), what)
        after = edited(scope.data.scenario, kind, key, record)
        judge(scope, after, kind, key)
        view = _result(scope, after, kind, key)
        if view.etag != before.etag:
            _store(session, scope, after)
            audit_change(session, scope, "replace", kind, key, before, view)
    return view


def delete_record(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind_name: str,
    key: str,
    if_match: Collection[str],
) -> None:
    kind = kind_named(kind_name)
    with writing(uow, principal, mission) as (session, scope):
        scope.gate.require_role(Verb.WRITE, kind.name)
        what = f"{kind.noun} {key}"
        before = seen(scope, kind, *scope.record(kind, key))
        scope.gate.require_action(Verb.WRITE, kind.name, before.label, what)
        expect_version(before.etag, if_match, what)
        after = edited(scope.data.scenario, kind, key, None)
        judge(scope, after, kind, key)
        _store(session, scope, after)
        drop_label(session, scope.mission_id, kind.name, key)
        audit_change(session, scope, "delete", kind, key, before, None)


def audit_change(
    session: Session,
    scope: Scope,
    action: str,
    kind: RecordKind,
    key: str,
    before: RecordView | None,
    after: RecordView | None,
) -> None:
    def state(view: RecordView | None) -> dict[str, Any] | None:
        if view is None:
            return None
        return {"record": view.document, "label": audit.label_document(view.label)}

    audit.record(
        session,
        scope.principal.username,
        action,
        mission=scope.mission,
        kind=kind.name,
        key=key,
        before=state(before),
        after=state(after),
    )
