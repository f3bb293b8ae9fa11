"""The offers page of a large round, on SQLite: 50 cards a page with its number in the
address, page links in the reader's language, filters by state and nation with their counts,
a bad page number answered with a page (never a 500), and an answer that comes back to the
page and filters it was given on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from cadre.services.unit_of_work import UnitOfWork
from tests.offer_support import send_offers
from tests.service_support import engine_of
from tests.web_support import log_in, web

OFFERS = "/missions/TINY/force/offers"


@pytest.fixture
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """130 offers in round R1 (80 Swedish, 50 Canadian), read by force generation staff."""
    folder = tmp_path_factory.mktemp("web")
    with web(f"sqlite:///{folder / 'cadre.db'}", planned=False) as client:
        work = UnitOfWork(engine_of(client), actor="test")
        send_offers(work, folder, "SWE", 80)
        send_offers(work, folder, "CAN", 50)
        client.headers["x-csrf"] = log_in(client, "NATO", ["force_generation_officer"])
        yield client


def cards(page: str) -> list[str]:
    return re.findall(r'<article class="card offer" id="offer-([^"]+)"', page)


def answer(client: TestClient, code: str, **fields: str) -> object:
    data = {"csrf_token": client.headers["x-csrf"], "steps": "1", **fields}
    return client.post(f"{OFFERS}/{code}", data=data, follow_redirects=False)


def test_a_large_round_is_read_fifty_offers_a_page(app: TestClient) -> None:
    first = app.get(OFFERS).text
    third = app.get(f"{OFFERS}?round=R1&page=3").text
    assert (len(cards(first)), len(cards(third))) == (50, 30)
    assert cards(first)[0] == "SWE-R1-SWE-000"
    assert cards(third)[-1] == "CAN-R1-CAN-049"
    assert "130 offers match; page 1 of 3." in first
    assert 'href="?round=R1&amp;state=&amp;nation=&amp;page=2" rel="next"' in first
    assert 'aria-current="page" aria-label="Page 3"' in third
    assert "Next page" not in third
    assert 'rel="prev"' in third


def test_the_page_links_are_in_arabic_on_an_arabic_page(app: TestClient) -> None:
    page = app.get(f"{OFFERS}?page=2", headers={"accept-language": "ar"}).text
    assert 'aria-label="صفحات العروض"' in page
    assert "الصفحة السابقة" in page
    assert "الصفحة التالية" in page
    assert "الصفحة 2 من 3." in page


def test_filters_by_state_and_nation_combine(app: TestClient) -> None:
    for code in ("SWE-R1-SWE-000", "CAN-R1-CAN-000"):
        assert answer(app, code, decision="accepted").status_code == 303
    assert answer(app, "CAN-R1-CAN-001", decision="declined", comment="no").status_code == 303
    accepted = app.get(f"{OFFERS}?state=accepted").text
    assert cards(accepted) == ["SWE-R1-SWE-000", "CAN-R1-CAN-000"]
    canadian_accepted = app.get(f"{OFFERS}?state=accepted&nation=CAN").text
    assert cards(canadian_accepted) == ["CAN-R1-CAN-000"]
    assert "1 offer matches; page 1 of 1." in canadian_accepted
    canadian = app.get(f"{OFFERS}?nation=CAN").text
    assert '<option value="declined" >declined (1)</option>' in canadian
    assert '<option value="offered" >offered (48)</option>' in canadian
    none = app.get(f"{OFFERS}?state=withdrawn&nation=SWE").text
    assert cards(none) == []
    assert "No offer of this round matches these filters." in none


@pytest.mark.parametrize(
    ("page", "status", "shown"),
    [("abc", 400, 1), ("0", 400, 1), ("-2", 400, 1), ("99", 404, 3), ("9" * 30, 404, 3)],
)
def test_a_bad_page_number_is_answered_politely(
    app: TestClient, page: str, status: int, shown: int
) -> None:
    response = app.get(f"{OFFERS}?page={page}")
    assert response.status_code == status
    assert f"There is no page {page} of these offers; this is page {shown} of 3." in response.text
    assert cards(response.text)  # the reader carries on from a page that exists


def test_an_unknown_state_is_said_beside_the_filter(app: TestClient) -> None:
    response = app.get(f"{OFFERS}?state=lost")
    assert response.status_code == 400
    assert '<p class="field-error" id="filter-state-error">' in response.text
    assert len(cards(response.text)) == 50


def test_an_answer_returns_to_its_page_and_filters(app: TestClient) -> None:
    where = {"round": "R1", "state": "offered", "nation": "CAN", "page": "1"}
    sent = answer(app, "CAN-R1-CAN-003", decision="queried", comment="which ranks?", **where)
    assert sent.status_code == 303
    back = urlsplit(sent.headers["location"])
    assert parse_qs(back.query) == {
        "round": ["R1"],
        "state": ["offered"],
        "nation": ["CAN"],
        "answered": ["CAN-R1-CAN-003"],
    }
    second = {**where, "state": "", "nation": "", "page": "2"}
    again = answer(app, "SWE-R1-SWE-060", decision="accepted", **second)
    assert parse_qs(urlsplit(again.headers["location"]).query)["page"] == ["2"]
    refused = answer(app, "SWE-R1-SWE-061", decision="declined", **second)  # no comment
    assert refused.status_code == 422
    assert "page 2 of 3." in refused.text
    assert "SWE-R1-SWE-061" in cards(refused.text)
    # Refused on a page the list no longer has: the last page, the refusal said at the top.
    gone = {**where, "page": "7"}
    late = answer(app, "CAN-R1-CAN-004", decision="declined", **gone)
    assert late.status_code == 422
    assert "There is no page 7 of these offers; this is page 1 of 1." in late.text


def test_an_answer_that_empties_the_last_page_returns_to_the_new_last_page(
    app: TestClient,
) -> None:
    where = {"round": "R1", "state": "offered", "nation": "SWE", "page": "2"}
    last = app.get(f"{OFFERS}?state=offered&nation=SWE&page=2").text
    assert cards(last) == [f"SWE-R1-SWE-{i:03d}" for i in range(50, 80)]
    for code in cards(last):
        answer(app, code, decision="accepted", **where)
    back = app.get(f"{OFFERS}?state=offered&nation=SWE&page=2&answered=SWE-R1-SWE-079")
    assert back.status_code == 200
    assert "There is no page 2 of these offers; this is page 1 of 1." in back.text
    assert len(cards(back.text)) == 50
