"""The trainee forms, in English and Arabic, on SQLite and PostgreSQL: a trainee entered with
the Latin form suggested from the Arabic, a likely duplicate named on the new entry's page,
a trainee edited against the version read; refusals beside their fields with what was typed
kept and nothing stored; no form for a role that reads trainees only, a write sent anyway
refused, and the host's people kept from another nation's liaison."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.domain.training.names import suggested_latin
from cadre.services.training import operations, queries
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_training_trainees import entry
from tests.service_support import engine_of, service
from tests.web_support import log_in

M = "/missions/TINY"
ARABIC = "محمد حسين الجبوري"


def form(csrf: str, **kw: str) -> dict[str, str]:
    return {
        "csrf_token": csrf,
        "service": "IA",
        "service_number": "5001",
        "name_ar": ARABIC,
        "name_latin": "",
        "birth_year": "1994",
        "rank": "OR-5",
        "unit": "9th Armoured Division",
        "governorate": "IQG08",
        "vetting_status": "cleared",
        "vetting_date": "2019-01-10",
        "vetting_authority": "MoD J2",
        "vetting_until": "",
        "languages": "ar=5 en=2",
    } | kw


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as running:
        yield running


def _everyone(client: TestClient) -> list[queries.TraineeView]:
    return queries.list_trainees(UnitOfWork(engine_of(client)), None).items


def test_a_trainee_entered_with_the_suggested_latin_form_opens_on_their_page(
    client: TestClient,
) -> None:
    csrf = log_in(client, "NATO", ["school_staff"])
    assert 'href="/missions/TINY/trainees/new"' in client.get(f"{M}/trainees").text
    suggested = client.post(f"{M}/trainees/new", data=form(csrf, step="suggest"))
    assert suggested.status_code == 200, suggested.text
    latin = suggested_latin(ARABIC)
    assert latin
    assert f'value="{latin}"' in suggested.text
    assert _everyone(client) == []  # a suggestion stores nothing
    sent = client.post(
        f"{M}/trainees/new",
        data=form(csrf, name_latin="Mohammed H. al-Jubouri", step="save"),
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    (stored,) = _everyone(client)
    assert sent.headers["location"] == f"{M}/trainees/{stored.id}?done=created"
    assert stored.trainee.name.latin == "Mohammed H. al-Jubouri"
    assert dict(stored.trainee.languages) == {"ar": 5, "en": 2}
    page = client.get(sent.headers["location"]).text
    assert "The trainee is entered." in page
    assert "Mohammed H. al-Jubouri" in page
    assert "MoD J2" in page


def test_a_likely_duplicate_is_named_on_the_new_entrys_page(client: TestClient) -> None:
    first = operations.create_trainee(UnitOfWork(engine_of(client)), None, entry()).view.id
    csrf = log_in(client, "IRQ", ["host_nation_liaison"])  # the host's own people
    sent = client.post(f"{M}/trainees/new", data=form(csrf), follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"].endswith("?done=flagged")
    page = client.get(sent.headers["location"]).text
    assert "This entry looks like another one" in page
    assert f'href="/missions/TINY/trainees/{first}"' in page
    assert 'href="/missions/TINY/trainees/duplicates"' in page
    assert 'name="version"' not in page  # the liaison enters its people; the school edits


def test_refusals_stay_beside_their_fields_with_the_input_kept_in_english_and_arabic(
    client: TestClient,
) -> None:
    operations.create_trainee(UnitOfWork(engine_of(client)), None, entry(service_number="5001"))
    csrf = log_in(client, "NATO", ["school_staff"])
    taken = client.post(f"{M}/trainees/new", data=form(csrf, unit="Unit kept"))
    assert taken.status_code == 422
    assert "Service number 5001 of IA is already another trainee's." in taken.text
    assert 'id="new-service_number-error"' in taken.text
    assert 'value="Unit kept"' in taken.text
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    bad = client.post(
        f"{M}/trainees/new",
        data=form(csrf, service_number="5002", name_ar="", birth_year="19x4", languages="arabic"),
    )
    assert bad.status_code == 422
    for field in ("name_ar", "birth_year", "languages"):
        assert f'id="new-{field}-error"' in bad.text, field
    assert "املأ هذا الحقل." in bad.text  # the Arabic name is required
    assert 'value="19x4"' in bad.text
    assert len(_everyone(client)) == 1  # nothing stored


def test_an_edit_saves_against_the_version_read_and_a_stale_one_is_refused(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    made = operations.create_trainee(work, None, entry()).view
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/trainees/{made.id}")
    assert page.status_code == 200
    assert f'name="version" value="{made.etag}"' in page.text
    assert 'value="9th Armoured Division"' in page.text  # the form opens on what is stored
    fields = form(csrf, service_number="10442187", version=made.etag, unit="6th Division")
    sent = client.post(f"{M}/trainees/{made.id}", data=fields, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert "The changes are saved." in client.get(sent.headers["location"]).text
    assert queries.get_trainee(work, None, made.id).trainee.unit == "6th Division"
    stale = client.post(f"{M}/trainees/{made.id}", data=fields | {"unit": "5th Division"})
    assert stale.status_code == 422
    assert "Someone changed this entry since you opened the page." in stale.text
    assert 'value="5th Division"' in stale.text
    assert queries.get_trainee(work, None, made.id).trainee.unit == "6th Division"


def test_a_reader_gets_no_form_and_a_write_sent_anyway_is_refused(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    made = operations.create_trainee(work, None, entry()).view
    csrf = log_in(client, "NATO", ["auditor"])
    page = client.get(f"{M}/trainees/{made.id}")
    assert page.status_code == 200
    assert 'name="version"' not in page.text
    assert "trainees/new" not in client.get(f"{M}/trainees").text
    sent = client.post(f"{M}/trainees/new", data=form(csrf, service_number="9"))
    assert sent.status_code == 403
    edit = form(csrf, service_number="10442187", version=made.etag, unit="X")
    assert client.post(f"{M}/trainees/{made.id}", data=edit).status_code == 403
    assert [t.trainee.unit for t in _everyone(client)] == ["9th Armoured Division"]
    log_in(client, "NATO", ["mission_planner"])  # no trainee's personal data at all
    assert client.get(f"{M}/trainees/{made.id}").status_code == 403


def test_another_nations_liaison_is_told_why_and_keeps_what_it_typed(client: TestClient) -> None:
    csrf = log_in(client, "CAN", ["host_nation_liaison"])
    refused = client.post(f"{M}/trainees/new", data=form(csrf, unit="Typed unit"))
    assert refused.status_code == 422
    assert "your role lets you change only your own nation" in refused.text
    assert 'value="Typed unit"' in refused.text
    assert _everyone(client) == []
