"""The Hijri date beside the Gregorian one, as the reader switches it, in English and Arabic:
the switch beside the languages keeps the choice in a cookie and comes back to the page it was
pressed on; with it on, the offers, pathway and timetable pages write each date with its
Umm al-Qura date inside the same <time>; with it off (the default, in Arabic too) they do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.training import operations, pathway
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import HIJRI_COOKIE, LANGUAGE_COOKIE
from tests.integration.test_api_pathway import client
from tests.integration.test_training_enrolment import person
from tests.offer_support import send_offers
from tests.service_support import engine_of
from tests.web_support import log_in, web

__all__ = ["client"]  # the fixture: the pathway scenario, its timetable adopted
M = "/missions/TINY"
# The first offer runs from 1 March 2019: 24 Jumada al-Akhirah 1440 in the Umm al-Qura
# calendar (the unit tests check conversions against published pairs).
START = {
    "en": '<time datetime="2019-03-01">1 Mar 2019 <span class="hijri">'
    "(24 Jumada al-Akhirah 1440 AH)</span></time>",
    "ar": '<time datetime="2019-03-01">1 آذار 2019 <span class="hijri">'
    "(24 جمادى الآخرة 1440 هـ)</span></time>",
}
PLAIN = {
    "en": '<time datetime="2019-03-01">1 Mar 2019</time>',
    "ar": '<time datetime="2019-03-01">1 آذار 2019</time>',
}


@pytest.fixture
def offers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("web")
    with web(f"sqlite:///{folder / 'cadre.db'}", planned=False) as app:
        send_offers(UnitOfWork(engine_of(app), actor="test"), folder, "SWE", 2)
        log_in(app, "NATO", ["force_generation_officer"])
        yield app


def read(app: TestClient, path: str, language: str, hijri: str | None) -> str:
    app.cookies.set(LANGUAGE_COOKIE, language)
    if hijri is None:
        app.cookies.delete(HIJRI_COOKIE)
    else:
        app.cookies.set(HIJRI_COOKIE, hijri)
    response = app.get(path)
    assert response.status_code == 200, response.text
    return response.text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_offers_page_writes_the_hijri_date_only_when_asked(
    offers: TestClient, language: str
) -> None:
    page = f"{M}/force/offers"
    assert START[language] in read(offers, page, language, "on")
    assert PLAIN[language] in read(offers, page, language, "off")
    unasked = read(offers, page, language, None)
    assert PLAIN[language] in unasked
    assert 'class="hijri' not in unasked


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_switch_says_its_state_and_keeps_the_choice(offers: TestClient, language: str) -> None:
    page = read(offers, f"{M}/force/offers", language, None)
    label = {"en": "Hijri dates", "ar": "التاريخ الهجري"}[language]
    assert re.search(
        rf'<button type="submit" name="hijri" value="on" aria-pressed="false"\s+'
        rf'title="[^"]+">{label}</button>',
        page,
    )
    switched = offers.post(
        "/hijri", data={"hijri": "on", "next": f"{M}/force/offers?page=1"}, follow_redirects=False
    )
    assert (switched.status_code, switched.headers["location"]) == (303, f"{M}/force/offers?page=1")
    assert f"{HIJRI_COOKIE}=on" in switched.headers["set-cookie"]
    offers.cookies.set(HIJRI_COOKIE, "on")
    shown = offers.get(f"{M}/force/offers").text
    assert 'name="hijri" value="off" aria-pressed="true"' in shown
    assert START[language] in shown


def test_the_switch_ignores_an_unknown_value_and_a_foreign_address(offers: TestClient) -> None:
    odd = offers.post("/hijri", data={"hijri": "maybe", "next": "//evil.example/x"})
    assert "set-cookie" not in odd.headers
    response = offers.post(
        "/hijri", data={"hijri": "on", "next": "//evil.example/x"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"


def test_pathway_and_timetable_dates_follow_the_switch(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    ali = operations.create_trainee(work, None, person("1")).view.id
    pathway.enter_person(work, None, "T-IRQ-01", ali, None)  # so the page has an "as of" day
    log_in(client, "NATO", ["school_staff"])
    people = read(client, f"{M}/pathway", "ar", "on")
    assert re.search(
        r'<time datetime="\d{4}-\d\d-\d\d">[^<]+<span class="hijri">\([^)]+هـ\)', people
    )
    log_in(client, "NATO", ["mission_planner"])
    week = read(client, f"{M}/timetable", "en", "on")
    headings = re.findall(r'<th><time datetime="[^"]+">([^<]+)<span class="hijri block">', week)
    assert len(headings) == 7
    plain = read(client, f"{M}/timetable", "en", "off")
    assert len(re.findall(r'<th><time datetime="[^"]+">[^<]+</time></th>', plain)) == 7
