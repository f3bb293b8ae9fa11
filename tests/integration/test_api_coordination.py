"""The coordination register over HTTP: an HXL upload stored all or nothing with located
problems, the lines, map and exports each released per caller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person, run_queued, service

REGISTER = (EXAMPLES / "coordination" / "register-2019.csv").read_bytes()
NEEDS = (EXAMPLES / "coordination" / "needs-2019.csv").read_bytes()
BASE = "/api/v1/missions/NMI/coordination"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with service(db_url, example="nmi-2018.yaml") as client:
        yield client


def test_an_upload_is_stored_and_each_caller_sees_what_is_shared_with_it(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    planner = person(engine, "NATO", ["mission_planner"])
    un = person(engine, "UN", ["coordination_partner"])
    stored = client.post(
        f"{BASE}/import", files={"file": ("register.csv", REGISTER, "text/csv")}, headers=planner
    )
    assert stored.status_code == 202
    assert run_queued(client, stored.json()["id"], planner)["result"]["activities"] == 72
    seen = {
        who: client.get(f"{BASE}/activities", headers=h, params={"limit": 5000}).json()
        for who, h in (("planner", planner), ("un", un))
    }
    orgs = {who: {a["organisation"] for a in page["items"]} for who, page in seen.items()}
    assert "UNMAS" not in orgs["planner"]  # UNMAS shares with the UN and the host only
    assert {"UNMAS", "UNDP"} <= orgs["un"]
    assert "CAN" not in orgs["un"]
    assert "AUS" not in orgs["un"]
    assert seen["planner"]["total"] == len(seen["planner"]["items"])


def test_a_bad_upload_is_refused_with_row_column_and_hashtag(client: TestClient) -> None:
    planner = person(engine_of(client), "NATO", ["mission_planner"])
    bad = REGISTER.replace(b",IQG08,", b",IQG88,", 1)
    queued = client.post(
        f"{BASE}/import", files={"file": ("bad.csv", bad, "text/csv")}, headers=planner
    )
    refused = run_queued(client, queued.json()["id"], planner)
    assert (refused["status"], refused["result"]["count"]) == ("failed", 1)
    assert refused["result"]["problems"] == [
        {
            "file": "bad.csv",
            "field": "#adm1+code",
            "message": "IQG88 is not the p-code of a governorate of Iraq",
            "line": 4,
            "column": 10,
            "code": "coordination.unknown_governorate",
            "params": {"value": "IQG88"},
        }
    ]
    listed = client.get(f"{BASE}/activities", headers=planner).json()
    assert [a for a in listed["items"] if not a["ours"]] == []


def test_the_map_has_the_18_governorates_and_exports_are_hxl(client: TestClient) -> None:
    planner = person(engine_of(client), "NATO", ["mission_planner"])
    for name, data in (("register.csv", REGISTER), ("needs.csv", NEEDS)):
        job = client.post(
            f"{BASE}/import", files={"file": (name, data, "text/csv")}, headers=planner
        ).json()["id"]
        assert run_queued(client, job, planner)["status"] == "succeeded"
    found = client.get(f"{BASE}/map", headers=planner, params={"month": "2019-03"}).json()
    assert len(found["governorates"]) == 18
    gaps = client.get(f"{BASE}/gaps", headers=planner).json()
    assert gaps
    assert gaps[0]["shortfall"] >= gaps[-1]["shortfall"]
    exported = client.get(f"{BASE}/export/gaps", headers=planner, params={"format": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text.splitlines()[1].startswith("#adm1+name,#adm1+code,#sector+code")


def test_a_role_that_does_not_read_the_register_is_refused(client: TestClient) -> None:
    contributor = person(engine_of(client), "SWE", ["national_contributor"])
    assert client.get(f"{BASE}/activities", headers=contributor).status_code == 403
