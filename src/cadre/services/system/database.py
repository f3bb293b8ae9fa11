"""The database a command works on, migrated to the current tables before any use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from cadre.storage import database


@contextmanager
def open_database(url: str | None = None) -> Iterator[Engine]:
    """An engine on the database at `url` (default: the settings'), closed when done."""
    engine = database.make_engine(url)
    try:
        database.upgrade(engine)
        yield engine
    finally:
        engine.dispose()


def describe(engine: Engine) -> str:
    """The database's address as a user may see it: never with its password."""
    return engine.url.render_as_string(hide_password=True)
