"""Run codes with slashes through the API, on SQLite and PostgreSQL: NATO Mission Iraq's runs
are coded like `CIED-101/ENG-SCH/2018-10/1`, and every route under /runs/{run} takes such a
code whole (enrolment, withdrawal, attendance, results, the roster and its workbook, closing,
the lead); an unknown one is the run's own "not found", not an address the API lacks."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from cadre.services.training import operations
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_api_training_runs import timetabled
from tests.integration.test_training_enrolment import person
from tests.integration.test_web_roster_language import marked
from tests.service_support import engine_of, service
from tests.service_support import person as account

BASE = "/api/v1/missions/TINY"
FIRST = "CIED-101/TAJI/2019-03/1"
SECOND = "CIED-TTT/TAJI/2019-06/1"
RUNS = f"""
runs:
  - {{code: {FIRST}, course: CIED-101, site: TAJI, earliest: 2019-03-03, latest: 2019-05-30}}
  - {{code: {SECOND}, course: CIED-TTT, site: TAJI, earliest: 2019-06-09,
      latest: 2019-08-30}}
"""


@pytest.fixture
def client(db_url: str, tmp_path: pathlib.Path) -> Any:
    with timetabled(db_url, tmp_path, RUNS) as running:
        work = UnitOfWork(engine_of(running))
        assert set(mission_runs(work, None).runs) == {FIRST, SECOND}
        yield running


def test_a_run_whose_code_has_slashes_is_taught_and_closed_through_the_api(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    school = account(engine, "NATO", ["school_staff"])
    at = f"{BASE}/runs/{FIRST}"
    ids = [operations.create_trainee(work, None, person(n)).view.id for n in ("1", "2", "3")]
    made = [client.post(f"{at}/enrolments", json={"trainee": i}, headers=school) for i in ids]
    assert [(m.status_code, m.json()) for m in made] == [
        (201, {"run": FIRST, "trainee": ids[0], "standing": "enrolled", "waiting": 0}),
        (201, {"run": FIRST, "trainee": ids[1], "standing": "enrolled", "waiting": 0}),
        (201, {"run": FIRST, "trainee": ids[2], "standing": "waiting", "waiting": 1}),
    ]
    assert client.delete(f"{at}/enrolments/{ids[2]}", headers=school).status_code == 204
    roster = client.get(f"{at}/roster", headers=school)
    assert roster.status_code == 200, roster.text
    assert (roster.json()["run"], [line["trainee"] for line in roster.json()["lines"]]) == (
        FIRST,
        ids[:2],
    )

    sheet = client.get(f"{at}/roster.xlsx", headers=school)
    assert sheet.status_code == 200, sheet.text
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats")
    sent = client.put(
        f"{at}/roster.xlsx",
        files={"workbook": ("r.xlsx", marked(sheet.content, "F2", "P"), "x")},
        headers=school,
    )
    assert sent.json() == {"run": FIRST, "marks": 1, "scores": 0, "kept": 0}

    run = mission_runs(work, None).run(FIRST)
    for day in run.days:
        day_marked = client.put(
            f"{at}/attendance",
            json={"day": day.isoformat(), "marks": {str(i): "present" for i in ids[:2]}},
            headers=school,
        )
        assert day_marked.json() == {"marked": 2}
    results = [
        client.put(
            f"{at}/results/{trainee}",
            json={"score": score, "on": run.end.isoformat()},
            headers=school,
        ).json()["completed"]
        for trainee, score in zip(ids, (90, 40), strict=False)
    ]
    assert results == [True, False]
    closed = client.post(f"{at}/close", headers=school).json()
    number = f"TINY-CIED-101-{run.end.year}-00001"
    assert closed == {"run": FIRST, "issued": [number], "incomplete": {str(ids[1]): ["failed"]}}

    lead = run.instructors[0]
    led = client.put(f"{at}/lead", json={"lead": lead, "on": run.end.isoformat()}, headers=school)
    assert led.status_code == 200, led.text
    assert (led.json()["run"], led.json()["lead"]) == (FIRST, lead)


ROUTES = [
    ("get", "roster", None),
    ("post", "enrolments", {"trainee": 1}),
    ("delete", "enrolments/1", None),
    ("put", "attendance", {"day": "2019-03-03", "marks": {}}),
    ("put", "results/1", {"score": 50, "on": "2019-03-03"}),
    ("post", "close", None),
    ("get", "roster.xlsx", None),
    ("put", "lead", {"lead": "T-CAN-01", "on": "2019-12-31"}),
]


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES)
def test_an_unknown_run_with_slashes_is_the_run_s_own_not_found(
    client: TestClient, method: str, suffix: str, body: dict[str, Any] | None
) -> None:
    school = account(engine_of(client), "NATO", ["school_staff"])
    address = f"{BASE}/runs/CIED-101/NOWHERE/2019-03/9/{suffix}"
    kw: dict[str, Any] = {} if body is None else {"json": body}
    answer = client.request(method.upper(), address, headers=school, **kw)
    assert (answer.status_code, answer.json()["code"]) == (404, "run.not_found"), answer.text


def test_a_run_s_roster_workbook_goes_back_to_that_run_only(client: TestClient) -> None:
    """The workbook names its run (slashes and all) and is refused by any other."""
    school = account(engine_of(client), "NATO", ["school_staff"])
    sheet = client.get(f"{BASE}/runs/{FIRST}/roster.xlsx", headers=school).content
    sent = {"workbook": ("r.xlsx", sheet, "x")}
    unknown = client.put(
        f"{BASE}/runs/CIED-101/NOWHERE/2019-03/9/roster.xlsx", files=sent, headers=school
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "run.not_found")
    other = client.put(f"{BASE}/runs/{SECOND}/roster.xlsx", files=sent, headers=school)
    assert other.status_code == 422, other.text
    assert "roster.other_run" in [p["code"] for p in other.json()["problems"]]


def test_the_openapi_document_has_every_run_route_above_with_a_plain_run_parameter(
    db_url: str,
) -> None:
    """`{run:path}` routes the request; the document still says `{run}`, a path parameter, and
    stays a valid OpenAPI 3.1 document. Every run route is one this module calls."""
    with service(db_url, example=None) as api:
        document = api.get("/api/v1/openapi.json").json()
    assert OPENAPI_31_VALIDATOR.is_valid(document)
    prefix = "/api/v1/missions/{mission}/runs/{run}/"
    found = {
        (method, path.removeprefix(prefix))
        for path, operations in document["paths"].items()
        if path.startswith(prefix)
        for method in operations
    }
    called = {(m, s.replace("/1", "/{trainee}")) for m, s, _ in ROUTES} | {("put", "roster.xlsx")}
    assert found == called
    for path in document["paths"]:
        assert ":" not in path
