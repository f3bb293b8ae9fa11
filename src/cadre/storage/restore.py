"""A backup put back: an SQLite copy through SQLite's own backup API, a `pg_dump` archive
through `pg_restore` in one transaction. Into an empty database only, unless told to replace
what it holds (then it is emptied first: the file deleted, or the schema dropped and made).
"""

from __future__ import annotations

import pathlib
import shutil
import sqlite3
import subprocess
import tempfile

from sqlalchemy import Engine, inspect, text

from cadre.domain.errors import Conflict, InvalidInput, NotFound


def restore(engine: Engine, source: pathlib.Path, replace: bool = False) -> str:
    """Put the backup in `source` into the database of `engine`; says how it was done."""
    if not source.is_file():
        raise NotFound(f"{source} is not a file", code="restore.no_file", path=str(source))
    if engine.dialect.name == "sqlite":
        return _sqlite(engine, source, replace)
    if engine.dialect.name == "postgresql":
        return _postgres(engine, source, replace)
    raise InvalidInput(f"restoring {engine.dialect.name} databases is not supported")


def _refuse_unless_empty(engine: Engine, replace: bool) -> None:
    held = inspect(engine).get_table_names()
    if held and not replace:
        where = engine.url.render_as_string(hide_password=True)
        raise Conflict(
            f"{where} is not empty ({len(held)} tables); a backup is restored into an empty "
            "database, or replaces what the database holds when told to",
            code="restore.not_empty",
            where=where,
            tables=len(held),
        )


def _sqlite(engine: Engine, source: pathlib.Path, replace: bool) -> str:
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{source} is not an SQLite database") from None
    if "alembic_version" not in tables:
        raise InvalidInput(f"{source} is not a backup of Cadre's database (no alembic_version)")
    target = engine.url.database
    if not target or target == ":memory:":
        raise InvalidInput("an SQLite database in memory cannot be restored into")
    _refuse_unless_empty(engine, replace)
    engine.dispose()
    for suffix in ("", "-wal", "-shm", "-journal"):
        pathlib.Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as backup, sqlite3.connect(target) as restored:
        backup.backup(restored)
    return "SQLite backup API"


def _postgres(engine: Engine, source: pathlib.Path, replace: bool) -> str:
    program = shutil.which("pg_restore")
    if program is None:
        raise InvalidInput(
            "pg_restore is not installed here; install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client)"
        )
    listing = subprocess.run(
        [program, "--list", str(source)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise InvalidInput(f"{source} is not a pg_dump archive in the custom format")
    with engine.connect() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    dumped = {
        line.split()[4]
        for line in listing.stdout.splitlines()
        if _entry(line) == "TABLE" and line.split()[4] != "DATA"  # not "TABLE DATA s t"
    }
    if dumped and dumped != {schema}:
        raise InvalidInput(
            f"{source} holds the tables of schema {', '.join(sorted(dumped))}; this database "
            f"keeps them in {schema}: point the database URL's search_path at that schema"
        )
    _refuse_unless_empty(engine, replace)
    with engine.begin() as connection:
        if replace:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    # The schema is there already: restore everything but its creation.
    kept = [line for line in listing.stdout.splitlines() if _entry(line) != "SCHEMA"]
    with tempfile.NamedTemporaryFile("w", suffix=".list") as contents:
        contents.write("\n".join(kept) + "\n")
        contents.flush()
        url = engine.url.set(drivername="postgresql")
        done = subprocess.run(
            [program, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
             f"--use-list={contents.name}", f"--dbname={url.render_as_string(hide_password=False)}",
             str(source)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise InvalidInput(f"pg_restore failed, nothing restored: {done.stderr.strip()}")
    return "pg_restore (one transaction)"


def _entry(line: str) -> str | None:
    """The kind of object of a line of `pg_restore --list` ("215; 1259 16390 TABLE s t o")."""
    if line.startswith(";") or ";" not in line:
        return None
    words = line.split()
    return words[3] if len(words) > 4 else None
