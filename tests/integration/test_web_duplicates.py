"""The likely duplicates page, in English and Arabic, on SQLite and PostgreSQL: a flagged
pair side by side; a merge refused until the entry kept is chosen and the merge confirmed
(nothing merged), then done with the other entry removed; a pair dismissed as two people;
a merge based on an entry changed since the page was read refused; no form for a reader,
and a merge sent anyway refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.training import operations, queries
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_training_trainees import entry
from tests.service_support import engine_of, service
from tests.web_support import log_in

M = "/missions/TINY"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with service(db_url) as running:
        yield running


def _pair(client: TestClient) -> tuple[UnitOfWork, queries.DuplicatePair]:
    """Two entries of one name and birth year, under two service numbers: flagged."""
    work = UnitOfWork(engine_of(client))
    operations.create_trainee(work, None, entry())
    operations.create_trainee(work, None, entry(service_number="77", name_latin="M. Jubouri"))
    (pair,) = queries.duplicates(work, None)
    return work, pair


def _merge(csrf: str, pair: queries.DuplicatePair, **kw: str) -> dict[str, str]:
    return {
        "csrf_token": csrf,
        "first": str(pair.first.id),
        "second": str(pair.second.id),
        "version_first": pair.first.etag,
        "version_second": pair.second.etag,
    } | kw


def test_a_pair_is_shown_side_by_side_and_merged_once_the_entry_kept_is_confirmed(
    client: TestClient,
) -> None:
    work, pair = _pair(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get(f"{M}/trainees/duplicates")
    assert page.status_code == 200
    assert "Mohammed Hussein al-Jubouri" in page.text
    assert "M. Jubouri" in page.text
    unconfirmed = client.post(
        f"{M}/trainees/duplicates/merge", data=_merge(csrf, pair, keep=str(pair.first.id))
    )
    assert unconfirmed.status_code == 422
    assert "Tick the box to confirm that the two entries are one person." in unconfirmed.text
    assert f'value="{pair.first.id}" checked' in unconfirmed.text  # the choice kept
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    unchosen = client.post(f"{M}/trainees/duplicates/merge", data=_merge(csrf, pair, confirm="yes"))
    assert unchosen.status_code == 422
    assert "اختر القيد الذي يبقى." in unchosen.text
    assert queries.list_trainees(work, None).total == 2  # nothing merged
    keep = str(pair.second.id)
    done = client.post(
        f"{M}/trainees/duplicates/merge",
        data=_merge(csrf, pair, keep=keep, confirm="yes"),
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"{M}/trainees/duplicates?done=merged"
    client.cookies.set(LANGUAGE_COOKIE, "en")
    assert "The two entries are merged" in client.get(done.headers["location"]).text
    assert [t.id for t in queries.list_trainees(work, None).items] == [pair.second.id]
    assert queries.duplicates(work, None) == []


def test_a_pair_dismissed_as_two_people_leaves_the_page(client: TestClient) -> None:
    work, pair = _pair(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    done = client.post(
        f"{M}/trainees/duplicates/dismiss", data=_merge(csrf, pair), follow_redirects=False
    )
    assert done.status_code == 303, done.text
    page = client.get(done.headers["location"]).text
    assert "The pair is set aside as two people." in page
    assert "No likely duplicate is waiting for a decision." in page
    assert queries.list_trainees(work, None).total == 2
    again = client.post(f"{M}/trainees/duplicates/dismiss", data=_merge(csrf, pair))
    assert again.status_code == 422
    assert "not flagged as likely duplicates any more" in again.text


def test_a_merge_on_an_entry_changed_since_it_was_read_is_refused(client: TestClient) -> None:
    work, pair = _pair(client)
    csrf = log_in(client, "NATO", ["school_staff"])
    changed = pair.first.document | {"unit": "Changed meanwhile"}
    operations.update_trainee(work, None, pair.first.id, changed, [pair.first.etag])
    sent = _merge(csrf, pair, keep=str(pair.second.id), confirm="yes")
    refused = client.post(f"{M}/trainees/duplicates/merge", data=sent)
    assert refused.status_code == 422
    assert "Someone changed this entry since you opened the page." in refused.text
    assert queries.list_trainees(work, None).total == 2


def test_a_reader_sees_the_pairs_without_forms_and_may_not_merge(client: TestClient) -> None:
    work, pair = _pair(client)
    csrf = log_in(client, "NATO", ["auditor"])
    page = client.get(f"{M}/trainees/duplicates")
    assert page.status_code == 200
    assert "M. Jubouri" in page.text
    assert "duplicates/merge" not in page.text
    sent = _merge(csrf, pair, keep=str(pair.first.id), confirm="yes")
    assert client.post(f"{M}/trainees/duplicates/merge", data=sent).status_code == 403
    assert client.post(f"{M}/trainees/duplicates/dismiss", data=sent).status_code == 403
    assert queries.list_trainees(work, None).total == 2
    log_in(client, "IRQ", ["host_nation_liaison"])  # enters its people; the school decides
    assert "duplicates/merge" not in client.get(f"{M}/trainees/duplicates").text
    csrf = log_in(client, "CAN", ["host_nation_liaison"])  # not the host's: told why
    other = client.post(f"{M}/trainees/duplicates/merge", data=sent | {"csrf_token": csrf})
    assert other.status_code == 422
    assert "your role lets you change only your own nation" in other.text
    assert queries.list_trainees(work, None).total == 2
