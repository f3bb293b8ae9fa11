"""`cadre force …` as a user runs it: status, rotations, pledge workbooks, decisions, lines."""

from __future__ import annotations

import json
import pathlib
import re

import openpyxl
import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.pledge_factory import TINY, make_workbook


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "220")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(TINY)]).exit_code == 0
    return runner


def test_status_shows_fill_shortfalls_and_caveats(cli: CliRunner, tmp_path: pathlib.Path) -> None:
    plots = tmp_path / "plots"
    result = cli.invoke(app, ["force", "status", "--months", "--plots", str(plots)])
    assert result.exit_code == 0, result.output
    for text in (
        "4 requirement lines from the scenario's statement of requirements",
        "Matching optimal",
        "Fill by qualification",
        "Fill by nation",
        "Fill by month",
        "Worst shortfalls (2 of 2)",
        "SOR-002-FP",
        "CIED-101 6",
        "Posts only caveats leave empty",
    ):
        assert text in result.output
    assert sorted(p.name for p in plots.iterdir()) == [
        "fill-by-qualification.png",
        "fill-by-qualification.svg",
        "required-vs-pledged.png",
        "required-vs-pledged.svg",
    ]


def test_status_writes_the_fill_report_for_spreadsheets(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "fill.xlsx"
    result = cli.invoke(app, ["force", "status", "--by-line", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Fill by line (post-months)" in result.output
    assert openpyxl.load_workbook(out)["Fill by line"]["A2"].value == "HQ-001"
    wrong = cli.invoke(app, ["force", "status", "--out", str(tmp_path / "fill.ods")])
    assert wrong.exit_code == 2
    assert "the fill report is written as .xlsx or .csv" in wrong.stderr


def test_rotations_show_the_relief_calendar(cli: CliRunner) -> None:
    result = cli.invoke(app, ["force", "rotations", "--line", "SOR-001"])
    assert result.exit_code == 0, result.output
    assert "Relief calendar (planned overlap 10 days)" in result.output
    assert "2019-06-21" in result.output  # the first relief arrives 10 days before 1 July


def test_a_nation_fills_its_workbook_and_the_offers_count_once_accepted(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    template = tmp_path / "swe-template.xlsx"
    made = cli.invoke(app, ["force", "template", "--nation", "SWE", "--out", str(template)])
    assert made.exit_code == 0, made.output
    assert "2 lines it may fill" in made.output  # its caveat bars the mobile team's two lines
    book = openpyxl.load_workbook(template)
    assert [r[0] for r in book["Lines"].iter_rows(min_row=2, values_only=True)] == [
        "SOR-001",
        "HQ-001",
    ]
    filled = make_workbook(tmp_path / "swe.xlsx")
    imported = cli.invoke(app, ["force", "import", str(filled), "--round", "FSC-2"])
    assert imported.exit_code == 0, imported.output
    assert "Offers of SWE in round FSC-2: 2 new, 0 revised, 0 withdrawn, 0 unchanged." in (
        imported.output
    )
    decided = cli.invoke(app, ["force", "decide", "SWE-FSC-2-SWE-A", "--to", "accepted"])
    assert decided.exit_code == 0, decided.output
    history = cli.invoke(app, ["force", "lines", "--history", "SOR-001"])
    assert "accepted" in history.output
    assert "SWE-FSC-2-SWE-A" in history.output


def test_a_malformed_workbook_is_reported_cell_by_cell(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    rows = [["SOR-001", "four", "2019-03-01", "2019-01-01", 6, None, None, None, None, "X", None]]
    bad = make_workbook(tmp_path / "bad.xlsx", rows=rows)
    result = cli.invoke(app, ["force", "import", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "1 problem found:",
        "  bad.xlsx, line 2, column 2, Offers!B2 (count): count must be a whole number, not 'four'",
    ]


def test_template_for_a_host_or_unknown_nation_is_refused(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    result = cli.invoke(app, ["force", "template", "--nation", "IRQ", "--out", "x.xlsx"])
    assert result.exit_code == 2
    assert "IRQ is not an ally or partner of mission TINY" in result.stderr


def test_decide_with_an_unknown_state_says_which_are_known(cli: CliRunner) -> None:
    result = cli.invoke(app, ["force", "decide", "X", "--to", "maybe"])
    assert result.exit_code == 2
    assert "--to must be accepted, declined, queried or withdrawn, not 'maybe'" in result.stderr


def test_edit_a_line_and_see_it_in_the_statement(cli: CliRunner) -> None:
    edited = cli.invoke(app, ["force", "edit", "HQ-001", "--set", "count=2"])
    assert edited.exit_code == 0, edited.output
    listing = cli.invoke(app, ["force", "lines"])
    assert "Training coordinator (J7)" in listing.output
    stale = cli.invoke(app, ["force", "edit", "HQ-001", "--set", "count=3", "--revision", "1"])
    assert stale.exit_code == 4
    assert "changed since revision 1" in stale.stderr


def test_after_plan_capacity_critical_posts_stay_critical(cli: CliRunner) -> None:
    """Tiny's counter-IED instructors are critical (SOR-001): planned and adopted, the plan's
    counter-IED posts, and the guards of the site they teach at, come out critical; the
    derived headquarters, adviser and support posts essential."""
    planned = cli.invoke(app, ["plan", "capacity", "--adopt"])
    assert planned.exit_code == 0, planned.output
    assert cli.invoke(app, ["force", "status"]).exit_code == 0
    lines = json.loads(cli.invoke(app, ["force", "lines", "--json"]).output)
    from_plan = [x for x in lines if re.fullmatch(r"SOR-\d{4}", x["number"])]  # not SOR-001
    assert from_plan
    assert {(x["qualification"], x["criticality"]) for x in from_plan} == {("CIED-INS", "critical")}
    sites = {x["site"] for x in from_plan}
    derived = {
        (x["kind"], x["criticality"])
        for x in lines
        if x["number"].startswith(("SOR-ADV", "SOR-HQ", "SOR-FP", "SOR-SUP"))
        and (x["kind"] != "force_protection" or x["site"] in sites)
    }
    assert ("force_protection", "critical") in derived
    assert {c for k, c in derived if k != "force_protection"} == {"essential"}


def test_status_without_requirement_lines_says_what_to_do(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    bare = tmp_path / "bare.yaml"
    text = TINY.read_text(encoding="utf-8")
    bare.write_text(text[: text.index("\n# The statement of requirements")] + "\n", "utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(bare)]).exit_code == 0
    result = runner.invoke(app, ["force", "status"])
    assert result.exit_code == 3
    assert "has no requirement lines yet" in result.stderr
