"""Shared fixtures: a fresh database per test, on SQLite and, where a server answers, PostgreSQL."""

from __future__ import annotations

import os
import pathlib
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine

from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import make_engine, upgrade

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
POSTGRES_URL = os.environ.get(
    "CADRE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("CADRE_REQUIRE_POSTGRES") == "1"
_postgres_skipped: list[str] = []


def _postgres_unavailable() -> str | None:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.Error as err:
        return (
            f"no PostgreSQL server answers at {POSTGRES_URL} ({str(err).strip().splitlines()[0]})"
        )


@pytest.fixture(scope="session")
def postgres_reason() -> str | None:
    return _postgres_unavailable()


def database_url(kind: str, tmp_path: pathlib.Path, reason: str | None) -> Iterator[str]:
    """A URL of an empty database of `kind`; PostgreSQL gets a schema of its own per test."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'cadre.db'}"
        return
    if reason is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here (CADRE_REQUIRE_POSTGRES=1) but {reason}")
        _postgres_skipped.append(reason)
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(
    request: pytest.FixtureRequest, tmp_path: pathlib.Path, postgres_reason: str | None
) -> Iterator[str]:
    yield from database_url(request.param, tmp_path, postgres_reason)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _postgres_skipped:
        terminalreporter.write_line(
            f"NOTE: {len(_postgres_skipped)} PostgreSQL tests were SKIPPED because "
            f"{_postgres_skipped[0]}. Start PostgreSQL or set CADRE_TEST_POSTGRES_URL; "
            "CI (CADRE_REQUIRE_POSTGRES=1) fails instead of skipping.",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def work(engine: Engine) -> UnitOfWork:
    """The unit of work a use case receives, on the test's database, acting for "test"."""
    return UnitOfWork(engine, actor="test")
