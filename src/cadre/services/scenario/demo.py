"""The demo: a fresh database holding the shipped NATO Mission Iraq example."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from sqlalchemy import make_url

from cadre.domain.errors import NotFound
from cadre.domain.scenario import Scenario
from cadre.services.access import users
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import describe, open_work
from cadre.storage.database import database_url, normalise_url
from cadre.storage.scenarios import list_missions

REPOSITORY = pathlib.Path(__file__).resolve().parents[4]
NMI_EXAMPLE = REPOSITORY / "examples" / "nmi-2018.yaml"


@dataclass(frozen=True)
class DemoTarget:
    """What the demo would change in the database it is pointed at, asked before it does."""

    where: str  # the database, as a user may see it (no password)
    deletes_file: bool  # an SQLite file that is deleted and made again, all it holds with it
    mission: str | None  # a stored mission of the example's code, replaced
    users: int  # accounts already there, beside which the demo adds one per role

    @property
    def fresh(self) -> bool:
        """Nothing there yet: nothing to lose, nothing to ask."""
        return not self.deletes_file and self.mission is None and self.users == 0


def target(scenario_file: pathlib.Path | None = None, url: str | None = None) -> DemoTarget:
    """What `prepare` would change; an SQLite file that does not exist yet is not opened."""
    path = _example(scenario_file)
    address = make_url(normalise_url(url or database_url()))
    if address.drivername.startswith("sqlite"):
        exists = (
            address.database not in (None, "", ":memory:")
            and pathlib.Path(str(address.database)).exists()
        )
        return DemoTarget(address.render_as_string(hide_password=True), exists, None, 0)
    code = scenarios.validate_file(path).mission.code
    with open_work(url) as uow:
        with uow.transaction() as session:
            stored = {m.code for m in list_missions(session)}
        return DemoTarget(
            describe(uow.engine),
            False,
            code if code in stored else None,
            len(users.list_users(uow)),
        )


def _example(scenario_file: pathlib.Path | None) -> pathlib.Path:
    path = scenario_file or NMI_EXAMPLE
    if not path.exists():
        raise NotFound(
            f"the example scenario {path} is missing", code="demo.example_missing", path=str(path)
        )
    return path


def prepare(
    scenario_file: pathlib.Path | None = None, url: str | None = None
) -> tuple[str, Scenario]:
    """Import the example into a fresh database; where it is stored, and the scenario.

    An SQLite file is recreated from nothing; a server database keeps its other missions and
    gets this one replaced.
    """
    path = _example(scenario_file)
    address = make_url(normalise_url(url or database_url()))
    if address.drivername.startswith("sqlite") and address.database not in (None, "", ":memory:"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            pathlib.Path(f"{address.database}{suffix}").unlink(missing_ok=True)
    with open_work(url) as uow:
        outcome = scenarios.import_file(uow, path)
        return describe(uow.engine), scenarios.load(uow, outcome.mission)
