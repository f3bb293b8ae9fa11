"""Trainees through the API, on SQLite and PostgreSQL: entered, searched and edited with
If-Match by the roles that need them, merged by a person; and hidden from every role that
does not (a trainee's personal data is no planner's or contributor's business)."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from cadre.services.jobs.worker import run_job
from cadre.storage import jobs as store
from cadre.storage.database import transaction
from cadre.storage.service_models import JobUploadRow
from tests.service_support import engine_of, person, service

BODY: dict[str, Any] = {
    "service": "IA",
    "service_number": "10442187",
    "name_ar": "محمد حسين الجبوري",
    "birth_year": 1994,
    "governorate": "IQG08",
    "vetting_status": "cleared",
    "vetting_date": "2019-01-10",
    "vetting_authority": "MoD J2",
    "languages": {"ar": 5},
}
BASE = "/api/v1/missions/TINY/trainees"


@pytest.fixture
def client(db_url: str) -> Any:
    with service(db_url) as running:
        yield running


def test_the_host_liaison_enters_trainees_and_the_school_edits_them_with_if_match(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    host = person(engine, "IRQ", ["host_nation_liaison"])
    school = person(engine, "NATO", ["school_staff"])
    made = client.post(BASE, json=BODY, headers=host)
    assert made.status_code == 201, made.text
    assert made.json()["data"]["name_latin"] == "Mohammed Hussein al-Jubouri"
    again = client.post(
        BASE, json=BODY | {"service_number": "777", "birth_year": 1994}, headers=host
    )
    assert again.json()["duplicates"] == [made.json()["id"]]
    found = client.get(BASE, params={"q": "Muhammad Husain"}, headers=school).json()
    assert found["total"] == 2
    where = f"{BASE}/{made.json()['id']}"
    read = client.get(where, headers=school)
    etag = read.headers["ETag"]
    assert client.put(where, json=BODY | {"rank": "OR-5"}, headers=school).status_code == 428
    changed = client.put(where, json=BODY | {"rank": "OR-5"}, headers=school | {"If-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["data"]["rank"] == "OR-5"
    stale = client.put(where, json=BODY | {"rank": "OR-6"}, headers=school | {"If-Match": etag})
    assert stale.status_code == 409
    pairs = client.get(f"{BASE}/duplicates", headers=school).json()
    assert len(pairs) == 1
    drop = again.json()["id"]
    merged = client.post(
        f"{where}/merge", json={"drop": drop}, headers=school | {"If-Match": again.json()["etag"]}
    )
    assert merged.status_code == 200, merged.text
    assert client.get(f"{BASE}/{drop}", headers=school).status_code == 404


@pytest.mark.parametrize(
    ("affiliation", "role"),
    [
        ("NATO", "mission_planner"),
        ("CAN", "national_contributor"),
        ("NATO", "force_generation_officer"),
        ("NATO", "coordination_partner"),
    ],
)
def test_roles_that_do_not_need_trainees_data_see_none_of_it(
    client: TestClient, affiliation: str, role: str
) -> None:
    engine = engine_of(client)
    host = person(engine, "IRQ", ["host_nation_liaison"])
    made = client.post(BASE, json=BODY, headers=host).json()
    other = person(engine, affiliation, [role])
    assert client.get(BASE, headers=other).status_code == 403
    assert client.get(f"{BASE}/{made['id']}", headers=other).status_code == 403
    assert client.post(BASE, json=BODY, headers=other).status_code == 403


def test_an_instructor_teaching_no_run_sees_no_trainee(client: TestClient) -> None:
    engine = engine_of(client)
    host = person(engine, "IRQ", ["host_nation_liaison"])
    made = client.post(BASE, json=BODY, headers=host).json()
    teacher = person(engine, "CAN", ["instructor"])
    assert client.get(BASE, headers=teacher).json()["total"] == 0
    assert client.get(f"{BASE}/{made['id']}", headers=teacher).status_code == 404
    assert client.post(BASE, json=BODY, headers=teacher).status_code == 403


def test_a_contributor_cannot_enter_the_hosts_people(client: TestClient) -> None:
    engine = engine_of(client)
    # The host liaison's write reaches its own records: a liaison of another nation's
    # affiliation may not write the host's trainees.
    stranger = person(engine, "CAN", ["host_nation_liaison"])
    refused = client.post(BASE, json=BODY, headers=stranger)
    assert (refused.status_code, refused.json()["code"]) == (403, "trainee.not_yours")


def test_an_import_upload_is_a_job_all_or_nothing_with_located_problems(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    engine = engine_of(client)
    host = person(engine, "IRQ", ["host_nation_liaison"])
    table = "service,service_number,name_ar,birth_year\nIA,1,محمد,1990\nIA,2,Ali,1991\n"
    refused = client.post(
        f"{BASE}/import", files={"file": ("people.csv", table.encode())}, headers=host
    )
    assert refused.status_code == 202, refused.text
    assert refused.headers["Location"] == f"/api/v1/jobs/{refused.json()['id']}"
    failed = run_queued(client, refused.json()["id"], host)
    assert failed["status"] == "failed"
    report = failed["result"]
    assert [(p["line"], p["column"], p["field"]) for p in report["problems"]] == [(3, 3, "name_ar")]
    assert client.get(BASE, headers=host).json()["total"] == 0  # nothing of it stored
    fixed = table.replace("Ali", "علي")
    done = client.post(
        f"{BASE}/import", files={"file": ("people.csv", fixed.encode())}, headers=host
    )
    succeeded = run_queued(client, done.json()["id"], host)
    assert succeeded["status"] == "succeeded"
    assert succeeded["result"] == {
        "file": "people.csv",
        "rows": 2,
        "mission": "TINY",
        "created": 2,
        "updated": 0,
        "duplicates": 0,
    }
    assert client.get(BASE, headers=host).json()["total"] == 2
    with transaction(engine) as session:  # the file went with the job's end
        assert session.scalar(select(func.count()).select_from(JobUploadRow)) == 0


def test_an_import_is_refused_when_submitted_to_one_who_may_not_write_trainees(
    client: TestClient,
) -> None:
    stranger = person(engine_of(client), "CAN", ["host_nation_liaison"])
    refused = client.post(
        f"{BASE}/import", files={"file": ("people.csv", b"service\n")}, headers=stranger
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "trainee.not_yours")
    assert client.get("/api/v1/jobs", headers=stranger).json()["total"] == 0


def run_queued(client: TestClient, job_id: int, headers: dict[str, str]) -> dict[str, Any]:
    """Run a queued job here, as a worker would, and read it back through the API."""
    engine = engine_of(client)
    with transaction(engine) as session:
        assert store.start(session, job_id, "test", dt.datetime.now(dt.UTC))
    run_job(engine.url.render_as_string(hide_password=False), job_id)
    answer: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()
    return answer
