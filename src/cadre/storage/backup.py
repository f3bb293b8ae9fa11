"""A consistent copy of the database in one file: SQLite's own `VACUUM INTO` (a snapshot
taken inside one read transaction, safe while the service writes), or `pg_dump` for
PostgreSQL (also one snapshot), in its custom format for `pg_restore`."""

from __future__ import annotations

import pathlib
import shutil
import subprocess

from sqlalchemy import Engine

from cadre.domain.errors import InvalidInput


def backup(engine: Engine, target: pathlib.Path) -> str:
    """Write the copy to `target`, which must not exist yet; says how it was made."""
    if target.exists():
        raise InvalidInput(f"{target} already exists; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise InvalidInput(f"{target.parent} is not a directory")
    if engine.dialect.name == "sqlite":
        return _sqlite(engine, target)
    if engine.dialect.name == "postgresql":
        return _postgres(engine, target)
    raise InvalidInput(f"backups of {engine.dialect.name} databases are not supported")


def _sqlite(engine: Engine, target: pathlib.Path) -> str:
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("VACUUM INTO ?", (str(target),))
    return "SQLite VACUUM INTO"


def _postgres(engine: Engine, target: pathlib.Path) -> str:
    program = shutil.which("pg_dump")
    if program is None:
        raise InvalidInput(
            "pg_dump is not installed here; install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) or back up with the server's own tools"
        )
    url = engine.url.set(drivername="postgresql")
    options = url.query.get("options", "")
    command = [program, "--format=custom", f"--file={target}"]
    # A search path in the URL means the tables live in that schema: dump just that one.
    for part in (options if isinstance(options, str) else " ".join(options)).split():
        if part.startswith("-csearch_path="):
            command.append(f"--schema={part.split('=', 1)[1].split(',')[0]}")
    dsn = url.render_as_string(hide_password=False)
    done = subprocess.run(
        [*command, f"--dbname={dsn}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise InvalidInput(f"pg_dump failed: {done.stderr.strip() or done.returncode}")
    return "pg_dump (custom format; restore with pg_restore)"
