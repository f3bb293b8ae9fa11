"""`cadre backup` then `cadre restore` into an empty database gives back every table row for
row, on SQLite and PostgreSQL; a database that holds data is not restored into unless told."""

from __future__ import annotations

import pathlib
import uuid

import psycopg
import pytest
from sqlalchemy import inspect, select, table, text
from typer.testing import CliRunner

from cadre.cli import app
from cadre.storage.database import make_engine
from tests.conftest import EXAMPLES, POSTGRES_URL


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in an order that does not depend on how they were stored."""
    engine = make_engine(url)
    try:
        names = inspect(engine).get_table_names()
        with engine.connect() as connection:
            return {
                name: sorted(
                    (tuple(row) for row in connection.execute(select(text("*")).select_from(
                        table(name)))),
                    key=repr,
                )
                for name in names
            }  # fmt: skip
    finally:
        engine.dispose()


def invoke(runner: CliRunner, *argv: str) -> str:
    result = runner.invoke(app, list(argv))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def stocked(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A database with a scenario, a capacity plan, a force plan, a user and their audit."""
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    runner = CliRunner()
    invoke(runner, "import", str(EXAMPLES / "tiny.yaml"))
    invoke(runner, "plan", "capacity", "--seconds", "10", "--adopt")
    invoke(runner, "force", "status")
    invoke(runner, "user", "add", "fay", "--nation", "NATO", "--role", "auditor",
           "--no-password", "--oidc", "subject-fay")  # fmt: skip
    return runner


def empty_database(db_url: str, tmp_path: pathlib.Path) -> str:
    """An empty database to restore into: a new SQLite file, or the same PostgreSQL schema
    dropped and made again (a dump restores into the schema it was taken from)."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'restored-{uuid.uuid4().hex[:6]}.db'}"
    schema = db_url.rsplit("%3D", 1)[-1]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return db_url


def test_a_backup_restored_into_an_empty_database_gives_back_every_row(
    stocked: CliRunner, db_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(db_url)
    copy = tmp_path / "cadre.backup"
    invoke(stocked, "backup", str(copy))
    target = empty_database(db_url, tmp_path)
    monkeypatch.setenv("CADRE_DATABASE_URL", target)
    said = invoke(stocked, "restore", str(copy))
    after = snapshot(target)

    assert f"Backup {copy} restored into" in said
    assert sorted(after) == sorted(before)
    assert len(before) > 20
    assert sum(len(rows) for rows in before.values()) > 50
    for name in set(before) - {"audit_entries", "audit_head"}:
        assert after[name] == before[name], name
    # The audit trail comes back whole, and the restore is itself on the record after it.
    restored = [row for row in after["audit_entries"] if row not in before["audit_entries"]]
    assert len(after["audit_entries"]) == len(before["audit_entries"]) + 1
    assert "database restore" in restored[0]
    assert after["audit_head"] != before["audit_head"]
    assert "The audit trail is whole" in invoke(stocked, "audit", "verify")


def test_a_database_that_holds_data_is_restored_into_only_when_told_to_replace_it(
    stocked: CliRunner, db_url: str, tmp_path: pathlib.Path
) -> None:
    copy = tmp_path / "cadre.backup"
    invoke(stocked, "backup", str(copy))
    invoke(stocked, "user", "add", "gus", "--nation", "NATO", "--role", "auditor",
           "--no-password", "--oidc", "subject-gus")  # fmt: skip
    refused = stocked.invoke(app, ["restore", str(copy)])
    assert refused.exit_code == 4
    assert "--replace" in refused.output
    assert "gus" in invoke(stocked, "user", "list")  # nothing changed
    invoke(stocked, "restore", str(copy), "--replace")
    assert "gus" not in invoke(stocked, "user", "list")
    assert "fay" in invoke(stocked, "user", "list")


def test_a_file_that_is_no_backup_is_refused(
    db_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", empty_database(db_url, tmp_path))
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n" * 100)
    refused = CliRunner().invoke(app, ["restore", str(junk)])
    assert refused.exit_code == 2
    assert "notes.txt is not" in refused.output
