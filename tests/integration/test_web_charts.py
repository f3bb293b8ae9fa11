"""The figures of the web pages in the reader's language, compared plans on one scale, and an
address with a control character answered as a page in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from tests.web_support import log_in, web

M = "/missions/TINY"


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url) as client:
        log_in(client, "NATO", ["mission_planner", "force_generation_officer"])
        yield client


def _images(html: str) -> list[str]:
    return [
        src.replace("&amp;", "&") for src in re.findall(r'<img src="([^"]+/plots/[^"]+)"', html)
    ]


def _in_both_languages(app: TestClient, address: str) -> tuple[Response, Response]:
    english = app.get(address)
    app.cookies.set("cadre_lang", "ar")
    try:
        return english, app.get(address)
    finally:
        app.cookies.delete("cadre_lang")


def test_an_arabic_reader_s_figures_are_drawn_in_arabic(app: TestClient) -> None:
    app.cookies.set("cadre_lang", "ar")
    try:
        images = _images(app.get(f"{M}/capacity").text) + _images(app.get(f"{M}/force").text)
    finally:
        app.cookies.delete("cadre_lang")
    assert len(images) >= 5
    assert all(src.endswith("lang=ar") for src in images)
    for src in images:
        svg = app.get(src)  # the address names the language: no cookie needed
        assert svg.status_code == 200
        # Arabic is drawn as shaped glyphs, not left to the browser's fonts as text.
        assert "<text" not in svg.text
        assert re.search(r"<!-- [^>]*[\u0600-\u06ff]", svg.text), src
    force = app.get(f"{M}/plots/force/1/required-vs-pledged.svg?lang=ar").text
    assert "<!-- المناصب الحرجة -->" in force
    assert "Critical posts" not in force


def test_an_english_reader_s_figures_stay_text(app: TestClient) -> None:
    svg = app.get(f"{M}/plots/capacity/1/training-force.svg?lang=en").text
    assert "Host instructor cadre</text>" in svg


def test_compared_plans_are_drawn_against_each_other(app: TestClient) -> None:
    page = app.get(f"{M}/capacity/compare?a=1&b=1").text
    images = _images(page)
    assert [src.split("?")[1] for src in images] == ["against=1&lang=en"] * 2
    assert app.get(images[0]).status_code == 200
    assert app.get(f"{M}/plots/capacity/1/training-force.svg?against=99").status_code == 404
    assert app.get(f"{M}/plots/capacity/1/training-force.svg?lang=fr").status_code == 400


@pytest.mark.parametrize("address", [f"{M}/capacity?version=%00", f"{M}%00/force"])
def test_a_control_character_in_a_page_address_is_a_400_page_in_the_readers_language(
    app: TestClient, address: str
) -> None:
    english, arabic = _in_both_languages(app, address)
    assert (english.status_code, arabic.status_code) == (400, 400)
    assert english.headers["content-type"].startswith("text/html")
    assert "control character" in english.text
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert "هذا العنوان لا يفهمه" in arabic.text
    assert "control character" not in arabic.text
    # The page names its address as sent (the language switch returns to it), still encoded.
    assert "\x00" not in english.text + arabic.text
    assert 'name="next" value="/missions/TINY' in english.text


def test_a_control_character_in_an_api_address_is_still_the_api_s_json(app: TestClient) -> None:
    answer = app.get("/api/v1/missions?x=%00")
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_input"


def test_a_figure_without_its_language_in_the_address_follows_the_reader(app: TestClient) -> None:
    address = f"{M}/plots/capacity/1/handover-timeline.svg"
    english, arabic = _in_both_languages(app, address)
    assert "Foreign instructors needed until handover" in english.text
    assert "<!-- الحاجة إلى المدربين الأجانب" in arabic.text
    assert arabic.headers["vary"] == "Cookie, Accept-Language"
    assert "vary" not in app.get(f"{address}?lang=en").headers
