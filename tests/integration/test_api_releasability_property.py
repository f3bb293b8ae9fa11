"""No read, list, count, export, audit entry or write leaks a record across nations or labels,
over generated principals and labels, on SQLite and PostgreSQL.

The expectation is computed by the few lines of `expected_visible` below, written from the
rule's definition and sharing no code with the service's filter.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.access.communities import EU_MEMBERS, NATO_MEMBERS
from cadre.access.labels import Classification, default_label
from cadre.access.policy import Role, Verb, reach
from cadre.interchange.record_kinds import KINDS
from cadre.services.access.audit import as_label
from cadre.services.access.scope import mission_data
from cadre.services.capacity import operations as capacity
from cadre.services.records.queries import etag
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import audit_log
from cadre.storage.database import transaction
from cadre.storage.labels import StoredLabel, put_label
from cadre.storage.service_models import RecordLabelRow
from tests.service_support import engine_of, person, service

HOST, PARTICIPANTS = "IRQ", frozenset({"IRQ", "CAN", "SWE", "NATO"})
AFFILIATIONS = ["IRQ", "CAN", "SWE", "NATO", "AUS", "USA", "UN", "EU"]
LEVELS = list(Classification)
ENTRIES = [*AFFILIATIONS, "NATO", "EU", "HOST", "MISSION"]
READERS = [r for r in Role if r is not Role.ADMINISTRATOR]


def expected_visible(
    affiliation: str, roles: set[Role], clearance: Classification, kind: str, label: dict[str, Any]
) -> bool:
    communities = {
        "NATO": NATO_MEMBERS | {"NATO"},
        "EU": EU_MEMBERS | {"EU"},
        "HOST": {HOST},
        "MISSION": PARTICIPANTS,
    }
    audience = {label["owner"]}
    for entry in label["releasable_to"]:
        audience |= communities.get(entry, {entry})
    return (
        any(reach([r], Verb.READ, kind) is not None for r in roles)
        and LEVELS.index(Classification(label["classification"])) <= LEVELS.index(clearance)
        and affiliation in audience
    )


labels = st.fixed_dictionaries(
    {
        "classification": st.sampled_from([c.value for c in LEVELS]),
        "owner": st.sampled_from(AFFILIATIONS),
        "releasable_to": st.lists(st.sampled_from(ENTRIES), max_size=3, unique=True),
    }
)
principals = st.tuples(
    st.sampled_from(AFFILIATIONS),
    st.sets(st.sampled_from(list(Role)), min_size=1, max_size=3),
    st.sampled_from(LEVELS),
)


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as client:
        capacity.plan_capacity(
            UnitOfWork(engine_of(client)), seconds=30
        )  # a plan carries a scenario too
        yield client


def documents(api: TestClient) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record of TINY by kind and key, read from storage (no filter in between)."""
    with transaction(engine_of(api)) as session:
        data = mission_data(session, "TINY")
        return {k: {KINDS[k].key_of(d): d for d in data.documents[k]} for k in KINDS}


def relabel(api: TestClient, chosen: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Store the generated labels (the others fall back to their kind's default)."""
    with transaction(engine_of(api)) as session:
        session.query(RecordLabelRow).delete()
        mission_id = mission_data(session, "TINY").stamp.mission_id
        for (kind, key), label in chosen.items():
            stored = StoredLabel(label["classification"], label["owner"], label["releasable_to"])
            put_label(session, mission_id, kind, key, stored, dt.datetime.now(dt.UTC))


def labels_of(
    records: dict[str, dict[str, dict[str, Any]]], chosen: dict[tuple[str, str], dict[str, Any]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each record's label: the generated one, or the default of its kind."""
    found = {}
    for kind, items in records.items():
        for key, document in items.items():
            nation = document.get(KINDS[kind].nation or "")
            default = default_label(kind, host=HOST, nation=nation)
            found[kind, key] = chosen.get(
                (kind, key),
                {
                    "classification": default.classification.value,
                    "owner": default.owner,
                    "releasable_to": sorted(default.releasable_to),
                },
            )
    return found


def snapshot(api: TestClient) -> tuple[Any, ...]:
    """What a write would change: the scenario, the labels, the audit trail."""
    with transaction(engine_of(api)) as session:
        data = mission_data(session, "TINY")
        labels = sorted(
            (r.kind, r.key, r.classification, r.owner, tuple(r.releasable_to))
            for r in session.query(RecordLabelRow)
        )
        return data.stamp, labels, audit_log.head(session)


SETTINGS = settings(
    max_examples=int(os.environ.get("CADRE_PROPERTY_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(data=st.data(), who=principals)
def test_reads_lists_counts_and_exports_show_exactly_what_is_releasable(
    api: TestClient, data: st.DataObject, who: tuple[str, set[Role], Classification]
) -> None:
    affiliation, roles, clearance = who
    records = documents(api)
    keys = {kind: list(items) for kind, items in records.items()}
    everywhere = [(k, key) for k, ks in keys.items() for key in ks] + [("missions", "TINY")]
    chosen = data.draw(st.dictionaries(st.sampled_from(everywhere), labels, max_size=12))
    relabel(api, chosen)
    mission_label = chosen.get(
        ("missions", "TINY"),
        {"classification": LEVELS[0].value, "owner": "NATO", "releasable_to": ["MISSION"]},
    )
    truth = labels_of(records, chosen)
    headers = person(engine_of(api), affiliation, sorted(r.value for r in roles), clearance)
    plan_label = default_label("capacity-plans", host=HOST)
    plan_truth = {
        "classification": plan_label.classification.value,
        "owner": plan_label.owner,
        "releasable_to": sorted(plan_label.releasable_to),
    }

    sees_mission = expected_visible(affiliation, roles, clearance, "missions", mission_label)
    missions = api.get("/api/v1/missions", headers=headers).json()
    assert [m["code"] for m in missions["items"]] == (["TINY"] if sees_mission else [])
    assert missions["total"] == (1 if sees_mission else 0)
    export = api.get("/api/v1/missions/TINY/export", headers=headers)
    summary = api.get("/api/v1/missions/TINY", headers=headers)
    if not sees_mission:
        assert (export.status_code, summary.status_code) == (404, 404)
        for kind, ks in keys.items():
            assert api.get(f"/api/v1/missions/TINY/{kind}", headers=headers).status_code == 404
            for key in ks:
                answer = api.get(f"/api/v1/missions/TINY/{kind}/{key}", headers=headers)
                assert answer.status_code == 404
        return
    plan = api.get("/api/v1/missions/TINY/plans/capacity/1", headers=headers)
    sees_plan = expected_visible(affiliation, roles, clearance, "capacity-plans", plan_truth)
    assert plan.status_code == (
        200
        if sees_plan
        else 403
        if not any(reach([r], Verb.READ, "capacity-plans") for r in roles)
        else 404
    )
    for kind, ks in keys.items():
        reads = any(reach([r], Verb.READ, kind) is not None for r in roles)
        want = [
            k for k in ks if expected_visible(affiliation, roles, clearance, kind, truth[kind, k])
        ]
        listing = api.get(f"/api/v1/missions/TINY/{kind}?limit=500", headers=headers)
        if not reads:
            assert listing.status_code == 403
            assert kind not in export.json()
            assert kind not in summary.json()["counts"]
            continue
        assert ([i["key"] for i in listing.json()["items"]], listing.json()["total"]) == (
            want,
            len(want),
        )
        assert summary.json()["counts"][kind] == len(want)
        assert [KINDS[kind].key_of(d) for d in export.json().get(kind, [])] == want
        if sees_plan:  # the scenario a plan came from shows no more than the records do
            shown = plan.json()["scenario"].get(kind, [])
            assert [KINDS[kind].key_of(d) for d in shown] == want
        for key in ks:
            answer = api.get(f"/api/v1/missions/TINY/{kind}/{key}", headers=headers)
            assert answer.status_code == (200 if key in want else 404)
            if key not in want:
                assert answer.json()["message"] == f"{KINDS[kind].noun} {key} is not in the mission"


@SETTINGS
@given(data=st.data(), who=principals)
def test_writes_to_hidden_records_answer_as_if_they_did_not_exist(
    api: TestClient, data: st.DataObject, who: tuple[str, set[Role], Classification]
) -> None:
    affiliation, roles, clearance = who
    roles = roles | {data.draw(st.sampled_from([r for r in READERS if r is not Role.AUDITOR]))}
    records = documents(api)
    everywhere = [(k, key) for k, items in records.items() for key in items]
    chosen = data.draw(st.dictionaries(st.sampled_from(everywhere), labels, max_size=12))
    relabel(api, chosen)
    truth = labels_of(records, chosen)
    headers = person(engine_of(api), affiliation, sorted(r.value for r in roles), clearance)
    mission_label = {
        "classification": LEVELS[0].value,
        "owner": "NATO",
        "releasable_to": ["MISSION"],
    }
    sees_mission = expected_visible(affiliation, roles, clearance, "missions", mission_label)
    before = snapshot(api)
    for (kind, key), label in truth.items():
        if expected_visible(affiliation, roles, clearance, kind, label):
            continue
        path = f"/api/v1/missions/TINY/{kind}/{key}"
        document = records[kind][key]
        version = {"If-Match": etag(document, as_label(label))}  # the right one must not help
        answers = [
            api.put(path, headers=headers | version, json=document),
            api.delete(path, headers=headers | version),
            api.put(
                f"/api/v1/missions/TINY/labels/{kind}/{key}",
                headers=headers | version,
                json={"classification": LEVELS[0].value, "owner": "NATO", "releasable_to": []},
            ),
        ]
        for answer in answers:
            assert answer.status_code in (403, 404), answer.text
            if answer.status_code == 404:
                hidden = f"{KINDS[kind].noun} {key} is not in the mission"
                gone = "mission TINY is not in the database"
                assert answer.json()["message"] == (hidden if sees_mission else gone)
        created = api.post(f"/api/v1/missions/TINY/{kind}", headers=headers, json=document)
        assert created.status_code in ((403, 409) if sees_mission else (404,)), created.text
        if created.status_code == 409:
            key_name = KINDS[kind].key
            assert (
                created.json()["message"]
                == f"the {key_name} {key} is already taken; choose another"
            )
    assert snapshot(api) == before
