"""Scenario records as a reader may see them: listed, filtered, read one at a time, and the
whole scenario exported, each through the principal's scope (releasability)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cadre.access.labels import Label
from cadre.access.policy import Principal, Verb, reach
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.fingerprint import fingerprint
from cadre.interchange.convert import to_json_document
from cadre.interchange.fields import Code as Code  # the edges' shape of a record's code
from cadre.interchange.record_kinds import KINDS as KINDS  # the kinds, for the edges' shapes
from cadre.interchange.record_kinds import RecordKind as RecordKind
from cadre.interchange.record_kinds import matches
from cadre.services.access.redaction import redaction
from cadre.services.access.scope import Scope, read
from cadre.services.unit_of_work import UnitOfWork

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


def view_of(kind: RecordKind, document: dict[str, Any], label: Label) -> RecordView:
    return RecordView(kind.name, kind.key_of(document), document, label, etag(document, label))


def seen(scope: Scope, kind: RecordKind, document: dict[str, Any], label: Label) -> RecordView:
    """A record as read from the scope, its digest already known; its references to records
    the reader may not see (a prerequisite, a caveat, a pledge) withheld. The version stays
    the stored record's, so a writer's If-Match still names what is stored."""
    key = kind.key_of(document)
    digest = scope.data.digests.get((kind.name, key)) or fingerprint(document)
    shown = redaction(scope).document(document)
    return RecordView(kind.name, key, shown, label, _etag(digest, label))


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
        # Records keep their place with references marked; rows of the other parts (demand,
        # planning figures, runs) resting on a hidden record are left out.
        hidden = redaction(scope)
        return {
            part: hidden.document(value) if part in KINDS else hidden.derived(value)
            for part, value in document.items()
        }

    result: dict[str, Any] = read(uow, principal, mission, extract)
    return result
