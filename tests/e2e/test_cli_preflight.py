"""Output paths and ports are checked before any work; what is computed before a write fails
is kept, and the user is told where."""

from __future__ import annotations

import pathlib
import socket

import pytest
import typer
from typer.testing import CliRunner

from cadre.cli import app
from cadre.cli.preflight import kept
from cadre.services.itc2007 import operations as itc2007
from tests.conftest import EXAMPLES

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "itc2007"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    return runner


def test_an_unwritable_output_refuses_the_plan_before_it_is_made(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    missing = tmp_path / "no-such-folder" / "plan.json"
    refused = cli.invoke(app, ["plan", "capacity", "--json", str(missing)])
    assert refused.exit_code == 2
    assert f"--json {missing}: the folder {missing.parent} does not exist" in " ".join(
        refused.output.split()
    )
    assert cli.invoke(app, ["plan", "list", "--json"]).output.strip() == "[]"  # nothing stored
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    plots = cli.invoke(app, ["plan", "capacity", "--plots", str(a_file / "plots")])
    assert plots.exit_code == 2
    assert "cannot be made" in plots.output


def test_an_unwritable_workbook_refuses_the_timetable_before_it_is_made(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    refused = cli.invoke(app, ["schedule", "--xlsx", str(tmp_path / "none" / "t.xlsx")])
    assert refused.exit_code == 2
    assert "--xlsx" in refused.output
    assert cli.invoke(app, ["schedule", "show"]).exit_code == 3  # no timetable was stored


def test_a_busy_port_is_refused_at_once(
    cli: CliRunner, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        served = cli.invoke(app, ["serve", "--port", port])
        fresh = tmp_path / "fresh.db"
        monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{fresh}")
        demo = cli.invoke(app, ["demo", "--port", port])
    for result in (served, demo):
        assert result.exit_code == 4
        assert f"port {port} on 127.0.0.1 is in use" in result.output
    assert not fresh.exists()  # the demo did no work


def test_itc2007_solve_refuses_an_unwritable_solution_file_before_solving(
    tmp_path: pathlib.Path,
) -> None:
    out = tmp_path / "none" / "x.sol"
    argv = ["itc2007", "solve", str(DATA / "tiny_forced.ctt"), "--out", str(out)]
    refused = CliRunner().invoke(app, argv)
    assert refused.exit_code == 2
    assert "--out" in refused.output
    assert "Solving" not in refused.output


def test_a_solution_that_cannot_be_written_where_asked_is_kept_elsewhere(
    tmp_path: pathlib.Path,
) -> None:
    out = tmp_path / "none" / "x.sol"
    outcome = itc2007.solve_file(DATA / "tiny_forced.ctt", out, seconds=1, workers=1)
    assert outcome.not_written == "No such file or directory"
    assert outcome.written != out
    assert itc2007.check_files(DATA / "tiny_forced.ctt", outcome.written).hard_violations == 0
    outcome.written.unlink()


def test_a_failed_write_after_the_work_says_what_is_kept() -> None:
    def write() -> None:
        with kept("Timetable version 3", "`cadre schedule show --version 3` writes it again"):
            raise PermissionError(13, "Permission denied", "/srv/t.xlsx")

    runner = CliRunner()
    probe = typer.Typer()
    probe.command()(write)
    result = runner.invoke(probe, [])
    assert result.exit_code == 1
    assert " ".join(result.output.split()) == (
        "Writing /srv/t.xlsx failed (Permission denied). Timetable version 3 is kept; "
        "`cadre schedule show --version 3` writes it again."
    )
