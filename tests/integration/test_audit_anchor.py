"""The audit trail's head anchored by a signature under a key the database does not hold, on
SQLite and PostgreSQL: a clean trail verifies; deleting the last entries shows, and so does
rewriting the head to match them; `cadre audit verify` exits 1 naming the break."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, delete, select, text, update
from typer.testing import CliRunner

from cadre.cli import app
from cadre.services.access import audit, users
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.service_models import AuditEntryRow, AuditHeadRow


@pytest.fixture
def trail(engine: Engine, monkeypatch: pytest.MonkeyPatch, db_url: str) -> Engine:
    """Four entries written under a signing key (users added from the command line)."""
    monkeypatch.setenv("CADRE_AUDIT_KEY", "a key kept outside the database")
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    for name in ("ada", "bo", "cy", "di"):
        users.add_user(
            UnitOfWork(engine, actor="cli:operator"),
            username=name,
            affiliation="NATO",
            roles=["auditor"],
            password="a long enough password",
        )
    return engine


def verify(engine: Engine) -> audit.Verification:
    return audit.verify_trail(UnitOfWork(engine))


def truncate(engine: Engine, keep: int, *, rewrite_head: bool) -> None:
    """What someone with the database's owner rights could do: drop the guards, then edit."""
    drops = (
        ["DROP TRIGGER audit_entries_append_only ON audit_entries"]
        if engine.dialect.name == "postgresql"
        else ["DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete"]
    )
    with engine.begin() as conn:
        for statement in drops:
            conn.execute(text(statement))
        conn.execute(delete(AuditEntryRow).where(AuditEntryRow.seq > keep))
        if rewrite_head:
            last = conn.scalar(select(AuditEntryRow.hash).where(AuditEntryRow.seq == keep))
            conn.execute(update(AuditHeadRow).values(seq=keep, hash=last))


def test_a_clean_trail_verifies_with_its_head_anchored(trail: Engine) -> None:
    result = verify(trail)
    assert (result.intact, result.entries, result.anchored) == (True, 4, True)
    run = CliRunner().invoke(app, ["audit", "verify"])
    assert run.exit_code == 0, run.output
    assert "The audit trail is whole: 4 entries" in run.stdout


def test_deleting_the_last_entries_is_detected(trail: Engine) -> None:
    truncate(trail, 2, rewrite_head=False)
    assert [f.seq for f in verify(trail).findings] == [4]


def test_deleting_the_last_entries_and_rewriting_the_head_is_detected(trail: Engine) -> None:
    truncate(trail, 2, rewrite_head=True)
    found = verify(trail).findings
    assert [(f.seq, "head was rewritten" in f.reason) for f in found] == [(2, True)]
    run = CliRunner().invoke(app, ["audit", "verify"])
    assert run.exit_code == 1
    assert "entry 2: the head's signature does not match" in run.stderr


def test_removing_the_signature_is_detected(trail: Engine) -> None:
    with trail.begin() as conn:
        conn.execute(update(AuditHeadRow).values(signature=None))
    assert [f.seq for f in verify(trail).findings] == [4]


def test_without_the_key_a_rewritten_head_goes_unnoticed_as_the_documentation_says(
    trail: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    truncate(trail, 2, rewrite_head=True)
    monkeypatch.delenv("CADRE_AUDIT_KEY")
    result = verify(trail)
    assert (result.intact, result.anchored) == (True, False)
