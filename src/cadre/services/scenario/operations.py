"""Scenario use cases: validate a file, import it whole or not at all, export it back.

The tables are imported by the use cases that open them: validating a file needs no database,
and `cadre validate` starts without SQLAlchemy.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre.domain.fingerprint import fingerprint
from cadre.domain.scenario import Scenario
from cadre.interchange.scenario_file import dump_scenario, read_scenario
from cadre.interchange.schema import json_schema as scenario_json_schema

if TYPE_CHECKING:
    from cadre.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ImportOutcome:
    mission: str
    changed: bool
    counts: dict[str, int]


def validate_file(path: pathlib.Path) -> Scenario:
    """The scenario in `path`; raises InvalidInput with every problem when there are any."""
    return read_scenario(path)


def import_file(uow: UnitOfWork, path: pathlib.Path) -> ImportOutcome:
    """Store the scenario in `path`; an invalid file raises before anything is written."""
    from cadre.storage import scenarios as store

    scenario = read_scenario(path)
    with uow.transaction() as session:
        digest = fingerprint(scenario)
        changed = store.save_scenario(session, scenario, digest)
        if changed:
            uow.audit(
                session,
                "scenario import",
                mission=scenario.mission.code,
                key=path.name,
                after={"fingerprint": digest, "counts": counts(scenario)},
            )
    return ImportOutcome(scenario.mission.code, changed, counts(scenario))


def load(uow: UnitOfWork, mission: str | None = None) -> Scenario:
    from cadre.storage import scenarios as store

    with uow.transaction() as session:
        return store.load_scenario(session, mission)


def export_text(uow: UnitOfWork, mission: str | None = None) -> str:
    return dump_scenario(load(uow, mission))


def counts(s: Scenario) -> dict[str, int]:
    return {
        "contributors": len(s.contributors),
        "sites": len(s.sites),
        "rooms": sum(len(site.rooms) for site in s.sites),
        "disciplines": len(s.disciplines),
        "qualifications": len(s.qualifications),
        "courses": len(s.courses),
        "demands": len(s.demands),
        "caveats": len(s.caveats),
        "pledges": len(s.pledges),
        "trainers": len(s.trainers),
        "cohorts": len(s.cohorts),
    }


def json_schema() -> dict[str, object]:
    """The JSON Schema of scenario files, for editors and other tools."""
    return scenario_json_schema()
