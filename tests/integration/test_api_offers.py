"""The offers of a round through the API: listed as released (a nation its own), answered by
force generation staff with a comment, and every problem of an answer in one 422."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.force import offers as force_offers
from cadre.services.unit_of_work import UnitOfWork
from tests.pledge_corpus import make_workbook
from tests.service_support import engine_of, person, service

OFFERS = "/api/v1/missions/TINY/force/offers"
A = "SWE-R1-SWE-A"


@pytest.fixture
def api(db_url: str, tmp_path: pathlib.Path) -> Iterator[TestClient]:
    with service(db_url) as client:
        work = UnitOfWork(engine_of(client))
        force_offers.import_offers(work, make_workbook(tmp_path / "swe.xlsx"), round_code="R1")
        yield client


def test_staff_list_and_answer_an_offer(api: TestClient) -> None:
    officer = person(engine_of(api), "NATO", ["force_generation_officer"])
    listed = api.get(OFFERS, headers=officer).json()
    assert (listed["round"], listed["rounds"], listed["may_decide"]) == ("R1", ["R1"], True)
    first = listed["items"][0]
    assert (first["code"], first["state"], first["steps"], first["line"]) == (
        A,
        "offered",
        1,
        "SOR-001",
    )
    body = {"decision": "queried", "comment": "can the tour be 4 months?", "steps": 1}
    asked = api.post(f"{OFFERS}/{A}/decision", json=body, headers=officer)
    assert asked.status_code == 200
    assert (asked.json()["state"], asked.json()["history"][-1]["comment"]) == (
        "queried",
        "can the tour be 4 months?",
    )
    stale = api.post(f"{OFFERS}/{A}/decision", json={**body, "steps": 1}, headers=officer)
    assert stale.status_code == 409


def test_every_problem_of_an_answer_comes_in_one_422(api: TestClient) -> None:
    officer = person(engine_of(api), "NATO", ["force_generation_officer"])
    wrong = {"decision": "perhaps", "comment": "y" * 1_500}
    refused = api.post(f"{OFFERS}/{A}/decision", json=wrong, headers=officer)
    assert refused.status_code == 422
    fields = sorted(p["field"] for p in refused.json()["problems"])
    assert fields == ["comment", "decision"]


def test_a_nation_reads_its_offers_but_may_not_answer_them(api: TestClient) -> None:
    sweden = person(engine_of(api), "SWE", ["national_contributor"])
    host = person(engine_of(api), "IRQ", ["national_contributor"])
    own = api.get(OFFERS, headers=sweden).json()
    assert ([o["code"] for o in own["items"]], own["may_decide"]) == (
        [A, "SWE-R1-SWE-B"],
        False,
    )
    assert api.get(OFFERS, headers=host).json()["items"] == []
    refused = api.post(f"{OFFERS}/{A}/decision", json={"decision": "accepted"}, headers=sweden)
    assert (refused.status_code, refused.json()["code"]) == (403, "offer.decide_forbidden")
    hidden = api.post(f"{OFFERS}/{A}/decision", json={"decision": "accepted"}, headers=host)
    assert hidden.status_code == 404
    assert api.get(f"{OFFERS}?round=R9", headers=sweden).status_code == 404
