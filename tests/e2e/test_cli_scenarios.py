"""The `cadre` command as a user runs it: validate, import, export, demo."""

from __future__ import annotations

import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_validate_accepts_a_good_file(cli: CliRunner) -> None:
    result = cli.invoke(app, ["validate", str(TINY)])
    assert (result.exit_code, "is valid" in result.output) == (0, True)


def test_validate_lists_every_problem_with_line_and_column(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    broken = tmp_path / "broken.yaml"
    text = (
        TINY.read_text()
        .replace("[CIED-101]", "[CIED-999]")
        .replace("duration_days: 30", "duration_days: -3")
    )
    broken.write_text(text, encoding="utf-8")
    result = cli.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2
    duration, prerequisite = line_of(text, "duration_days: -3"), line_of(text, "[CIED-999]")
    assert result.stderr.splitlines() == [
        "2 problems found:",
        f"  {broken}, line {duration}, column 20, courses[1].duration_days: "
        "course CIED-TTT: duration days must be at least 1, not -3",
        f"  {broken}, line {prerequisite}, column 21, courses[1].prerequisites[0]: "
        "course CIED-TTT requires CIED-999, which is not in the catalogue",
    ]
    assert "Traceback" not in result.output


def test_validate_of_a_missing_file_says_so(cli: CliRunner, tmp_path: pathlib.Path) -> None:
    result = cli.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "cannot read the file: No such file or directory" in result.stderr


def test_bytes_that_are_not_utf8_are_located(cli: CliRunner, tmp_path: pathlib.Path) -> None:
    broken = tmp_path / "latin1.yaml"
    broken.write_bytes(TINY.read_bytes().replace(b"Tremblay", b"Tr\xe9mblay"))
    result = cli.invoke(app, ["validate", str(broken)])
    line = next(n for n, text in enumerate(TINY.read_text().splitlines(), 1) if "Tremblay" in text)
    column = TINY.read_text().splitlines()[line - 1].index("Tremblay") + 3
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        f"  {broken}, line {line}, column {column}: the file is not UTF-8 text: "
        "byte 0xe9 cannot be read"
    )


def test_import_export_import_gives_the_same_data(cli: CliRunner, tmp_path: pathlib.Path) -> None:
    exported = tmp_path / "exported.yaml"
    first = cli.invoke(app, ["import", str(TINY)])
    export = cli.invoke(app, ["export", "--out", str(exported)])
    again = cli.invoke(app, ["import", str(exported)])
    assert (first.exit_code, export.exit_code, again.exit_code) == (0, 0, 0)
    assert "already up to date, nothing changed" in again.output


def test_show_without_a_scenario_explains_what_to_do(cli: CliRunner) -> None:
    result = cli.invoke(app, ["show"])
    assert result.exit_code == 3
    assert "import one with `cadre import FILE`" in result.stderr


def test_demo_prints_the_summary_tables(cli: CliRunner) -> None:
    result = cli.invoke(app, ["demo", "--no-serve", "--scenario", str(TINY)])
    assert result.exit_code == 0, result.output
    for title in ("Sites", "Disciplines", "Courses", "Contributors", "Pledges"):
        assert title in result.output
    assert "Taji Military Complex" in result.output
