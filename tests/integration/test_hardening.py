"""Bad input at every edge over HTTP, on SQLite and PostgreSQL: dates past the plannable range,
numbers that are not finite or far too large, refused with a 422 naming the field, never a 500
and never a job that fails later."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre.domain.errors import InvalidInput
from cadre.services.access import users
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of, person, service
from tests.web_support import log_in


def as_json(body: Any) -> dict[str, Any]:
    """The body as a client may send it: NaN and Infinity written out, as Python's json does."""
    return {"content": json.dumps(body), "headers": {"Content-Type": "application/json"}}


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        yield client


@pytest.fixture
def planner(api: TestClient) -> dict[str, str]:
    return person(engine_of(api), "NATO", ["mission_planner"], username="hana")


def test_a_calendar_day_past_the_plannable_range_is_a_400_naming_the_day(api: TestClient) -> None:
    # A bad address is the request's fault, not a form's: 400 (forms keep 422).
    log_in(api, "NATO", ["mission_planner"])
    answer = api.get("/missions/TINY/timetable?day=9999-12-31")
    assert answer.status_code == 400
    assert "9999-12-31" in answer.text
    assert api.get("/missions/TINY/timetable?day=2019-03-01").status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_days", 1e9),
        ("duration_days", float("nan")),
        ("pass_rate", float("inf")),
        ("pass_rate", float("-inf")),
        ("max_class_size", 10**9),
    ],
)
def test_a_record_write_with_a_number_no_plan_can_use_is_a_422_naming_the_field(
    api: TestClient, planner: dict[str, str], field: str, value: float
) -> None:
    url = "/api/v1/missions/TINY/courses/CIED-101"
    read = api.get(url, headers=planner).json()
    body = as_json(read["data"] | {field: value})
    answer = api.put(
        url, **body | {"headers": body["headers"] | planner | {"If-Match": read["etag"]}}
    )
    assert answer.status_code == 422, answer.text
    assert [p["field"] for p in answer.json()["problems"]] == [field]
    assert api.get(url, headers=planner).json()["etag"] == read["etag"]


def test_a_pledge_ending_in_the_year_9999_is_refused_by_the_api(
    api: TestClient, planner: dict[str, str]
) -> None:
    url = "/api/v1/missions/TINY/pledges"
    first = api.get(url, headers=planner).json()["items"][0]
    one = api.get(f"{url}/{first['key']}", headers=planner).json()
    answer = api.put(
        f"{url}/{first['key']}",
        headers=planner | {"If-Match": one["etag"]},
        json=one["data"] | {"end": "9999-12-31"},
    )
    assert answer.status_code == 422, answer.text
    assert [p["field"] for p in answer.json()["problems"]] == ["end"]


@pytest.mark.parametrize(
    ("kind", "parameters", "field"),
    [
        ("capacity", {"overrides": {"attrition": "nan"}}, "overrides"),
        ("capacity", {"overrides": {"attrition": "inf"}}, "overrides"),
        ("capacity", {"overrides": {"mentor_ratio": "1000000000"}}, "overrides"),
        ("capacity", {"seconds": float("nan")}, "seconds"),
        ("timetable", {"withdraw": "SWE", "effective": "9999-12-31"}, "effective"),
    ],
)
def test_a_job_with_parameters_no_plan_can_use_is_refused_when_submitted(
    api: TestClient, planner: dict[str, str], kind: str, parameters: dict[str, Any], field: str
) -> None:
    body = as_json({"kind": kind, "parameters": parameters})
    answer = api.post("/api/v1/missions/TINY/jobs", **body | {"headers": body["headers"] | planner})
    assert answer.status_code == 422, answer.text
    assert [p["field"] for p in answer.json()["problems"]] == [field]
    assert api.get("/api/v1/jobs", headers=planner).json()["total"] == 0


@pytest.mark.parametrize("title", ["CIED\u202e101", "CIED\r\nSet-Cookie: x", "CIED\u2066"])
def test_a_record_name_with_a_direction_override_or_a_line_break_is_a_422_naming_the_field(
    api: TestClient, planner: dict[str, str], title: str
) -> None:
    url = "/api/v1/missions/TINY/courses/CIED-101"
    read = api.get(url, headers=planner).json()
    answer = api.put(
        url, headers=planner | {"If-Match": read["etag"]}, json=read["data"] | {"title": title}
    )
    assert answer.status_code == 422, answer.text
    assert [p["field"] for p in answer.json()["problems"]] == ["title"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "anna\n"}, "username"),
        ({"display_name": "Anna\u202eannA"}, "display_name"),
        ({"oidc_subject": "subject\r\nX"}, "oidc_subject"),
    ],
)
def test_a_user_name_with_a_line_break_or_a_direction_override_is_refused(
    api: TestClient, changes: dict[str, str], field: str
) -> None:
    fields: dict[str, Any] = {
        "username": "anna",
        "affiliation": "NATO",
        "roles": ["mission_planner"],
        "password": "a long enough password",
    } | changes
    with pytest.raises(InvalidInput) as refused:
        users.add_user(UnitOfWork(engine_of(api)), **fields)
    assert [p.field for p in refused.value.problems] == [field]
