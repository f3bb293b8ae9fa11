"""The pathway, seats abroad and xAPI through the API, on SQLite and PostgreSQL: progress and
the host-led share for those who may read them, a nomination refused with its codes, and the
statements a school reads (pseudonyms, no names) while a planner reads none of them."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.training import enrolment, operations, pathway
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_training_enrolment import person
from tests.integration.test_training_pathway import LATER, SCENARIO
from tests.service_support import engine_of, service
from tests.service_support import person as account

BASE = "/api/v1/missions/TINY"


@pytest.fixture
def client(db_url: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CADRE_XAPI_KEY", "test pseudonym key")
    path = tmp_path / "tiny-pathway.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    with service(db_url, example=None) as running:
        work = UnitOfWork(engine_of(running))
        scenarios.import_file(work, path)
        schedule.schedule(work, seconds=3, workers=1, adopt=True)
        yield running


def test_pathway_abroad_and_xapi_through_the_api(client: TestClient) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    school = account(engine, "NATO", ["school_staff"])
    planner = account(engine, "NATO", ["mission_planner"])
    ali = operations.create_trainee(work, None, person("1")).view.id
    pathway.enter_person(work, None, "T-IRQ-01", ali, None)
    pathway.record_lead(work, None, "R-01", "T-IRQ-01", LATER)
    enrolment.enrol(work, None, "R-01", ali)

    found = client.get(f"{BASE}/pathway", params={"today": "2019-12-31"}, headers=school)
    assert found.status_code == 200, found.text
    (line,) = found.json()
    assert (line["trainer"], line["disciplines"][0]["level"]) == (
        "T-IRQ-01",
        "assistant_instructor",
    )
    assert client.get(f"{BASE}/pathway", headers=planner).status_code == 403
    share = client.get(f"{BASE}/pathway/host-led", headers=planner)
    assert share.json() == [
        {"school": "TAJI", "discipline": "CIED", "month": "2019-03", "runs": 1, "host_led": 1,
         "share": 1.0}
    ]  # fmt: skip

    seat = {"code": "ITA-1", "course": "CIED-TTT", "nation": "ITA", "school": "Roma",
            "start": "2019-09-01", "end": "2019-09-20", "language": "en", "seats": 1}  # fmt: skip
    assert client.post(f"{BASE}/abroad", json=seat, headers=school).status_code == 201
    refused = client.post(f"{BASE}/abroad/ITA-1/nominations", json={"trainee": ali}, headers=school)
    assert refused.status_code == 422
    assert [p["code"] for p in refused.json()["problems"]] == ["abroad.language_level"]
    assert client.get(f"{BASE}/abroad", headers=school).json()[0]["nominated"] == []

    statements = client.get(f"{BASE}/xapi", headers=school)
    assert statements.status_code == 200, statements.text
    (enrolled,) = statements.json()["statements"]
    assert enrolled["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert "علي" not in statements.text
    assert client.get(f"{BASE}/xapi", headers=planner).status_code == 403
