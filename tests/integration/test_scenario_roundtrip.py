"""Import → export → import gives identical data, for any valid scenario (a property)."""

from __future__ import annotations

import pathlib

from hypothesis import HealthCheck, given, settings

from cadre.domain.rules import check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.registries import registries
from cadre.interchange.scenario_file import dump_scenario, parse_scenario
from cadre.services.scenario import operations as service
from cadre.services.system.database import open_database
from cadre.services.unit_of_work import UnitOfWork
from tests.strategies import scenarios


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scenario=scenarios())
def test_import_export_import_gives_identical_data(
    scenario: Scenario, db_url: str, tmp_path: pathlib.Path
) -> None:
    assert check_scenario(scenario, registries()) == []
    written = tmp_path / "scenario.yaml"
    written.write_text(dump_scenario(scenario), encoding="utf-8")
    with open_database(db_url) as engine:
        service.import_file(UnitOfWork(engine), written)
        exported = service.export_text(UnitOfWork(engine), scenario.mission.code)
        again = tmp_path / "again.yaml"
        again.write_text(exported, encoding="utf-8")
        second = service.import_file(UnitOfWork(engine), again)
        stored = service.load(UnitOfWork(engine), scenario.mission.code)
    assert parse_scenario(exported) == scenario
    assert (second.changed, stored) == (False, scenario)
