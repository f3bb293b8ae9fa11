"""`cadre pathway …`, `cadre abroad …`, `cadre actuals …` and `cadre xapi …` as a user runs
them on a tiny mission with a timetable: a host instructor's progress, an offer abroad with a
refused nomination (exit code 2), the actuals, a statements file, and a send with no LRS set."""

from __future__ import annotations

import json
import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app
from tests.integration.test_training_pathway import SCENARIO


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("CADRE_XAPI_KEY", "test pseudonym key")
    monkeypatch.delenv("CADRE_LRS_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "tiny.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(path)]).exit_code == 0
    made = runner.invoke(app, ["schedule", "--seconds", "3", "--adopt"])
    assert made.exit_code == 0, made.output
    trainees = tmp_path / "t.csv"
    trainees.write_text(
        "service,service_number,name_ar,vetting_status,vetting_date,vetting_authority\n"
        "IA,9001,علي كاظم,cleared,2019-01-10,MoD J2\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["trainees", "import", str(trainees)]).exit_code == 0
    return runner


def test_the_pathway_the_seats_abroad_and_xapi_at_the_command_line(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    assert cli.invoke(app, ["pathway", "person", "T-IRQ-01", "1"]).exit_code == 0
    shown = cli.invoke(app, ["pathway", "show", "--today", "2019-12-31"])
    assert shown.exit_code == 0, shown.output
    assert "assistant_instructor" in shown.output
    assert "supervised_runs" in shown.output

    offered = cli.invoke(app, ["abroad", "offer", "ITA-1", "--course", "CIED-TTT", "--nation",
                               "ITA", "--school", "Roma", "--start", "2019-09-01", "--end",
                               "2019-09-20", "--language", "en", "--seats", "2"])  # fmt: skip
    assert offered.exit_code == 0, offered.output
    refused = cli.invoke(app, ["abroad", "nominate", "ITA-1", "1"])
    assert refused.exit_code == 2
    assert "level 0 in en" in refused.output

    counted = cli.invoke(app, ["actuals", "show", "--through", "2020-01-01"])
    assert counted.exit_code == 0, counted.output

    out = tmp_path / "statements.json"
    written = cli.invoke(app, ["xapi", "export", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert json.loads(out.read_text(encoding="utf-8")) == {"statements": []}
    unset = cli.invoke(app, ["xapi", "send"])
    assert unset.exit_code == 2
    assert "CADRE_LRS_URL" in unset.output
