"""`cadre trainees …` and `cadre certificates …` as a user runs them: the NMI example's
trainees imported with its planted duplicates flagged, a bad file refused with every problem
located and exit code 2, and the expiring certificates listed."""

from __future__ import annotations

import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.conftest import EXAMPLES

TRAINEES = EXAMPLES / "trainees" / "nmi-trainees.csv"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(EXAMPLES / "nmi-2018.yaml")]).exit_code == 0
    return runner


def test_the_example_trainees_import_with_their_duplicates_flagged(cli: CliRunner) -> None:
    imported = cli.invoke(app, ["trainees", "import", str(TRAINEES)])
    assert imported.exit_code == 0, imported.output
    assert "408 trainees added" in imported.output
    assert "8 likely duplicates flagged" in imported.output
    found = cli.invoke(app, ["trainees", "list", "--q", "Mustafa al-Kaabi"])
    assert found.exit_code == 0
    assert "مصطفى" in found.output
    again = cli.invoke(app, ["trainees", "import", str(TRAINEES)])
    assert "0 trainees added, 408 updated" in again.output


def test_a_bad_file_is_refused_with_every_problem_located(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "service,service_number,name_ar,birth_year\nIA,1,Ali,1990\nIA,2,علي,199\n",
        encoding="utf-8",
    )
    refused = cli.invoke(app, ["trainees", "import", str(bad)])
    assert refused.exit_code == 2
    assert "bad.csv, line 2, column 3, name_ar" in refused.output
    assert "bad.csv, line 3, column 4, birth_year" in refused.output
    assert cli.invoke(app, ["trainees", "list"]).output.count("0 trainees") == 1


def test_expiring_certificates_says_when_there_are_none(cli: CliRunner) -> None:
    listed = cli.invoke(app, ["certificates", "expiring", "--days", "30"])
    assert (listed.exit_code, listed.output.strip()) == (
        0,
        "No certificate expires within 30 days.",
    )


def test_a_course_rule_is_set_and_an_unknown_course_refused(cli: CliRunner) -> None:
    done = cli.invoke(app, ["trainees", "rule", "CIED-101", "--pass-mark", "75"])
    assert done.exit_code == 0, done.output
    assert "pass mark 75 %" in done.output
    unknown = cli.invoke(app, ["trainees", "rule", "NOPE-1"])
    assert unknown.exit_code == 3
    bad = cli.invoke(app, ["trainees", "rule", "CIED-101", "--pass-mark", "120"])
    assert (bad.exit_code, "pass_mark" in bad.output) == (2, True)


def test_a_refresher_is_declared_and_an_unknown_certificate_has_no_pdf(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    declared = cli.invoke(app, ["certificates", "refresher", "CIED-101", "CIED-TTT"])
    assert declared.exit_code == 0, declared.output
    assert "CIED-TTT now renews certificates of CIED-101." in declared.output
    again = cli.invoke(app, ["certificates", "refresher", "CIED-101", "CIED-TTT"])
    assert "already renewed" in again.output
    out = tmp_path / "c.pdf"
    missing = cli.invoke(app, ["certificates", "pdf", "NMI-NOPE-2019-00001", "--out", str(out)])
    assert (missing.exit_code, out.exists()) == (3, False)


def test_a_roster_workbook_needs_a_timetable_and_a_file(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "roster.xlsx"
    none = cli.invoke(app, ["roster", "download", "R-1", "--out", str(out)])
    assert (none.exit_code, out.exists()) == (3, False)
    missing = cli.invoke(app, ["roster", "upload", "R-1", str(tmp_path / "nope.xlsx")])
    assert missing.exit_code == 2
