"""The API's downloads in the language asked for by `?lang=`: the timetable's workbook and
calendar and a run's roster in Arabic, English by default, and a language Cadre does not
write refused with the API's error shape."""

from __future__ import annotations

import io

import icalendar
import openpyxl
import pytest
from fastapi.testclient import TestClient

from tests.integration.test_api_training_runs import client
from tests.service_support import engine_of
from tests.service_support import person as account

BASE = "/api/v1/missions/TINY"
__all__ = ["client"]  # the fixture: a service with the runs timetabled and adopted
DOWNLOADS = [
    f"{BASE}/timetable.xlsx",
    f"{BASE}/timetable.ics?by=site&key=TAJI",
    f"{BASE}/runs/R-01/roster.xlsx",
]


def _staff(client: TestClient) -> dict[str, str]:
    return account(engine_of(client), "NATO", ["school_staff"])


def _sheets(data: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(data)).sheetnames


def test_the_timetable_workbook_comes_in_arabic_when_asked(client: TestClient) -> None:
    staff = _staff(client)
    arabic = client.get(f"{BASE}/timetable.xlsx?lang=ar", headers=staff)
    assert arabic.status_code == 200, arabic.text
    assert _sheets(arabic.content)[:2] == ["الدورات", "التكليفات"]
    english = client.get(f"{BASE}/timetable.xlsx", headers=staff)
    assert _sheets(english.content)[:2] == ["Runs", "Assignments"]


def test_a_site_s_calendar_comes_in_arabic_when_asked(client: TestClient) -> None:
    staff = _staff(client)
    arabic = client.get(f"{BASE}/timetable.ics?by=site&key=TAJI&lang=ar", headers=staff)
    assert arabic.status_code == 200, arabic.text
    assert arabic.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(arabic.text)
    assert str(calendar["x-wr-calname"]) == "TINY: الموقع TAJI"
    events = calendar.walk("VEVENT")
    assert events
    assert all(e["description"].params["LANGUAGE"] == "ar" for e in events)
    english = client.get(f"{BASE}/timetable.ics?by=site&key=TAJI", headers=staff)
    assert str(icalendar.Calendar.from_ical(english.text)["x-wr-calname"]) == "TINY site TAJI"


def test_a_run_s_roster_comes_in_arabic_when_asked(client: TestClient) -> None:
    staff = _staff(client)
    arabic = client.get(f"{BASE}/runs/R-01/roster.xlsx?lang=ar", headers=staff)
    assert arabic.status_code == 200, arabic.text
    book = openpyxl.load_workbook(io.BytesIO(arabic.content))
    assert book.sheetnames == ["السجل", "Base", "حول"]
    assert book.worksheets[0]["A1"].value == "رقم المتدرّب"
    english = client.get(f"{BASE}/runs/R-01/roster.xlsx", headers=staff)
    assert _sheets(english.content) == ["Roster", "Base", "About"]


@pytest.mark.parametrize("address", DOWNLOADS)
def test_a_language_cadre_does_not_write_is_refused(client: TestClient, address: str) -> None:
    joiner = "&" if "?" in address else "?"
    refused = client.get(f"{address}{joiner}lang=fr", headers=_staff(client))
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "unknown_language"
    assert body["params"] == {"lang": "fr"}
    assert "en or ar" in body["message"]


def test_a_role_that_may_not_read_the_timetable_gets_none_of_its_files(
    client: TestClient,
) -> None:
    pledger = account(engine_of(client), "NATO", ["national_contributor"])
    for address in DOWNLOADS[:2]:
        refused = client.get(address, headers=pledger)
        assert refused.status_code == 403, address
        assert client.get(address, headers=_staff(client)).status_code == 200
