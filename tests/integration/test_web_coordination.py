"""The coordination pages: the schematic map of the 18 governorates, the gaps, overlaps and
register as the reader may see them, in English and Arabic, and the HXL exports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.coordination import operations
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of
from tests.web_support import log_in, web

BASE = "/missions/TINY/coordination"


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url, planned=False) as client:
        operations.load_example(UnitOfWork(engine_of(client)), "TINY")
        yield client


def test_the_map_draws_each_governorate_once_with_the_readers_figures(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    page = app.get(BASE, params={"month": "2019-03"})
    assert page.status_code == 200
    assert page.text.count("data-pcode=") == 18
    assert "Ninewa" in page.text
    assert 'href="https://' not in page.text
    assert "http://" not in page.text


def test_the_arabic_map_names_governorates_in_arabic(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    app.cookies.set("cadre_lang", "ar")
    page = app.get(BASE).text
    assert "نينوى" in page
    assert "الفجوات" in page


def test_a_reader_sees_only_the_lines_shared_with_it(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    planner = app.get(f"{BASE}/register").text
    log_in(app, "IRQ", ["host_nation_liaison"])
    host = app.get(f"{BASE}/register").text
    assert "UNMAS-2019" not in planner  # UNMAS shares with the UN and the host only
    assert "UNMAS-2019" in host
    assert "ESP-2019" not in host  # Spain shares with itself, NATO and the coalition


def test_overlaps_and_exports_answer(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    assert app.get(f"{BASE}/overlaps").status_code == 200
    exported = app.get(f"{BASE}/export/register", params={"format": "xlsx"})
    assert exported.status_code == 200
    assert exported.content[:2] == b"PK"


def test_a_national_contributor_has_no_coordination_page(app: TestClient) -> None:
    log_in(app, "SWE", ["national_contributor"])
    assert app.get(BASE).status_code == 403
