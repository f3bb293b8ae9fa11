"""An address with a value Cadre cannot read or may not show (`?day=9999-12-31`,
`?version=abc`) is a 400 page that names the value, in the reader's language; never a 500.
The reader's language holds for the whole request, so the error's own words are Arabic too."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web_support import log_in, web

M = "/missions/TINY"
BAD = [
    (f"{M}/timetable?day=9999-12-31", "9999-12-31"),
    (f"{M}/timetable?day=0001-01-01", "0001-01-01"),
    (f"{M}/timetable?day=2019-02-30", "2019-02-30"),
    (f"{M}/timetable?day=tomorrow", "tomorrow"),
    (f"{M}/timetable?view=year", "year"),
    (f"{M}/timetable?version=abc", "abc"),
    (f"{M}/timetable?version=0", "0"),
    (f"{M}/timetable.ics?by=site&key=TAJI&version=abc", "abc"),
    (f"{M}/capacity?version=99999999999999", "99999999999999"),
    (f"{M}/capacity/compare?a=x&b=1", "x"),
    (f"{M}/capacity/compare", "a"),
    (f"{M}/force/workbook?nation=CAN&format=pdf", "pdf"),
    (f"{M}/jobs/not-a-job", "not-a-job"),
    ("/audit?page=-1", "-1"),
]


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url) as client:
        log_in(client, "NATO", ["mission_planner", "auditor"])
        yield client


def _main(html: str) -> str:
    found = re.search(r"<main[^>]*>(.*?)</main>", html, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", " ", found[1]).split())


@pytest.mark.parametrize(("address", "value"), BAD)
def test_a_bad_value_in_the_address_is_a_400_that_names_it(
    app: TestClient, address: str, value: str
) -> None:
    english = app.get(address)
    app.cookies.set("cadre_lang", "ar")
    arabic = app.get(address)
    assert (english.status_code, arabic.status_code) == (400, 400)
    assert english.headers["content-type"].startswith("text/html")
    assert value in _main(english.text)
    assert value in _main(arabic.text)
    assert "This address is not one Cadre understands" in english.text
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert "هذا العنوان لا يفهمه" in arabic.text


def test_the_refusal_of_a_day_out_of_range_is_in_arabic_for_an_arabic_reader(
    app: TestClient,
) -> None:
    app.cookies.set("cadre_lang", "ar")
    page = _main(app.get(f"{M}/timetable", params={"day": "9999-12-31"}).text)
    assert "يعرض التقويم الأيام من 1900-01-01 إلى 2199-12-31" in page
    assert "A calendar shows" not in page


def test_an_error_raised_before_the_page_is_drawn_is_in_the_readers_language(
    app: TestClient,
) -> None:
    # The service's refusal is put into words before the page renders: in the reader's
    # language all the same (it was English on Arabic pages).
    app.cookies.set("cadre_lang", "ar")
    page = app.get(f"{M}/timetable.ics", params={"by": "site", "key": "TAJI"})
    assert page.status_code == 404
    assert "There is no timetable yet" not in page.text
    assert "لا يوجد جدول زمني بعد" in page.text


def test_a_form_with_a_bad_value_stays_a_422(app: TestClient) -> None:
    csrf = app.cookies.get("cadre_csrf") or ""
    response = app.post(
        f"{M}/timetable/run", data={"action": "replan", "csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 422
