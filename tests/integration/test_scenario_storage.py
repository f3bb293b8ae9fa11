"""Scenarios stored for real, on SQLite and PostgreSQL: whole, idempotent, guarded by the tables."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from cadre.domain.errors import InvalidInput
from cadre.interchange.scenario_file import read_scenario
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import transaction
from cadre.storage.models import Base, CourseRow, MissionRow, PlanVersionRow
from cadre.storage.scenarios import search_cohorts
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in Base.metadata.tables.items()
        }


def test_migrations_build_exactly_the_tables_of_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_imported_scenario_loads_back_equal(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    assert scenarios.load(work) == read_scenario(TINY)


def test_importing_the_same_file_twice_changes_nothing(engine: Engine, work: UnitOfWork) -> None:
    first = scenarios.import_file(work, TINY)
    with engine.connect() as conn:
        before = conn.execute(select(MissionRow.imported_at, MissionRow.fingerprint)).one()
    counts = table_counts(engine)
    second = scenarios.import_file(work, TINY)
    with engine.connect() as conn:
        after = conn.execute(select(MissionRow.imported_at, MissionRow.fingerprint)).one()
    assert (first.changed, second.changed) == (True, False)
    assert (after, table_counts(engine)) == (before, counts)


def test_invalid_file_leaves_the_database_as_it_was(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    counts = table_counts(engine)
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text().replace("[CIED-101]", "[CIED-999]"), encoding="utf-8")
    with pytest.raises(InvalidInput):
        scenarios.import_file(work, broken)
    assert table_counts(engine) == counts
    assert scenarios.load(work) == read_scenario(TINY)


def test_changed_file_replaces_the_scenario_and_keeps_plan_versions(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    with transaction(engine) as session:
        mission = session.scalars(select(MissionRow)).one()
        session.add(
            PlanVersionRow(
                mission_id=mission.id,
                kind="capacity",
                number=1,
                created_at=dt.datetime.now(dt.UTC),
                status="optimal",
                parameters={},
                scenario_fingerprint=mission.fingerprint,
                scenario_snapshot={},
                summary={},
                result={},
            )
        )
    changed = tmp_path / "changed.yaml"
    changed.write_text(TINY.read_text().replace("trained: 400", "trained: 450"), encoding="utf-8")
    outcome = scenarios.import_file(work, changed)
    assert outcome.changed
    assert scenarios.load(work) == read_scenario(changed)
    assert table_counts(engine)["plan_versions"] == 1


def test_tables_refuse_a_class_minimum_above_its_maximum(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    with transaction(engine) as session:
        course = session.scalars(select(CourseRow).where(CourseRow.code == "CIED-101")).one()
        course.min_class_size = 99
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_cohorts_are_found_by_arabic_or_latin_spelling(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    with transaction(engine) as session:
        by_arabic = [c.code for c in search_cohorts(session, "TINY", "هندسة")]
        by_latin = [c.code for c in search_cohorts(session, "TINY", "HANDASAT")]
        none = [c.code for c in search_cohorts(session, "TINY", "Mosul")]
    assert (by_arabic, by_latin, none) == (["IA-9DIV-ENG"], ["IA-9DIV-ENG"], [])
