"""A consistent copy of the database, for the operator's backups, and the copy put back."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from sqlalchemy import Engine

from cadre.services.system.database import describe, open_work
from cadre.storage.backup import backup as copy_database
from cadre.storage.database import make_engine, upgrade
from cadre.storage.restore import restore as restore_database


def backup(engine: Engine, target: pathlib.Path) -> str:
    """Write the copy to `target` (which must not exist); says how it was made."""
    return copy_database(engine, target)


@dataclass(frozen=True)
class Restored:
    where: str  # the database, as a user may see it
    how: str


def restore(source: pathlib.Path, url: str | None = None, replace: bool = False) -> Restored:
    """Put the backup in `source` into the database at `url`, which must be empty unless
    `replace`; then bring its tables up to date and record the restore in the audit trail."""
    engine = make_engine(url)  # not migrated first: a new database must stay empty for it
    try:
        how = restore_database(engine, source, replace)
        upgrade(engine)
    finally:
        engine.dispose()
    with open_work(url) as uow, uow.transaction() as session:
        uow.audit(session, "database restore", key=source.name, after={"how": how})
        return Restored(describe(uow.engine), how)
