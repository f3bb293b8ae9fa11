"""`cadre schedule ...` as a course director runs it: timetable, export, re-plan, show."""

from __future__ import annotations

import pathlib

import openpyxl
import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.conftest import EXAMPLES
from tests.integration.test_schedule_service import RUNS, TINY


@pytest.fixture
def cli(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    scenario = tmp_path / "tiny-runs.yaml"
    scenario.write_text(TINY + RUNS, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(scenario)]).exit_code == 0
    return runner


def test_schedule_prints_each_sites_calendar_and_writes_calendars_and_a_workbook(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    ics, xlsx = tmp_path / "ics", tmp_path / "timetable.xlsx"
    result = cli.invoke(app, ["schedule", "--seconds", "3", "--ics", str(ics), "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert "Timetable version 1 (optimal): 2 of 2 runs placed" in result.output
    assert "Taji Military Complex (TAJI): 1 run," in result.output
    assert sorted(p.name for p in ics.iterdir()) == [
        "cohort-IA-9DIV-ENG.ics",
        "instructor-T-CAN-01.ics",
        "instructor-T-SWE-01.ics",
        "site-BESMAYA.ics",
        "site-TAJI.ics",
    ]
    assert openpyxl.load_workbook(xlsx).sheetnames == ["Runs", "Assignments", "BESMAYA", "TAJI"]


def test_replan_after_a_withdrawal_says_what_moved_and_why(cli: CliRunner) -> None:
    made = cli.invoke(app, ["schedule", "--seconds", "3", "--workers", "1", "--adopt"])
    assert "Adopted as the mission's timetable" in made.output
    result = cli.invoke(app, ["schedule", "replan", "--withdraw", "SWE", "--seconds", "3"])
    assert result.exit_code == 0, result.output
    assert "Timetable version 2" in result.output
    assert "What moved, and why" in result.output
    assert "T-SWE-01 of pledge P-SWE-1 left: SWE withdraws" in result.output
    assert "2 no longer placed" in " ".join(result.output.split())  # both runs lost their team
    shown = cli.invoke(app, ["schedule", "show", "--version", "1", "--site", "TAJI"])
    assert (shown.exit_code, "Timetable version 1" in shown.output) == (0, True)


def test_a_replan_naming_two_changes_is_refused_without_a_traceback(cli: CliRunner) -> None:
    assert cli.invoke(app, ["schedule", "--seconds", "2", "--adopt"]).exit_code == 0
    result = cli.invoke(app, ["schedule", "replan", "--withdraw", "SWE", "--close-room", "X"])
    assert result.exit_code == 2
    assert "say one change" in result.stderr


def test_schedule_without_runs_or_a_capacity_plan_says_what_to_do(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    result = runner.invoke(app, ["schedule", "--seconds", "1"])
    assert result.exit_code == 3
    assert "run `cadre plan capacity` first" in result.stderr
