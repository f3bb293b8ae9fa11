"""Two people editing at once, on SQLite and PostgreSQL: on the same record one wins and the
other is told (409) instead of being silently overwritten; on different records both win."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx2
from fastapi.testclient import TestClient

from tests.service_support import engine_of, person, service


def together(*calls: Callable[[], httpx2.Response]) -> list[httpx2.Response]:
    """Run the calls in threads released at the same moment."""
    start = threading.Barrier(len(calls))
    answers: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        answers[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def put(
    client: TestClient, headers: dict[str, str], path: str, etag: str, body: dict[str, Any]
) -> Callable[[], httpx2.Response]:
    return lambda: client.put(path, headers=headers | {"If-Match": etag}, json=body)


def test_two_edits_of_one_record_one_succeeds_one_conflicts_nothing_lost(db_url: str) -> None:
    with service(db_url) as api:
        anna = person(engine_of(api), "NATO", ["force_generation_officer"])
        bert = person(engine_of(api), "NATO", ["force_generation_officer"])
        path = "/api/v1/missions/TINY/pledges/P-CAN-1"
        read = api.get(path, headers=anna).json()
        answers = together(
            put(api, anna, path, read["etag"], read["data"] | {"count": 7}),
            put(api, bert, path, read["etag"], read["data"] | {"count": 9}),
        )
        after = api.get(path, headers=anna).json()
        trail = api.get(
            "/api/v1/audit?kind=pledges", headers=person(engine_of(api), "NATO", ["auditor"])
        ).json()
    assert sorted(a.status_code for a in answers) == [200, 409]
    winner = next(a for a in answers if a.status_code == 200).json()
    loser = next(a for a in answers if a.status_code == 409).json()
    assert after["data"]["count"] == winner["data"]["count"]
    assert after["etag"] == winner["etag"]
    assert loser["message"].startswith("pledge P-CAN-1 changed since you read it")
    assert [(e["action"], e["after"]["record"]["count"]) for e in trail["items"]] == [
        ("replace", winner["data"]["count"])
    ]


def test_two_edits_of_different_records_both_stand(db_url: str) -> None:
    with service(db_url) as api:
        anna = person(engine_of(api), "NATO", ["force_generation_officer"])
        bert = person(engine_of(api), "NATO", ["force_generation_officer"])
        one, two = "/api/v1/missions/TINY/pledges/P-CAN-1", "/api/v1/missions/TINY/pledges/P-SWE-1"
        first, second = api.get(one, headers=anna).json(), api.get(two, headers=bert).json()
        answers = together(
            put(api, anna, one, first["etag"], first["data"] | {"count": 5}),
            put(api, bert, two, second["etag"], second["data"] | {"count": 1}),
        )
        counts = [api.get(p, headers=anna).json()["data"]["count"] for p in (one, two)]
    assert [a.status_code for a in answers] == [200, 200]
    assert counts == [5, 1]
