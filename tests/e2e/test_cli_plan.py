"""`cadre plan ...` as a planner runs it: plan, write JSON and plots, compare two versions."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.conftest import EXAMPLES


@pytest.fixture
def cli(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    return runner


def test_plan_writes_json_and_plots_and_prints_the_handover(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out, plots = tmp_path / "plan.json", tmp_path / "plots"
    result = cli.invoke(app, ["plan", "capacity", "--json", str(out), "--plots", str(plots)])
    assert result.exit_code == 0, result.output
    assert "Handover by discipline" in result.output
    assert "All demand is met." in result.output
    assert "Peak deployed force" in result.output
    assert "Whole deployed force" in result.output
    stored = json.loads(out.read_text())
    assert stored["status"] == "optimal"
    by_month = zip(*stored["deployed"].values(), strict=True)
    assert stored["headline"]["peak_deployed"] == max(map(sum, by_month))
    assert sorted(p.name for p in plots.iterdir()) == [
        f"{name}.{suffix}"
        for name in ("graduates-vs-demand", "handover-timeline", "training-force")
        for suffix in ("png", "svg")
    ]


def test_earliest_handover_when_asked_shows_beside_the_plans_and_in_the_json(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "plan.json"
    start = "--set", "handover_by=CIED:2019-01"  # tiny.yaml starts then: no host cadre yet
    result = cli.invoke(app, ["plan", "capacity", "--earliest", *start, "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Could hand over from" in result.output
    assert "cannot be met: the host could" in result.output
    handovers = json.loads(out.read_text())["handovers"]
    assert all(h["earliest_known"] for h in handovers)
    cied = next(h for h in handovers if h["subject"] == "CIED")
    assert cied["reason"].startswith("target Jan 2019 cannot be met")
    plain = cli.invoke(app, ["plan", "capacity"])
    assert "Could hand over from" not in plain.output


def test_whole_runs_when_asked_carry_their_cost_against_the_continuous_plan(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "plan.json"
    result = cli.invoke(app, ["plan", "capacity", "--whole-runs", "--json", str(out)])
    assert result.exit_code == 0, result.output
    stored = json.loads(out.read_text())
    # The rounding proves no optimum: the plan is feasible, with what whole runs cost.
    assert stored["status"] == "feasible"
    assert stored["rounding"]["unmet"] == 0
    assert stored["rounding"]["objective"] >= stored["rounding"]["bound_objective"]
    in_country = [r["runs"] for r in stored["runs"] if r["mode"] != "out_of_country"]
    assert in_country
    assert all(n == round(n) for n in in_country)
    listed = json.loads(cli.invoke(app, ["plan", "list", "--json"]).output)
    assert [(p["number"], p["status"]) for p in listed] == [(1, "feasible")]
    assert "Runs are continuous" not in result.output


def test_a_continuous_plan_says_its_fractions_are_not_classes(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "plan.json"
    result = cli.invoke(app, ["plan", "capacity", "--json", str(out)])
    assert result.exit_code == 0, result.output
    runs = [r["runs"] for r in json.loads(out.read_text())["runs"] if r["mode"] != "out_of_country"]
    fractional = any(abs(n - round(n)) > 1e-6 for n in runs)
    assert fractional  # the example's continuous plan has them; the sentence is for them
    assert "Runs are continuous" in " ".join(result.output.split())


def test_compare_shows_two_versions_side_by_side(cli: CliRunner) -> None:
    assert cli.invoke(app, ["plan", "capacity"]).exit_code == 0
    assert cli.invoke(app, ["plan", "capacity", "--set", "attrition=0.05"]).exit_code == 0
    result = cli.invoke(app, ["plan", "compare", "1", "2"])
    assert result.exit_code == 0, result.output
    assert "handover: Counter-IED" in result.output
    assert "foreign instructor-months" in result.output
    assert "peak deployed force" in result.output
    listed = cli.invoke(app, ["plan", "list"])
    assert listed.exit_code == 0, listed.output
    for figure in ("peak deployed force", "peak training force"):  # whole force and trainers
        assert figure in listed.output


def test_compare_says_which_plan_has_whole_runs_and_when_the_host_could_hand_over(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    assert cli.invoke(app, ["plan", "capacity", "--seconds", "10"]).exit_code == 0
    out = tmp_path / "whole.json"
    made = cli.invoke(
        app,
        ["plan", "capacity", "--whole-runs", "--earliest", "--seconds", "10", "--json", str(out)],
    )
    assert made.exit_code == 0, made.output
    plan = json.loads(out.read_text())
    earliest = dt.date.fromisoformat(plan["handovers"][0]["earliest"])
    result = cli.invoke(app, ["plan", "compare", "1", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()  # a table off a terminal is a list, a row a line
    assert "- runs — 1: continuous; 2: whole" in lines
    unmet = plan["rounding"]["unmet"]
    assert f"- more unmet than continuous — 1: —; 2: {unmet:,.1f}" in lines
    # Plan 1 was not asked for the earliest possible handover: a dash, not "never".
    assert f"- could hand over from: Counter-IED — 1: —; 2: {earliest:%b %Y}" in lines


def test_a_malformed_setting_is_refused_without_a_traceback(cli: CliRunner) -> None:
    result = cli.invoke(app, ["plan", "capacity", "--set", "attrition"])
    assert result.exit_code == 2
    assert "write it as name=value" in result.stderr
    assert "Traceback" not in result.output


def test_sweep_prints_its_ranges_writes_band_plots_and_answers_json(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    plots = tmp_path / "bands"
    shown = cli.invoke(
        app, ["plan", "sweep", "--samples", "4", "--seed", "5", "--plots", str(plots)]
    )
    assert shown.exit_code == 0, shown.output
    assert "Capacity sweep (version 1): 4 samples" in shown.output
    assert "Handover month by discipline" in shown.output
    assert "rank correlation" in shown.output
    assert sorted(p.name for p in plots.iterdir()) == [
        f"{name}.{suffix}"
        for name in ("sweep-force", "sweep-handovers")
        for suffix in ("png", "svg")
    ]
    again = cli.invoke(app, ["plan", "sweep", "--samples", "4", "--seed", "5", "--json"])
    assert again.exit_code == 0, again.output
    document = json.loads(again.output)
    assert document["version"] == 2
    band = document["sweep"]["force"]
    assert all(a <= b <= c for a, b, c in zip(band["p10"], band["p50"], band["p90"], strict=True))
    refused = cli.invoke(app, ["plan", "sweep", "--samples", "1001"])
    assert refused.exit_code != 0


def test_plan_with_actuals_keeps_their_months_or_lists_every_bad_row(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    sheet = tmp_path / "actuals.csv"
    sheet.write_text(
        "month,course,entrants\n2019-01,CIED-101,20\n2019-02,CIED-999,5\n2019-02,CIED-101,x\n",
        encoding="utf-8",
    )
    refused = cli.invoke(app, ["plan", "capacity", "--actuals", str(sheet)])
    assert refused.exit_code == 2
    assert "CIED-999" in refused.stderr
    assert "not 'x'" in refused.stderr
    assert "Traceback" not in refused.output
    assert "no version yet" in cli.invoke(app, ["plan", "show"]).stderr  # nothing was kept

    sheet.write_text("month,course,entrants\n2019-01,CIED-101,20\n", encoding="utf-8")
    out = tmp_path / "plan.json"
    kept = cli.invoke(
        app,
        ["plan", "capacity", "--actuals", str(sheet), "--through", "2019-03", "--json", str(out)],
    )
    assert kept.exit_code == 0, kept.output
    stored = json.loads(out.read_text())
    assert stored["trainees"]["CIED-101"][:2] == [20.0, 0.0]
    assert any("actuals to 2019-02" in note for note in stored["notes"])
