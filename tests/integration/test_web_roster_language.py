"""A run's roster downloaded from the web by an Arabic reader: Arabic sheets and headings, and
still read back, by the web page or the API, whatever the sender's language."""

from __future__ import annotations

import io

import openpyxl
from fastapi.testclient import TestClient

from cadre.services.training import operations
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_training_runs import client
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.service_support import person as account
from tests.web_support import log_in

BASE = "/api/v1/missions/TINY"
__all__ = ["client"]  # the fixture: a service with the runs timetabled


def marked(data: bytes, ref: str, value: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.worksheets[0][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_arabic_reader_s_roster_is_arabic_and_goes_back_in(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainee = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    school = account(engine_of(client), "NATO", ["school_staff"])
    client.post(f"{BASE}/runs/R-01/enrolments", json={"trainee": trainee}, headers=school)
    csrf = log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    sheet = client.get("/missions/TINY/runs/R-01/roster.xlsx")
    assert sheet.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(sheet.content))
    assert book.sheetnames == ["السجل", "Base", "حول"]
    assert book.worksheets[0]["A1"].value == "رقم المتدرّب"
    # Sent back through the API (English, no cookie there): read all the same.
    sent = client.put(
        f"{BASE}/runs/R-01/roster.xlsx",
        files={"workbook": ("r.xlsx", marked(sheet.content, "F2", "P"), "x")},
        headers=school,
    )
    assert sent.json() == {"run": "R-01", "marks": 1, "scores": 0, "kept": 0}
    # A conflict found through the page names the sheet as the reader sees it.
    refused = client.post(
        "/missions/TINY/runs/R-01/roster",
        files={"workbook": ("r.xlsx", marked(sheet.content, "F2", "E"), "x")},
        data={"csrf_token": csrf},
    )
    assert refused.status_code == 422
    assert "السجل!F2" in refused.text
