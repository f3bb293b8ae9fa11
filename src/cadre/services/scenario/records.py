"""Scenario records one at a time, as the API serves them: listed, read, created, replaced,
deleted and relabelled, each through the principal's scope (releasability), each write under
the mission's lock, judged by the import's rules, checked against the version the writer
read (its ETag), and recorded in the audit trail in the same transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import Label
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Conflict, InvalidInput, NotFound, Problem
from cadre.domain.fingerprint import fingerprint
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_json_document
from cadre.interchange.fields import Code as Code  # the edges' shape of a record's code
from cadre.interchange.record_kinds import KINDS as KINDS  # the kinds, for the edges' shapes
from cadre.interchange.record_kinds import RecordKind as RecordKind
from cadre.interchange.record_kinds import edited, matches
from cadre.services.access import audit
from cadre.services.access.scope import Scope, open_scope, read
from cadre.services.scenario.record_checks import judge, refuse_unstorable_text
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.labels import drop_label
from cadre.storage.mission_scope import lock_mission
from cadre.storage.scenarios import save_scenario

MAX_PAGE = 500


@dataclass(frozen=True)
class RecordView:
    kind: str
    key: str
    document: dict[str, Any]
    label: Label
    etag: str


@dataclass(frozen=True)
class RecordPage:
    total: int
    items: list[RecordView]


def kind_named(name: str) -> RecordKind:
    found = KINDS.get(name)
    if found is None:
        raise NotFound(f"there are no records of kind {name}; kinds: {', '.join(KINDS)}")
    return found


def etag(document: dict[str, Any], label: Label) -> str:
    """The record's version as the writer read it: changes with its contents or its label,
    by whatever path (the API, an import), and only then."""
    return _etag(fingerprint(document), label)


def _etag(digest: str, label: Label) -> str:
    text = f"{digest} {label.classification.value} {label.owner} {sorted(label.releasable_to)}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _view(kind: RecordKind, document: dict[str, Any], label: Label) -> RecordView:
    return RecordView(kind.name, kind.key_of(document), document, label, etag(document, label))


def seen(scope: Scope, kind: RecordKind, document: dict[str, Any], label: Label) -> RecordView:
    """A record as read from the scope, its digest already known."""
    key = kind.key_of(document)
    digest = scope.data.digests.get((kind.name, key)) or fingerprint(document)
    return RecordView(kind.name, key, document, label, _etag(digest, label))


def list_records(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind_name: str,
    *,
    filters: Mapping[str, str] | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> RecordPage:
    kind = kind_named(kind_name)
    unknown = sorted(set(filters or {}) - set(kind.filters))
    if unknown:
        raise InvalidInput(f"{kind.name} cannot be filtered on {', '.join(unknown)}")
    limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)

    def page(scope: Scope) -> RecordPage:
        found = [
            d
            for d in scope.records(kind)
            if all(str(d.get(f)) == v for f, v in (filters or {}).items())
            and (not q or matches(kind, d, q))
        ]
        items = [
            seen(scope, kind, d, scope.label(kind.name, kind.key_of(d), d))
            for d in found[offset : offset + limit]
        ]
        return RecordPage(len(found), items)

    result: RecordPage = read(uow, principal, mission, page)
    return result


def get_record(
    uow: UnitOfWork, principal: Principal, mission: str, kind_name: str, key: str
) -> RecordView:
    kind = kind_named(kind_name)
    view: RecordView = read(uow, principal, mission, lambda s: seen(s, kind, *s.record(kind, key)))
    return view


def export(uow: UnitOfWork, principal: Principal, mission: str) -> dict[str, Any]:
    """The scenario as the principal may see it, in the file's layout: a releasable extract
    (it may refer to records left out, so it is not meant for re-import)."""

    def extract(scope: Scope) -> dict[str, Any]:
        document = to_json_document(scope.projection())
        for name in KINDS:
            if reach(principal.roles, Verb.READ, name) is None:
                document.pop(name, None)
        return document

    result: dict[str, Any] = read(uow, principal, mission, extract)
    return result


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
            return _view(kind, document, scope.label(kind.name, key, document))
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
