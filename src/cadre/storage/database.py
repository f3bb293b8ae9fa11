"""Engines and sessions: SQLite by default, PostgreSQL when `CADRE_DATABASE_URL` says so."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///cadre.db"
MIGRATIONS = pathlib.Path(__file__).parent / "migrations"


def database_url() -> str:
    return os.environ.get("CADRE_DATABASE_URL", DEFAULT_URL)


def normalise_url(url: str) -> str:
    """Plain `postgresql://` URLs use psycopg 3, the driver Cadre installs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str | None = None, **options: Any) -> Engine:
    engine = create_engine(normalise_url(url or database_url()), **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off in SQLite unless asked for; WAL lets readers work during a write;
    # FULL makes a committed import survive a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's tables up to `revision`; a new database gets every table."""
    command.upgrade(alembic_config(engine), revision)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together or, on any error, not at all."""
    with session_factory(engine)() as session, session.begin():
        yield session
