"""Every write from the command line is in the audit trail under the operating-system user
("cli:<user>"), with what changed: import, plan, force import, offers, force edit, schedule,
user add; and the trail stays whole."""

from __future__ import annotations

import pathlib

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from cadre.cli import app
from cadre.services.unit_of_work import local_actor
from cadre.storage.database import make_engine
from cadre.storage.service_models import AuditEntryRow
from tests.pledge_factory import TINY, make_workbook


def trail(db_url: str) -> list[tuple[str, str, bool]]:
    """(actor, action, whether before or after is recorded) of every entry, in order."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    AuditEntryRow.actor,
                    AuditEntryRow.action,
                    AuditEntryRow.before,
                    AuditEntryRow.after,
                ).order_by(AuditEntryRow.seq)
            )
            return [(a, act, b is not None or f is not None) for a, act, b, f in rows]
    finally:
        engine.dispose()


def test_every_cli_write_is_audited_as_the_operating_system_user(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    cli = CliRunner()
    steps = [
        ["import", str(TINY)],
        ["plan", "capacity", "--seconds", "20", "--adopt"],
        ["force", "import", str(make_workbook(tmp_path / "swe.xlsx")), "--round", "FSC-2"],
        ["force", "decide", "SWE-FSC-2-SWE-A", "--to", "accepted"],
        ["force", "edit", "HQ-001", "--set", "count=2"],
        ["schedule", "--seconds", "3", "--workers", "1"],
        ["user", "add", "amal", "--nation", "NATO", "--role", "auditor", "--no-password",
         "--oidc", "subject-amal"],
    ]  # fmt: skip
    for step in steps:
        result = cli.invoke(app, step)
        assert result.exit_code == 0, (step, result.output)
    entries = trail(db_url)
    actions = [action for _, action, _ in entries]
    assert {actor for actor, _, _ in entries} == {local_actor()}
    assert all(recorded for _, _, recorded in entries)  # each says what it changed
    assert sorted(set(actions)) == [
        "offer decide",
        "plan",
        "plan adopt",
        "pledge import",
        "requirement edit",
        "scenario import",
        "user add",
    ]
    assert actions.count("plan") >= 2  # the capacity plan and the timetable
    assert cli.invoke(app, ["audit", "verify"]).exit_code == 0
