"""A corpus of malformed scenario files, one per rule: each is rejected with its precise
problems, and importing it stores nothing.

Every file in tests/data/malformed starts with comment lines:

    # rule: <the rule it breaks, in one sentence>
    # expect: line L, column C, FIELD: reason      (one line per problem, in the order printed)

An `# expect:` without a line (an undecodable file) is printed as `FILE: reason`.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from sqlalchemy import func, inspect, literal_column, select, table
from typer.testing import CliRunner

from cadre.cli import app
from cadre.storage.database import make_engine
from cadre.storage.models import Base
from tests.conftest import EXAMPLES, ROOT

CORPUS = ROOT / "tests" / "data" / "malformed"
FILES = sorted(CORPUS.glob("*.yaml"))
TINY = EXAMPLES / "tiny.yaml"
NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")


def header(path: pathlib.Path) -> tuple[str | None, list[str]]:
    """The file's `# rule:` and its `# expect:` lines, read from the leading comment lines.

    Read as bytes, line by line, so a file that is not UTF-8 further down still has a header.
    """
    rule: str | None = None
    expected: list[str] = []
    for raw in path.read_bytes().splitlines():
        if not raw.startswith(b"#"):
            break
        line = raw.decode("utf-8")
        if line.startswith("# rule: "):
            assert rule is None, f"{path.name} has two # rule: lines"
            rule = line.removeprefix("# rule: ").strip()
        elif line.startswith("# expect: "):
            expected.append(line.removeprefix("# expect: ").rstrip())
    return rule, expected


def printed(path: pathlib.Path, expected: list[str]) -> list[str]:
    """What `cadre validate` prints on standard error for these expectations."""
    count = len(expected)
    lines = [f"{count} problem{'s' if count != 1 else ''} found:"]
    for problem in expected:
        sep = ", " if problem.startswith("line ") else ": "
        lines.append(f"  {path}{sep}{problem}")
    return lines


def test_the_corpus_has_at_least_25_files_named_by_number_and_rule() -> None:
    assert len(FILES) >= 25
    assert [p.name for p in FILES if not NAME.match(p.name)] == []


def test_every_file_names_a_distinct_rule_and_expects_a_problem() -> None:
    headers = {p.name: header(p) for p in FILES}
    assert [name for name, (rule, _) in headers.items() if not rule] == []
    assert [name for name, (_, expected) in headers.items() if not expected] == []
    rules = [rule for rule, _ in headers.values()]
    assert sorted(r for r in set(rules) if rules.count(r) > 1) == []


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> CliRunner:
    # validate needs no database; point at a scratch one so nothing near the repo is touched
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_validate_rejects_the_file_with_exactly_its_problems(
    runner: CliRunner, path: pathlib.Path
) -> None:
    _, expected = header(path)
    result = runner.invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == printed(path, expected)


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def stored(cli: CliRunner, db_url: str) -> tuple[str, dict[str, list[str]]]:
    """The exported scenario, and every row of every table in the database."""
    export = cli.invoke(app, ["export"])
    assert export.exit_code == 0, export.output
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            assert set(Base.metadata.tables) <= set(names)
            rows: dict[str, list[str]] = {}
            for name in names:  # every table, also those the models do not map (alembic's)
                everything = select(literal_column("*")).select_from(table(name))
                rows[name] = sorted(map(repr, conn.execute(everything)))
                count = conn.scalar(select(func.count()).select_from(table(name)))
                assert count == len(rows[name])
    finally:
        engine.dispose()
    return export.stdout, rows


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_import_stores_nothing(cli: CliRunner, db_url: str, path: pathlib.Path) -> None:
    first = cli.invoke(app, ["import", str(TINY)])
    assert first.exit_code == 0, first.output
    before = stored(cli, db_url)
    assert before[1]["missions"], "tiny.yaml should have been stored"

    _, expected = header(path)
    result = cli.invoke(app, ["import", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == printed(path, expected)

    assert stored(cli, db_url) == before
