"""The audit trail as a hash chain: each entry's hash covers its contents, its place in the
trail and the hash of the entry before it, so a changed, deleted or reordered entry breaks
every link after it. The head (last place and hash) is kept apart, so deleting entries at the
end of the trail shows too; print it and keep it elsewhere to guard against a rewrite of both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int  # its place in the trail, from 1 with no gaps
    at: dt.datetime
    actor: str
    action: str
    mission: str | None
    kind: str | None
    key: str | None
    before: Any  # JSON-ready values; None when the record did not exist
    after: Any  # None when the record no longer exists
    prev_hash: str
    hash: str


def utc_text(at: dt.datetime) -> str:
    """A timestamp as UTC text with microseconds, whatever the database gave back (SQLite
    returns naive UTC, PostgreSQL an aware value in the session's zone)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    mission: str | None,
    kind: str | None,
    key: str | None,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    payload = [seq, utc_text(at), actor, action, mission, kind, key, before, after, prev_hash]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def seal(entry: AuditEntry) -> str:
    """The hash `entry` should carry given its contents."""
    return entry_hash(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.mission,
        entry.kind,
        entry.key,
        entry.before,
        entry.after,
        entry.prev_hash,
    )


@dataclass(frozen=True)
class Finding:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.reason}"


def verify(entries: Iterable[AuditEntry], head: tuple[int, str] | None) -> list[Finding]:
    """Every break in the chain, entries taken in the order of their place; empty when whole."""
    findings: list[Finding] = []
    expected_seq, expected_prev = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            missing = (
                f"entry {expected_seq} is missing"
                if entry.seq == expected_seq + 1
                else f"entries {expected_seq} to {entry.seq - 1} are missing"
            )
            findings.append(Finding(entry.seq, f"{missing}: the trail jumps to {entry.seq}"))
        elif entry.prev_hash != expected_prev:
            findings.append(
                Finding(entry.seq, "it does not follow the entry before it (moved or removed)")
            )
        if seal(entry) != entry.hash:
            findings.append(Finding(entry.seq, "its contents do not match its hash (changed)"))
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    last = expected_seq - 1
    if head is None:
        if last:
            findings.append(Finding(last, "the trail has entries but no recorded head"))
    elif head[0] != last:
        findings.append(
            Finding(
                head[0],
                f"the head records entry {head[0]} but the trail ends at {last} "
                "(entries at the end were deleted, or the head was changed)",
            )
        )
    elif head[0] and head[1] != expected_prev:
        findings.append(Finding(head[0], "the last entry's hash is not the recorded head"))
    return findings


def sign_head(key: bytes, head: tuple[int, str]) -> str:
    """The head's signature under a key the database does not hold: whoever can write the
    database but not read the key cannot make a shorter or rewritten trail look whole."""
    message = f"audit head:{head[0]}:{head[1]}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def anchor_findings(
    head: tuple[int, str] | None, signature: str | None, key: bytes | None
) -> list[Finding]:
    """What the head's signature says: nothing without a key or when it matches."""
    if key is None or head is None or head[0] == 0:
        return []
    if signature is None:
        return [
            Finding(
                head[0],
                "the head is not signed (its signature was removed, or the entries were "
                "written before the key was set)",
            )
        ]
    if not hmac.compare_digest(signature, sign_head(key, head)):
        return [
            Finding(
                head[0],
                "the head's signature does not match: the head was rewritten (entries at the "
                "end deleted or replaced, and the head set to match)",
            )
        ]
    return []
