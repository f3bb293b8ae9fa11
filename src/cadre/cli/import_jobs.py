"""`--queue` on an import: the file goes to the database with a job that a `cadre worker`
runs (on this machine or another), and the command follows it with a bar as `cadre wait`
does. The report is the one the import gives when it runs here."""

from __future__ import annotations

import pathlib
from typing import Any

from cadre.cli.console import console
from cadre.domain.errors import CadreError, InvalidInput, Problem

# The kinds' names, without importing the job machinery until an import is queued.
TRAINEES_IMPORT, ACTIVITIES_IMPORT = "trainees_import", "activities_import"
QUEUE_HELP = "Run it as a job on a `cadre worker` (PostgreSQL) and follow it."


def queued_import(kind: str, file: pathlib.Path, mission: str | None) -> dict[str, Any]:
    """The import's report once its job succeeded; its problems raised as if run here."""
    from cadre.cli.worker_commands import follow_bar
    from cadre.services.jobs.imports import submit_import
    from cadre.services.jobs.queues import DeferringQueue
    from cadre.services.system.database import open_work

    with open_work() as uow:
        if uow.engine.dialect.name != "postgresql":
            raise InvalidInput(
                "--queue needs a PostgreSQL database and a `cadre worker`; "
                "without it the import runs here",
                code="import.queue_needs_postgresql",
            )
        data = file.read_bytes()
        job = submit_import(uow, DeferringQueue(), None, mission, kind, file.name, data).id
    console.print(f"Job {job} queued (Ctrl-C stops following it; `cadre wait {job}` again).")
    view = follow_bar(job)
    report = view.result or {}
    if view.status == "succeeded":
        return report
    if "problems" in report:  # the file refused: every problem, located
        raise InvalidInput(problems_of(report), code=report["code"], file=file.name)
    raise CadreError(f"job {job} {view.status}: {view.error or view.message}")


def problems_of(report: dict[str, Any]) -> list[Problem]:
    """A refused import's problems, from its job's result, as the import raised them."""
    return [
        Problem(p["message"], p["field"], p["file"], p["line"], p["column"], p["code"], p["params"])
        for p in report.get("problems", [])
    ]
