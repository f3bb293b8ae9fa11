"""The audit trail: every write of the service records who, when, what, before and after, in
the writer's own transaction, as the next link of the hash chain; and the check of the chain."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pathlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from cadre.access.audit_chain import (
    AuditEntry,
    Finding,
    anchor_findings,
    entry_hash,
    sign_head,
    verify,
)
from cadre.access.labels import Classification, Label, MissionContext
from cadre.access.policy import AUDIT_TRAIL, Principal, Verb
from cadre.access.releasability import Gate
from cadre.domain.errors import NotFound
from cadre.domain.fingerprint import canonical
from cadre.services.access.redaction import Redaction, reader_redaction
from cadre.services.access.scope import Scope, open_scope
from cadre.storage import audit_log
from cadre.storage.service_models import AuditEntryRow

if TYPE_CHECKING:  # the unit of work records its audit entries through this module
    from cadre.services.unit_of_work import UnitOfWork


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    mission: str | None = None,
    kind: str | None = None,
    key: str | None = None,
    before: Any = None,
    after: Any = None,
) -> int:
    """Append an entry to the trail in the session's transaction; its place in the trail."""
    seq, prev = audit_log.lock_head(session)
    at = dt.datetime.now(dt.UTC)
    before, after = canonical(before), canonical(after)
    entry = AuditEntryRow(
        seq=seq + 1,
        at=at,
        actor=actor[:200],
        action=action,
        mission=mission,
        kind=kind,
        key=key,
        before=before,
        after=after,
        prev_hash=prev,
        hash=entry_hash(seq + 1, at, actor[:200], action, mission, kind, key, before, after, prev),
    )
    signing_key = audit_key(session, create=True)
    signature = sign_head(signing_key, (entry.seq, entry.hash)) if signing_key else None
    audit_log.append(session, entry, signature)
    return entry.seq


KEY_VARIABLE = "CADRE_AUDIT_KEY"


def audit_key(session: Session, *, create: bool = False) -> bytes | None:
    """The key that signs the trail's head, kept where the database is not: the service's
    setting (CADRE_AUDIT_KEY), else a file beside a SQLite database (made on its first write,
    readable by its owner only); None for a database with neither (the head is then unsigned).
    """
    given = os.environ.get(KEY_VARIABLE)
    if given:
        return given.encode()
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = pathlib.Path(str(url.database)).with_name(
        pathlib.Path(str(url.database)).name + ".audit-key"
    )
    if not path.exists():
        if not create:  # a check never makes a key: it would only disagree with the head
            return None
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
                f.write(secrets.token_hex(32))
        except FileExistsError:  # another process made it first
            pass
    return path.read_text(encoding="ascii").strip().encode()


def as_entry(row: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.mission,
        row.kind,
        row.key,
        row.before,
        row.after,
        row.prev_hash,
        row.hash,
    )


@dataclass(frozen=True)
class Verification:
    entries: int
    head: tuple[int, str] | None
    findings: tuple[Finding, ...]
    anchored: bool = False  # whether a key checked the head's signature

    @property
    def intact(self) -> bool:
        return not self.findings


def verify_trail(uow: UnitOfWork) -> Verification:
    """Walk the whole trail and say where it is broken, if anywhere."""
    with uow.transaction() as session:
        head = audit_log.head(session)
        count = 0

        def walk() -> Any:
            nonlocal count
            for row in audit_log.entries(session):
                count += 1
                yield as_entry(row)

        findings = verify(walk(), head)
        key = audit_key(session)
        findings += anchor_findings(head, audit_log.head_signature(session), key)
    return Verification(count, head, tuple(findings), anchored=key is not None)


@dataclass(frozen=True)
class AuditPage:
    total: int
    entries: list[AuditEntry]


def entries_page(
    uow: UnitOfWork,
    principal: Principal,
    *,
    mission: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> AuditPage:
    """The trail, newest first, for auditors. An entry about a record shows only when the
    principal could see the record under the labels the entry recorded, before and after:
    the trail is no back door to what releasability hides."""
    Gate(principal, MissionContext("", frozenset())).require_role(Verb.AUDIT, AUDIT_TRAIL)
    with uow.transaction() as session:
        rows = audit_log.matching(session, mission=mission, kind=kind, actor=actor)
        scopes: dict[str, Scope | None] = {}
        shown = [r for r in rows if _releasable(session, principal, r, scopes)]
        hidden: dict[str, Redaction] = {}
        page = [_redacted(session, principal, r, hidden) for r in shown[offset : offset + limit]]
    return AuditPage(len(shown), page)


def _redacted(
    session: Session, principal: Principal, row: AuditEntryRow, hidden: dict[str, Redaction]
) -> AuditEntry:
    """An entry as the auditor may read it: what it records of records it may not see (a
    re-plan's withdrawn pledge, a course's hidden prerequisite) withheld by the one redaction
    step. The entry's hash stays the stored one: `verify_trail` checks the stored entries."""
    entry = as_entry(row)
    if row.mission is None:
        return entry
    if row.mission not in hidden:
        hidden[row.mission] = reader_redaction(session, principal, row.mission)
    seen = hidden[row.mission]
    return dataclasses.replace(
        entry,
        key=seen.text(entry.key) if entry.key else entry.key,
        before=seen.document(entry.before),
        after=seen.document(entry.after),
    )


def _releasable(
    session: Session, principal: Principal, row: AuditEntryRow, scopes: dict[str, Scope | None]
) -> bool:
    if row.mission is None or row.kind is None:
        return True  # about users, tokens or the service itself
    if row.mission not in scopes:
        try:
            scopes[row.mission] = open_scope(session, principal, row.mission)
        except NotFound:
            scopes[row.mission] = None
    scope = scopes[row.mission]
    if scope is None:
        return False
    for state in (row.before, row.after):
        if state is None:
            continue
        recorded = state.get("label") if isinstance(state, dict) else None
        # Entries that recorded no label (plan versions) go by the record's label now.
        label = as_label(recorded) if recorded else scope.label(row.kind, row.key or "")
        if not scope.gate.sees(row.kind, label):
            return False
    return True


def label_document(label: Label) -> dict[str, Any]:
    """A label as the trail and the API write it."""
    return {
        "classification": label.classification.value,
        "owner": label.owner,
        "releasable_to": sorted(label.releasable_to),
    }


def as_label(document: dict[str, Any]) -> Label:
    return Label(
        Classification(document["classification"]),
        str(document["owner"]),
        frozenset(document["releasable_to"]),
    )
