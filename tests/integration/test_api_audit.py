"""The audit trail through the API: who did what, before and after, for auditors only, and no
back door to what releasability hides."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.service_support import engine_of, person, service


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        yield client


def edit(api: TestClient, headers: dict[str, str], path: str, **changes: object) -> None:
    read = api.get(path, headers=headers).json()
    answer = api.put(
        path, headers=headers | {"If-Match": read["etag"]}, json=read["data"] | changes
    )
    assert answer.status_code == 200, answer.text


def test_an_entry_about_a_record_hidden_from_an_auditor_is_left_out_with_its_count(
    api: TestClient,
) -> None:
    canadian = person(engine_of(api), "CAN", ["national_contributor"])
    alliance_auditor = person(engine_of(api), "NATO", ["auditor"])
    canadian_auditor = person(engine_of(api), "CAN", ["auditor"])
    edit(api, canadian, "/api/v1/missions/TINY/pledges/P-CAN-1", count=5)
    read = api.get("/api/v1/missions/TINY/pledges/P-CAN-1", headers=canadian).json()
    relabelled = api.put(
        "/api/v1/missions/TINY/labels/pledges/P-CAN-1",
        headers=canadian | {"If-Match": read["etag"]},
        json={"classification": "NATO UNCLASSIFIED", "owner": "CAN", "releasable_to": ["CAN"]},
    )
    edit(api, canadian, "/api/v1/missions/TINY/pledges/P-CAN-1", count=4)
    seen_by = {
        who: api.get("/api/v1/audit?kind=pledges", headers=headers).json()
        for who, headers in (("NATO", alliance_auditor), ("CAN", canadian_auditor))
    }
    assert relabelled.status_code == 200
    assert {
        who: (page["total"], [e["action"] for e in page["items"]]) for who, page in seen_by.items()
    } == {
        "NATO": (1, ["replace"]),
        "CAN": (3, ["replace", "label", "replace"]),
    }
    assert seen_by["NATO"]["items"][0]["after"]["record"]["count"] == 5


def test_the_trail_is_for_auditors_and_its_chain_is_whole(api: TestClient) -> None:
    planner = person(engine_of(api), "NATO", ["mission_planner"])
    auditor = person(engine_of(api), "NATO", ["auditor"])
    edit(api, planner, "/api/v1/missions/TINY/sites/TAJI", region="Baghdad Governorate")
    refused = api.get("/api/v1/audit", headers=planner)
    verified = api.get("/api/v1/audit/verification", headers=auditor).json()
    assert (refused.status_code, refused.json()["message"]) == (
        403,
        "the role mission planner may not inspect audit trail",
    )
    # the scenario's import, two users added, the edit, the auditor's token
    assert (verified["intact"], verified["findings"], verified["entries"]) == (True, [], 6)
