"""`cadre coord …` as a user runs it: import an HXL table, export the register as HXL, list
the gaps; a bad table is refused with each problem located and exit code 2."""

from __future__ import annotations

import io
import pathlib

import hxl
import pytest
from hxl.input import make_input
from typer.testing import CliRunner

from cadre.cli import app
from tests.conftest import EXAMPLES

REGISTER = EXAMPLES / "coordination" / "register-2019.csv"
NEEDS = EXAMPLES / "coordination" / "needs-2019.csv"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    return runner


def test_import_then_export_gives_the_register_back_as_hxl(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    imported = cli.invoke(app, ["coord", "import", str(REGISTER)])
    assert (imported.exit_code, "72 activities stored" in imported.output) == (0, True)
    out = tmp_path / "register.xlsx"
    exported = cli.invoke(app, ["coord", "export", "--hxl", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    rows = list(hxl.data(make_input(io.BytesIO(out.read_bytes()))))
    assert len(rows) == 72
    printed = cli.invoke(app, ["coord", "export", "--hxl"])
    assert printed.output.splitlines()[1].startswith("#activity+code,#org+code")


def test_gaps_lists_the_uncovered_cells_largest_first(cli: CliRunner) -> None:
    for table in (REGISTER, NEEDS):
        assert cli.invoke(app, ["coord", "import", str(table)]).exit_code == 0
    result = cli.invoke(app, ["coord", "gaps", "--top", "5"])
    assert result.exit_code == 0, result.output
    assert "gaps, the largest shortfall first" in result.output
    assert "Ninewa (IQG15)" in result.output


def test_a_bad_table_is_refused_with_located_problems(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(REGISTER.read_text(encoding="utf-8").replace(",IQG08,", ",IQG88,", 1))
    result = cli.invoke(app, ["coord", "import", str(bad)])
    assert result.exit_code == 2
    assert "bad.csv, line 4, column 10, #adm1+code: IQG88 is not the p-code" in result.stderr
    assert cli.invoke(app, ["coord", "export", "--hxl"]).output.count("\n") == 2


def test_export_says_it_needs_hxl(cli: CliRunner) -> None:
    result = cli.invoke(app, ["coord", "export", "--no-hxl"])
    assert result.exit_code in (2,)
