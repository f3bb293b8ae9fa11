"""The service's commands as an operator runs them: users and tokens, the audit trail's check
against a changed, a deleted and a reordered entry, backups, and `cadre serve`."""

from __future__ import annotations

import os
import pathlib
import socket
import sqlite3
import subprocess
import sys
import time

import httpx2
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from cadre.cli import app
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import make_engine, normalise_url


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def add(cli: CliRunner, name: str, *options: str) -> str:
    result = cli.invoke(
        app,
        [
            "user",
            "add",
            name,
            "--nation",
            "NATO",
            "--role",
            "auditor",
            "--no-password",
            "--oidc",
            f"subject-{name}",
            *options,
        ],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_users_are_added_listed_given_tokens_and_disabled(cli: CliRunner, db_url: str) -> None:
    added = cli.invoke(
        app,
        [
            "user",
            "add",
            "olga",
            "--nation",
            "CAN",
            "--role",
            "national_contributor",
            "--role",
            "instructor",
            "--clearance",
            "NATO RESTRICTED",
            "--password-stdin",
        ],
        input="a passphrase of five words\n",
    )
    issued = cli.invoke(app, ["token", "olga", "--days", "30"])
    engine = make_engine(db_url)
    principal = users.authenticate(UnitOfWork(engine), issued.stdout.strip())
    listed = cli.invoke(app, ["user", "list"])
    disabled = cli.invoke(app, ["user", "disable", "olga"])
    engine.dispose()
    assert added.exit_code == 0, added.output
    assert added.output.strip() == (
        "User olga added: CAN, instructor, national_contributor, cleared to NATO RESTRICTED."
    )
    assert (principal.username, principal.affiliation) == ("olga", "CAN")
    assert ["olga" in listed.output, "active" in listed.output] == [True, True]
    assert disabled.output.strip() == "User olga disabled; tokens and sessions ended: 1."


def test_a_user_with_an_unknown_role_is_refused_with_exit_code_2(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["user", "add", "paul", "--nation", "CAN", "--role", "general", "--no-password"]
    )
    assert result.exit_code == 2
    assert "general is not a role" in result.output
    assert "Traceback" not in result.output


def tamper(db_url: str, *statements: str) -> None:
    """What someone with the database's owner rights could do: drop the guards, then edit."""
    engine = create_engine(normalise_url(db_url))
    drops = (
        ["DROP TRIGGER audit_entries_append_only ON audit_entries"]
        if engine.dialect.name == "postgresql"
        else ["DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete"]
    )
    with engine.begin() as connection:
        for statement in (*drops, *statements):
            connection.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize(
    ("statements", "finding"),
    [
        (
            ["UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2"],
            "entry 2: its contents do not match its hash (changed)",
        ),
        (["DELETE FROM audit_entries WHERE seq = 2"], "entry 3: entry 2 is missing"),
        (
            [
                "UPDATE audit_entries SET seq = -1 WHERE seq = 2",
                "UPDATE audit_entries SET seq = 2 WHERE seq = 3",
                "UPDATE audit_entries SET seq = 3 WHERE seq = -1",
            ],
            "entry 2: it does not follow the entry before it (moved or removed)",
        ),
        (["DELETE FROM audit_entries WHERE seq = 4"], "entry 4: the head records entry 4"),
    ],
    ids=["changed", "deleted", "reordered", "last-deleted"],
)
def test_audit_verify_finds_a_tampered_trail(
    cli: CliRunner, db_url: str, statements: list[str], finding: str
) -> None:
    for name in ("ada", "ben", "cai", "dov"):
        add(cli, name)
    whole = cli.invoke(app, ["audit", "verify"])
    tamper(db_url, *statements)
    broken = cli.invoke(app, ["audit", "verify"])
    assert (whole.exit_code, broken.exit_code) == (0, 1)
    assert whole.output.startswith("The audit trail is whole: 4 entries; head 4 ")
    assert finding in broken.output


def test_the_database_refuses_to_change_or_delete_an_audit_entry(
    cli: CliRunner, db_url: str
) -> None:
    add(cli, "eve")
    engine = create_engine(normalise_url(db_url))
    for statement in ("UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()


def test_a_backup_is_a_whole_copy_and_never_overwrites(
    cli: CliRunner, db_url: str, tmp_path: pathlib.Path
) -> None:
    add(cli, "fay")
    target = tmp_path / "copy.backup"
    made = cli.invoke(app, ["backup", str(target)])
    again = cli.invoke(app, ["backup", str(target)])
    assert made.exit_code == 0, made.output
    assert again.exit_code == 2
    assert "already exists; a backup never overwrites a file" in again.output
    if db_url.startswith("sqlite"):
        with sqlite3.connect(target) as copy:
            assert copy.execute("SELECT username FROM users").fetchall() == [("fay",)]
    else:
        listing = subprocess.run(
            ["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE DATA public audit_entries" in listing.replace(_schema(db_url), "public")


def _schema(db_url: str) -> str:
    return db_url.rsplit("%3D", 1)[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_with_the_openapi_document(tmp_path: pathlib.Path) -> None:
    port = free_port()
    env = os.environ | {"CADRE_DATABASE_URL": f"sqlite:///{tmp_path / 'cadre.db'}"}
    server = subprocess.Popen(
        [str(pathlib.Path(sys.executable).with_name("cadre")), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, answer = time.monotonic() + 30, None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx2.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2)
            except httpx2.TransportError:
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert answer is not None
    assert answer.status_code == 200
    assert answer.json()["info"]["title"] == "Cadre"


def test_user_add_without_a_terminal_says_how_to_give_the_password(cli: CliRunner) -> None:
    argv = ["user", "add", "rana", "--nation", "IRQ", "--role", "school_staff"]
    refused = cli.invoke(app, argv)
    assert refused.exit_code == 2
    assert "--password-stdin" in refused.output
    assert "Aborted" not in refused.output
    empty = cli.invoke(app, [*argv, "--password-stdin"], input="\n")
    assert empty.exit_code == 2
    assert "empty line" in empty.output


def test_a_password_read_from_standard_input_logs_in(cli: CliRunner, db_url: str) -> None:
    argv = ["user", "add", "rana", "--nation", "IRQ", "--role", "school_staff"]
    added = cli.invoke(app, [*argv, "--password-stdin"], input="four words of passphrase\n")
    assert added.exit_code == 0, added.output
    engine = make_engine(db_url)
    try:
        login = users.login(UnitOfWork(engine), "rana", "four words of passphrase", "127.0.0.1")
    finally:
        engine.dispose()
    assert login.principal.username == "rana"
