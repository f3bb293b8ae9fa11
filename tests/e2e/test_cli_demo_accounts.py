"""`cadre demo` ends with a demo account per role, printed once, that can log in."""

from __future__ import annotations

import pathlib
import re

import pytest
from typer.testing import CliRunner

from cadre.access.policy import Role
from cadre.cli import app
from cadre.services.access import users
from cadre.services.system.database import open_database
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES


def test_the_demo_prints_an_account_per_role_whose_password_logs_in(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cadre.db'}"
    monkeypatch.setenv("CADRE_DATABASE_URL", url)
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(
        app, ["demo", "--no-serve", "--scenario", str(EXAMPLES / "tiny.yaml")]
    )
    rows = re.findall(r"- (\w+) — password: ([a-z0-9-]{23}); role: ([a-z ]+?);", result.output)
    assert result.exit_code == 0, result.output
    assert sorted(role for _, _, role in rows) == sorted(r.value.replace("_", " ") for r in Role)
    username, password, _ = rows[0]
    with open_database(url) as engine:
        login = users.login(UnitOfWork(engine), username, password, "127.0.0.1")
    assert login.principal.username == username


def test_the_demo_refuses_to_replace_data_without_a_terminal_unless_told_yes(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    runner = CliRunner()
    tiny = ["--scenario", str(EXAMPLES / "tiny.yaml")]
    assert runner.invoke(app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    refused = runner.invoke(app, ["demo", "--no-serve", *tiny])
    assert refused.exit_code == 4
    assert "--yes" in refused.output
    said = " ".join(refused.output.split())
    if db_url.startswith("sqlite"):
        assert "is deleted and made again" in said
    else:
        assert "mission TINY in postgresql" in said
        assert "is replaced" in said
    assert runner.invoke(app, ["plan", "list", "--json"]).output.strip() == "[]"  # untouched
    done = runner.invoke(app, ["demo", "--no-serve", "--yes", *tiny])
    assert done.exit_code == 0, done.output
    assert "Demo accounts" in done.output
