"""The audit trail's rows: appended one at a time under the head's lock, read back in order."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cadre.storage.service_models import AuditEntryRow, AuditHeadRow


def lock_head(session: Session) -> tuple[int, str]:
    """The last entry's place and hash, locked until the transaction ends.

    Writing the head row first takes the lock on both databases (PostgreSQL locks the row,
    SQLite the database), so two writers never read the same head and fork the chain.
    """
    session.execute(update(AuditHeadRow).where(AuditHeadRow.id == 1).values(seq=AuditHeadRow.seq))
    head = session.get(AuditHeadRow, 1, populate_existing=True)
    if head is None:  # only a database built without the migration lacks it
        head = AuditHeadRow(id=1, seq=0, hash="0" * 64)
        session.add(head)
        session.flush()
    return head.seq, head.hash


def append(session: Session, entry: AuditEntryRow, signature: str | None = None) -> None:
    session.add(entry)
    session.execute(
        update(AuditHeadRow)
        .where(AuditHeadRow.id == 1)
        .values(seq=entry.seq, hash=entry.hash, signature=signature)
    )
    session.flush()


def head(session: Session) -> tuple[int, str] | None:
    row = session.get(AuditHeadRow, 1)
    return None if row is None else (row.seq, row.hash)


def head_signature(session: Session) -> str | None:
    row = session.get(AuditHeadRow, 1)
    return None if row is None else row.signature


def entries(session: Session, batch: int = 1000) -> Iterator[AuditEntryRow]:
    """Every entry in the order of its place, read in batches so a long trail fits in memory."""
    after = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEntryRow)
                .where(AuditEntryRow.seq > after)
                .order_by(AuditEntryRow.seq)
                .limit(batch)
            )
        )
        if not rows:
            return
        for row in rows:
            yield row
            session.expunge(row)
        after = rows[-1].seq


def matching(
    session: Session, *, mission: str | None, kind: str | None, actor: str | None
) -> list[AuditEntryRow]:
    """Entries matching the filters, newest first."""
    query = select(AuditEntryRow)
    if mission is not None:
        query = query.where(AuditEntryRow.mission == mission)
    if kind is not None:
        query = query.where(AuditEntryRow.kind == kind)
    if actor is not None:
        query = query.where(AuditEntryRow.actor == actor)
    return list(session.scalars(query.order_by(AuditEntryRow.seq.desc())))
