"""What scripts and pipes read: plain lines at 80 columns, nothing cut short, and `--json`
documents that parse, on the tiny example planned, force-generated and timetabled."""

from __future__ import annotations

import json
import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.integration.test_schedule_service import RUNS, TINY


@pytest.fixture
def cli(db_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "80")
    scenario = tmp_path / "tiny-runs.yaml"
    scenario.write_text(TINY + RUNS, encoding="utf-8")
    runner = CliRunner()
    for argv in (["import", str(scenario)], ["plan", "capacity", "--seconds", "10", "--adopt"]):
        done = runner.invoke(app, argv)
        assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["schedule", "--seconds", "3", "--workers", "1", "--adopt"])
    assert done.exit_code == 0, done.output
    return runner


def run(cli: CliRunner, *argv: str) -> str:
    result = cli.invoke(app, list(argv))
    assert result.exit_code == 0, result.output
    return result.output


def test_piped_output_at_80_columns_is_plain_and_cut_short_nowhere(cli: CliRunner) -> None:
    for argv in (["show"], ["plan", "show"], ["force", "status"], ["schedule", "show"]):
        text = run(cli, *argv)
        assert "…" not in text, argv
        assert not set("┃│┏━\x1b") & set(text), argv
    shown = run(cli, "show")
    assert "- TAJI — name: Taji Military Complex; kind: training centre; region: Baghdad" in shown
    assert "trainee → trainee" not in shown


def test_json_documents_parse_and_carry_the_figures(cli: CliRunner) -> None:
    plans = json.loads(run(cli, "plan", "list", "--json"))
    assert [(p["number"], p["status"]) for p in plans] == [(1, "optimal")]
    plan = json.loads(run(cli, "plan", "show", "--json"))
    assert (plan["version"], plan["plan"]["status"]) == (1, "optimal")
    force = json.loads(run(cli, "force", "status", "--json"))
    assert force["fill"]["total"]["required"] >= force["fill"]["total"]["filled"]
    assert isinstance(force["shortfalls"], list)
    lines = json.loads(run(cli, "force", "lines", "--json"))
    assert lines
    assert {"number", "qualification", "count"} <= set(lines[0])
    timetable = json.loads(run(cli, "schedule", "show", "--json"))
    assert timetable["version"] == 1
    assert timetable["violations"] == []
    assert len(timetable["timetable"]["placed"]) == 2
    assert json.loads(run(cli, "user", "list", "--json")) == []
