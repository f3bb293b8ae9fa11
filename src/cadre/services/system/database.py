"""The database a command works on, migrated to the current tables before any use.

SQLAlchemy and the tables are imported when a database is opened, not when this module is:
a command that reads only a file (`cadre validate`) starts without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from cadre.services.unit_of_work import UnitOfWork


@contextmanager
def open_database(url: str | None = None) -> Iterator[Engine]:
    """An engine on the database at `url` (default: the settings'), closed when done."""
    from cadre.storage import database

    engine = database.make_engine(url)
    try:
        database.upgrade(engine)
        if engine.dialect.name == "postgresql":
            from cadre.storage.queue import ensure_queue_schema

            ensure_queue_schema(engine)  # the job queue's own tables (Procrastinate's)
        yield engine
    finally:
        engine.dispose()


@contextmanager
def open_work(url: str | None = None, actor: str | None = None) -> Iterator[UnitOfWork]:
    """The unit of work of a command at this terminal: the database at `url`, and the
    operating-system user (or `actor`) as the one the audit trail names."""
    from cadre.services.unit_of_work import UnitOfWork, local_actor

    with open_database(url) as engine:
        yield UnitOfWork(engine, actor=actor or local_actor())


def describe(engine: Engine) -> str:
    """The database's address as a user may see it: never with its password."""
    return engine.url.render_as_string(hide_password=True)
