"""The audit chain shows a changed, a deleted and a reordered entry, and a cut-off tail."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cadre.access.audit_chain import GENESIS, AuditEntry, Finding, entry_hash, verify

T0 = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        at = T0 + dt.timedelta(minutes=seq)
        before, after = {"count": seq}, {"count": seq + 1}
        digest = entry_hash(
            seq, at, "anna", "replace", "TINY", "pledges", "P1", before, after, prev
        )
        entries.append(
            AuditEntry(
                seq, at, "anna", "replace", "TINY", "pledges", "P1", before, after, prev, digest
            )
        )
        prev = digest
    return entries


def head(entries: list[AuditEntry]) -> tuple[int, str]:
    return entries[-1].seq, entries[-1].hash


def test_an_untouched_chain_is_whole() -> None:
    entries = chain(4)
    assert verify(entries, head(entries)) == []


def test_a_changed_entry_is_found() -> None:
    entries = chain(4)
    tampered = [*entries[:2], dataclasses.replace(entries[2], after={"count": 99}), entries[3]]
    assert verify(tampered, head(entries)) == [
        Finding(3, "its contents do not match its hash (changed)")
    ]


def test_a_deleted_entry_is_found() -> None:
    entries = chain(4)
    assert verify([*entries[:1], *entries[2:]], head(entries)) == [
        Finding(3, "entry 2 is missing: the trail jumps to 3")
    ]


def test_two_entries_swapped_are_found() -> None:
    entries = chain(4)
    swapped = [
        entries[0],
        dataclasses.replace(entries[2], seq=2),
        dataclasses.replace(entries[1], seq=3),
        entries[3],
    ]
    assert verify(swapped, head(entries)) == [
        Finding(2, "it does not follow the entry before it (moved or removed)"),
        Finding(2, "its contents do not match its hash (changed)"),
        Finding(3, "it does not follow the entry before it (moved or removed)"),
        Finding(3, "its contents do not match its hash (changed)"),
        Finding(4, "it does not follow the entry before it (moved or removed)"),
    ]


def test_entries_cut_from_the_end_are_found_by_the_head() -> None:
    entries = chain(4)
    assert verify(entries[:3], head(entries)) == [
        Finding(
            4,
            "the head records entry 4 but the trail ends at 3 "
            "(entries at the end were deleted, or the head was changed)",
        )
    ]


def test_timestamps_hash_alike_whether_the_database_returns_them_naive_or_aware() -> None:
    aware = T0.astimezone(dt.timezone(dt.timedelta(hours=3)))
    naive = T0.replace(tzinfo=None)
    assert entry_hash(1, aware, "a", "b", None, None, None, None, None, GENESIS) == entry_hash(
        1, naive, "a", "b", None, None, None, None, None, GENESIS
    )
