"""The pathway's writes through the API, on SQLite and PostgreSQL: a person entered, a
co-taught run rated, a rung assessed, a run's lead and a departure recorded, each read back
through the pathway; a planner refused each write; values out of range answered 422 with the
field named, and nothing kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from cadre.services.training import operations, pathway
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_api_pathway import BASE, client
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.service_support import person as account

__all__ = ["client"]  # the fixture: the pathway scenario, its timetable adopted
LATER = "2019-12-31"


def _taught(client: TestClient) -> list[str]:
    steps = pathway.ladder(UnitOfWork(engine_of(client)), None)
    return [r.run for r in steps.runs if "T-IRQ-01" in r.instructors]


def _progress(client: TestClient, headers: dict[str, str]) -> Any:
    found = client.get(f"{BASE}/pathway", params={"today": LATER}, headers=headers)
    assert found.status_code == 200, found.text
    return found.json()


def _rated(line: dict[str, Any]) -> str:
    """How many supervised runs the next rung counts as rated well enough."""
    (runs,) = [r for r in line["disciplines"][0]["requirements"] if r["kind"] == "supervised_runs"]
    return str(runs["have"])


def test_each_pathway_write_through_the_api_is_read_back(client: TestClient) -> None:
    engine = engine_of(client)
    school = account(engine, "NATO", ["school_staff"])
    ali = operations.create_trainee(UnitOfWork(engine), None, person("1")).view.id
    taught = _taught(client)
    assert taught, "the timetable puts the host assistant instructor beside a certified one"

    entered = client.post(
        f"{BASE}/pathway/people", json={"trainer": "T-IRQ-01", "trainee": ali}, headers=school
    )
    assert entered.status_code == 204, entered.text
    (line,) = _progress(client, school)
    assert (line["trainer"], line["trainee"]) == ("T-IRQ-01", ali)
    assert _rated(line) == "0"

    for run in taught:
        rating = {"run": run, "trainer": "T-IRQ-01", "rating": 4, "supervisor": "T-CAN-01"}
        rated = client.post(f"{BASE}/pathway/ratings", json=rating, headers=school)
        assert rated.status_code == 204, rated.text
    (line,) = _progress(client, school)
    assert line["disciplines"][0]["supervised_runs"] == taught
    assert _rated(line) == str(len(taught))

    assessed = client.post(
        f"{BASE}/pathway/assessments",
        json={"trainer": "T-IRQ-01", "discipline": "CIED", "level": "instructor",
              "passed": True, "on": LATER},
        headers=school,
    )  # fmt: skip
    assert assessed.status_code == 201, assessed.text
    (line,) = _progress(client, school)
    kinds = {r["kind"]: r["met"] for r in line["disciplines"][0]["requirements"]}
    assert kinds.get("assessment", True) is True  # met, or the rung is reached already

    led = client.put(
        f"{BASE}/runs/{taught[0]}/lead", json={"lead": "T-IRQ-01", "on": LATER}, headers=school
    )
    assert led.status_code == 200, led.text
    assert led.json() == {"run": taught[0], "lead": "T-IRQ-01", "lead_nation": "IRQ"}
    shares = client.get(f"{BASE}/pathway/host-led", headers=school).json()
    assert sum(s["host_led"] for s in shares) == 1

    left = client.post(
        f"{BASE}/pathway/people/T-IRQ-01/left", json={"on": "2019-11-30"}, headers=school
    )
    assert left.status_code == 204, left.text
    (line,) = _progress(client, school)
    assert line["left_on"] == "2019-11-30"


def test_a_planner_is_refused_every_pathway_write(client: TestClient) -> None:
    engine = engine_of(client)
    planner = account(engine, "NATO", ["mission_planner"])
    ali = operations.create_trainee(UnitOfWork(engine), None, person("1")).view.id
    run = _taught(client)[0]
    writes = [
        ("post", "/pathway/people", {"trainer": "T-IRQ-01", "trainee": ali}),
        ("post", "/pathway/ratings", {"run": run, "trainer": "T-IRQ-01", "rating": 4}),
        ("post", "/pathway/assessments", {"trainer": "T-IRQ-01", "discipline": "CIED",
                                          "level": "instructor", "passed": True, "on": LATER}),
        ("put", f"/runs/{run}/lead", {"lead": "T-IRQ-01", "on": LATER}),
        ("post", "/pathway/people/T-IRQ-01/left", {"on": LATER}),
    ]  # fmt: skip
    for verb, path, body in writes:
        refused = client.request(verb, f"{BASE}{path}", json=body, headers=planner)
        assert refused.status_code == 403, (path, refused.text)
    assert pathway.progress(UnitOfWork(engine), None, dt.date.fromisoformat(LATER), None) == []
    assert pathway.host_led(UnitOfWork(engine), None) == []


def test_bad_values_are_answered_422_with_the_field(client: TestClient) -> None:
    engine = engine_of(client)
    school = account(engine, "NATO", ["school_staff"])
    ali = operations.create_trainee(UnitOfWork(engine), None, person("1")).view.id
    pathway.enter_person(UnitOfWork(engine), None, "T-IRQ-01", ali, None)
    run = _taught(client)[0]

    def refused(verb: str, path: str, body: dict[str, Any]) -> list[Any]:
        answer = client.request(verb, f"{BASE}{path}", json=body, headers=school)
        assert answer.status_code == 422, (path, answer.text)
        return answer.json()["problems"]

    six = refused("post", "/pathway/ratings", {"run": run, "trainer": "T-IRQ-01", "rating": 6})
    assert [p["field"] for p in six] == ["rating"]
    general = {"trainer": "T-IRQ-01", "discipline": "CIED", "level": "general", "passed": True,
               "on": LATER}  # fmt: skip
    rung = refused("post", "/pathway/assessments", general)
    assert [p["field"] for p in rung] == ["level"]
    steps = pathway.ladder(UnitOfWork(engine), None)
    outsider = next(c for c in steps.colleagues if c not in steps.run(run).instructors)
    guest = refused("post", "/pathway/ratings", {"run": run, "trainer": outsider, "rating": 3})
    assert [(p["field"], p["code"]) for p in guest] == [("trainer", "pathway.not_on_run")]
    early = refused("put", f"/runs/{run}/lead", {"lead": "T-IRQ-01", "on": "2000-01-01"})
    assert [(p["field"], p["code"]) for p in early] == [("run", "pathway.not_held")]
    (line,) = pathway.progress(UnitOfWork(engine), None, dt.date.fromisoformat(LATER), None)
    assert [r.rating for r in line.progress[0].supervised] == [None]
    assert pathway.host_led(UnitOfWork(engine), None) == []
