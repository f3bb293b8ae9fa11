"""Scenario records through the API, on SQLite and PostgreSQL: read, filter, page, write with
the importer's rules and a version check, and every write in the audit trail."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.domain.errors import InvalidInput
from cadre.services.access import audit
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person, service


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        yield client


@pytest.fixture
def planner(api: TestClient) -> dict[str, str]:
    return person(engine_of(api), "NATO", ["mission_planner"], username="anna")


def test_the_openapi_document_is_served_under_the_version(api: TestClient) -> None:
    document = api.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Cadre"
    assert "/api/v1/missions/{mission}/pledges/{key}" in document["paths"]


def test_a_list_pages_and_filters(api: TestClient, planner: dict[str, str]) -> None:
    first = api.get("/api/v1/missions/TINY/courses?limit=1", headers=planner).json()
    second = api.get("/api/v1/missions/TINY/courses?limit=1&offset=1", headers=planner).json()
    found = api.get("/api/v1/missions/TINY/courses?level=instructor", headers=planner).json()
    searched = api.get("/api/v1/missions/TINY/cohorts?q=الفرقه", headers=planner).json()
    assert [(p["total"], [i["key"] for i in p["items"]]) for p in (first, second, found)] == [
        (2, ["CIED-101"]),
        (2, ["CIED-TTT"]),
        (1, ["CIED-TTT"]),
    ]
    assert [i["key"] for i in searched["items"]] == ["IA-9DIV-ENG"]


def test_a_record_comes_with_its_label_and_version(
    api: TestClient, planner: dict[str, str]
) -> None:
    response = api.get("/api/v1/missions/TINY/pledges/P-SWE-1", headers=planner)
    body = response.json()
    assert response.headers["ETag"] == f'"{body["etag"]}"'
    assert {k: body[k] for k in ("kind", "key", "label")} == {
        "kind": "pledges",
        "key": "P-SWE-1",
        "label": {
            "classification": "NATO UNCLASSIFIED",
            "owner": "SWE",
            "releasable_to": ["NATO", "SWE"],
        },
    }


def test_a_change_is_stored_and_recorded_with_before_and_after(
    api: TestClient, planner: dict[str, str]
) -> None:
    read = api.get("/api/v1/missions/TINY/sites/BESMAYA", headers=planner).json()
    changed = read["data"] | {"region": "Baghdad Governorate"}
    response = api.put(
        "/api/v1/missions/TINY/sites/BESMAYA",
        headers=planner | {"If-Match": f'"{read["etag"]}"'},
        json=changed,
    )
    again = api.get("/api/v1/missions/TINY/sites/BESMAYA", headers=planner).json()
    trail = audit.entries_page(UnitOfWork(engine_of(api)), _auditor(api)).entries
    assert response.status_code == 200
    assert again["data"]["region"] == "Baghdad Governorate"
    assert [
        (e.actor, e.action, e.key, e.before["record"]["region"], e.after["record"]["region"])
        for e in trail
        if e.kind == "sites"
    ] == [("anna", "replace", "BESMAYA", "Baghdad", "Baghdad Governorate")]


def _auditor(api: TestClient):  # type: ignore[no-untyped-def]
    from cadre.access.policy import Principal, Role

    return Principal("audra", "NATO", frozenset({Role.AUDITOR}))


def test_the_api_refuses_what_the_importer_refuses_naming_each_field(
    api: TestClient, planner: dict[str, str], tmp_path: pathlib.Path
) -> None:
    read = api.get("/api/v1/missions/TINY/courses/CIED-101", headers=planner).json()
    broken = read["data"] | {"min_class_size": 40, "prerequisites": ["CIED-999"]}
    response = api.put(
        "/api/v1/missions/TINY/courses/CIED-101",
        headers=planner | {"If-Match": read["etag"]},
        json=broken,
    )
    # The same change written into the scenario file, for the importer.
    text = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
    file = tmp_path / "broken.yaml"
    file.write_text(
        text.replace("    min_class_size: 12\n", "    min_class_size: 40\n", 1).replace(
            "    pass_rate: 0.85\n", "    pass_rate: 0.85\n    prerequisites: [CIED-999]\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as imported:
        scenarios.validate_file(file)
    assert response.status_code == 422
    body = response.json()
    # A problem also carries its line, column, code and params; the words are what differ here.
    body["problems"] = [{k: p[k] for k in ("field", "message")} for p in body["problems"]]
    assert {k: body[k] for k in ("status", "error", "message", "problems")} == {
        "status": 422,
        "error": "invalid_input",
        "message": "2 problems found",
        "problems": [
            {
                "field": "prerequisites[0]",
                "message": "course CIED-101 requires CIED-999, which is not in the catalogue",
            },
            {
                "field": "min_class_size",
                "message": "course CIED-101: the smallest class (40) is larger than the "
                "largest (30)",
            },
        ],
    }
    assert sorted(p["message"] for p in response.json()["problems"]) == sorted(
        p.reason for p in imported.value.problems
    )


def test_a_write_without_a_version_is_refused_and_changes_nothing(
    api: TestClient, planner: dict[str, str]
) -> None:
    read = api.get("/api/v1/missions/TINY/sites/TAJI", headers=planner).json()
    response = api.put(
        "/api/v1/missions/TINY/sites/TAJI", headers=planner, json=read["data"] | {"name": "X"}
    )
    after = api.get("/api/v1/missions/TINY/sites/TAJI", headers=planner).json()
    assert (response.status_code, response.json()["error"]) == (428, "precondition_required")
    assert after == read


def test_a_record_is_created_and_deleted(api: TestClient, planner: dict[str, str]) -> None:
    cohort = {
        "code": "IA-6DIV",
        "unit": "6th Division",
        "size": 24,
        "name": {"arabic": "الفرقة السادسة", "latin": "al-Firqa al-Sadisa"},
        "site": "TAJI",
    }
    created = api.post("/api/v1/missions/TINY/cohorts", headers=planner, json=cohort)
    taken = api.post("/api/v1/missions/TINY/cohorts", headers=planner, json=cohort)
    deleted = api.delete(
        "/api/v1/missions/TINY/cohorts/IA-6DIV",
        headers=planner | {"If-Match": created.json()["etag"]},
    )
    gone = api.get("/api/v1/missions/TINY/cohorts/IA-6DIV", headers=planner)
    assert [r.status_code for r in (created, taken, deleted, gone)] == [201, 409, 204, 404]
    assert created.headers["Location"] == "/api/v1/missions/TINY/cohorts/IA-6DIV"
    assert created.json()["data"] == cohort


def test_deleting_a_record_others_refer_to_is_refused(
    api: TestClient, planner: dict[str, str]
) -> None:
    read = api.get("/api/v1/missions/TINY/sites/TAJI", headers=planner).json()
    response = api.delete(
        "/api/v1/missions/TINY/sites/TAJI", headers=planner | {"If-Match": read["etag"]}
    )
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["problems"]} >= {"cohorts[IA-9DIV-ENG].site"}


def test_a_role_without_the_action_is_forbidden(api: TestClient) -> None:
    instructor = person(engine_of(api), "CAN", ["instructor"])
    read = api.get("/api/v1/missions/TINY/sites/TAJI", headers=instructor).json()
    response = api.put(
        "/api/v1/missions/TINY/sites/TAJI",
        headers=instructor | {"If-Match": read["etag"]},
        json=read["data"],
    )
    assert (response.status_code, response.json()["message"]) == (
        403,
        "the role instructor may not write sites",
    )


def test_every_error_has_the_one_shape(api: TestClient, planner: dict[str, str]) -> None:
    answers = [
        api.get("/api/v1/nowhere", headers=planner),
        api.get("/api/v1/missions/NONE/sites", headers=planner),
        api.get("/api/v1/missions/TINY/sites?limit=0", headers=planner),
        api.get("/api/v1/missions/TINY/sites"),
    ]
    assert [(r.status_code, sorted(r.json())) for r in answers] == [
        (status, ["code", "error", "message", "params", "problems", "status"])
        for status in (404, 404, 422, 401)
    ]
    # The code names what went wrong for a program, whatever language the message is in.
    assert [answers[1].json()["code"], answers[1].json()["params"]] == [
        "mission.not_found",
        {"mission": "NONE"},
    ]
    assert answers[3].headers["WWW-Authenticate"] == 'Bearer realm="cadre"'


def test_a_relabelled_record_disappears_for_those_no_longer_on_its_list(
    api: TestClient, planner: dict[str, str]
) -> None:
    partner = person(engine_of(api), "SWE", ["national_contributor"])
    officer = person(engine_of(api), "NATO", ["force_generation_officer"])
    read = api.get("/api/v1/missions/TINY/pledges/P-CAN-1", headers=officer).json()
    relabel = api.put(
        "/api/v1/missions/TINY/labels/pledges/P-CAN-1",
        headers=officer | {"If-Match": read["etag"]},
        json={"classification": "NATO UNCLASSIFIED", "owner": "CAN", "releasable_to": ["CAN"]},
    )
    listing = api.get("/api/v1/missions/TINY/pledges", headers=partner).json()
    assert relabel.status_code == 200
    assert (listing["total"], [i["key"] for i in listing["items"]]) == (1, ["P-SWE-1"])
    assert api.get("/api/v1/missions/TINY/pledges/P-CAN-1", headers=partner).status_code == 404
    assert api.get("/api/v1/missions/TINY/pledges/P-CAN-1", headers=officer).status_code == 404
