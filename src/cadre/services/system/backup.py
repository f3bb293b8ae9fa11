"""A consistent copy of the database, for the operator's backups."""

from __future__ import annotations

import pathlib

from sqlalchemy import Engine

from cadre.storage.backup import backup as copy_database


def backup(engine: Engine, target: pathlib.Path) -> str:
    """Write the copy to `target` (which must not exist); says how it was made."""
    return copy_database(engine, target)
