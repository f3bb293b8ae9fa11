"""The trainees page, in English and Arabic, on SQLite and PostgreSQL: one person found by
each spelling of the name and by service number, the Latin form marked on the Arabic page,
no vetting reason shown, a role without trainees refused, and a file sent from the page
started as the same import job the API starts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.services.training import operations
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.service_models import JobRow
from cadre.web.i18n import LANGUAGE_COOKIE
from cadre.web.pages import trainees
from tests.integration.test_training_trainees import HEADER, entry
from tests.service_support import engine_of, service
from tests.web_support import log_in

M = "/missions/TINY"
TABLE = (
    HEADER + "IA,1001,محمد حسين الجبوري,,1994,OR-4,,IQG08,cleared,2019-01-10,MoD J2,,ar=5\n"
).encode()


def _send(client: TestClient, csrf: str) -> Any:
    files = {"file": ("people.csv", TABLE, "text/csv")}
    data = {"csrf_token": csrf}
    return client.post(f"{M}/trainees/import", data=data, files=files, follow_redirects=False)


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as running:
        yield running


def test_every_spelling_finds_the_same_trainee_and_the_arabic_page_marks_the_latin_form(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, entry())
    operations.create_trainee(
        work, None, entry(service_number="20001", name_ar="أحمد كاظم", name_latin="Ahmed Kadhim")
    )
    log_in(client, "NATO", ["school_staff"])
    for q in ("محمد", "Mohammed", "Muhammad", "10442187"):
        page = client.get(f"{M}/trainees", params={"q": q})
        assert page.status_code == 200, page.text
        assert "Mohammed Hussein al-Jubouri" in page.text, q
        assert "Ahmed Kadhim" not in page.text, q
        assert "1 trainee" in page.text
    everyone = client.get(f"{M}/trainees")
    assert "2 trainees" in everyone.text
    assert "Ahmed Kadhim" in everyone.text
    assert "OR-5" in everyone.text
    assert "Cleared" in everyone.text
    assert "MoD J2" not in everyone.text  # who vetted, and why, stay off the page
    assert 'href="/missions/TINY/trainees" aria-current="page"' in everyone.text
    assert 'type="submit"' in everyone.text
    assert 'name="q"' in everyone.text
    assert 'action="/missions/TINY/trainees/import"' in everyone.text  # school staff write

    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(f"{M}/trainees", params={"q": "Muhammad"})
    assert arabic.status_code == 200
    assert "محمد حسين الجبوري" in arabic.text
    assert '<bdi lang="en" dir="ltr">Mohammed Hussein al-Jubouri</bdi>' in arabic.text
    assert "Trainees" not in arabic.text.split("<main", 1)[-1]  # the headings are in Arabic


def test_a_planner_may_not_open_the_trainees_page(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, entry())
    log_in(client, "NATO", ["mission_planner"])
    refused = client.get(f"{M}/trainees", params={"q": "Muhammad"})
    assert refused.status_code == 403
    assert "Jubouri" not in refused.text
    assert f'href="{M}/trainees"' not in client.get(M).text  # nor is it in the navigation


def test_a_file_sent_from_the_page_starts_the_trainee_import_job(client: TestClient) -> None:
    csrf = log_in(client, "NATO", ["school_staff"])
    sent = _send(client, csrf)
    assert sent.status_code == 303, sent.text
    location = sent.headers["location"]
    assert location.startswith(f"{M}/jobs/")
    with Session(engine_of(client)) as session:
        job = session.scalars(select(JobRow)).one()
    assert job.kind == "trainees_import"
    assert location == f"{M}/jobs/{job.id}"
    assert client.get(location).status_code == 200

    empty = client.post(f"{M}/trainees/import", data={"csrf_token": csrf}, follow_redirects=False)
    assert empty.status_code == 422
    assert "Choose a trainee file" in empty.text

    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.post(f"{M}/trainees/import", data={"csrf_token": csrf})
    assert arabic.status_code == 422
    assert 'اختر ملف متدربين (<bdi lang="en" dir="ltr">CSV</bdi>' in arabic.text


def test_the_list_comes_a_page_at_a_time_with_the_total(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trainees, "PER_PAGE", 1)
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, entry())
    operations.create_trainee(
        work, None, entry(service_number="20001", name_ar="أحمد كاظم", name_latin="Ahmed Kadhim")
    )
    log_in(client, "NATO", ["school_staff"])
    first = client.get(f"{M}/trainees")
    second = client.get(f"{M}/trainees", params={"page": 2})
    assert "2 trainees" in first.text
    assert "Page 1 of 2" in first.text
    assert 'rel="next"' in first.text
    assert 'rel="prev"' in second.text
    shown = [("Ahmed Kadhim" in p.text, "al-Jubouri" in p.text) for p in (first, second)]
    assert sorted(shown) == [(False, True), (True, False)]  # each person on one page


def test_the_hosts_liaison_imports_its_own_people_from_the_page(client: TestClient) -> None:
    csrf = log_in(client, "IRQ", ["host_nation_liaison"])
    assert 'action="/missions/TINY/trainees/import"' in client.get(f"{M}/trainees").text
    sent = _send(client, csrf)
    assert sent.status_code == 303, sent.text
    with Session(engine_of(client)) as session:
        assert session.scalars(select(JobRow.kind)).all() == ["trainees_import"]
