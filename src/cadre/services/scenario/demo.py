"""The demo: a fresh database holding the shipped NATO Mission Iraq example."""

from __future__ import annotations

import pathlib

from sqlalchemy import make_url

from cadre.domain.errors import NotFound
from cadre.domain.scenario import Scenario
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import describe, open_work
from cadre.storage.database import database_url, normalise_url

REPOSITORY = pathlib.Path(__file__).resolve().parents[4]
NMI_EXAMPLE = REPOSITORY / "examples" / "nmi-2018.yaml"


def prepare(
    scenario_file: pathlib.Path | None = None, url: str | None = None
) -> tuple[str, Scenario]:
    """Import the example into a fresh database; where it is stored, and the scenario.

    An SQLite file is recreated from nothing; a server database keeps its other missions and
    gets this one replaced.
    """
    path = scenario_file or NMI_EXAMPLE
    if not path.exists():
        raise NotFound(
            f"the example scenario {path} is missing", code="demo.example_missing", path=str(path)
        )
    target = make_url(normalise_url(url or database_url()))
    if target.drivername.startswith("sqlite") and target.database not in (None, "", ":memory:"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            pathlib.Path(f"{target.database}{suffix}").unlink(missing_ok=True)
    with open_work(url) as uow:
        outcome = scenarios.import_file(uow, path)
        return describe(uow.engine), scenarios.load(uow, outcome.mission)
