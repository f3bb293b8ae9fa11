"""Certificates through the API and the web, on SQLite and PostgreSQL: the PDF for a reader
who may see its holder, the verification its QR code leads to (with no account; valid, then
revoked; nothing else about the holder), renewal refused with its codes, and the expiring
certificates page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from cadre.services.training import operations, results
from cadre.services.training.roster_sheets import MEDIA_TYPE
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_training_runs import client
from tests.integration.test_training_certificates import ARABIC_NAME, certify, pdf_text
from tests.integration.test_training_enrolment import person
from tests.integration.test_training_roster_sheets import filled
from tests.service_support import engine_of
from tests.service_support import person as account
from tests.web_support import log_in

BASE = "/api/v1/missions/TINY"
__all__ = ["client"]  # the fixture: a service with the runs timetabled


def test_a_certificate_pdf_leads_to_a_page_that_says_valid_then_revoked_and_no_more(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    school = account(engine, "NATO", ["school_staff"])
    holder = operations.create_trainee(
        work, None, person("7731", name_ar=ARABIC_NAME, name_latin="M. Al-Jubouri", birth_year=1990)
    ).view.id
    (number,) = certify(work, "R-01", holder)
    assert client.get(f"{BASE}/certificates/{number}/pdf").status_code == 401
    pdf = client.get(f"{BASE}/certificates/{number}/pdf", headers=school)
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    address = re.search(r"http://testserver/verify/([A-Za-z0-9_-]{43})", pdf_text(pdf.content))
    assert address is not None
    token = address.group(1)
    checked = client.get(f"/api/v1/verify/{token}")  # no account
    assert checked.status_code == 200, checked.text
    body = checked.json()
    assert set(body) == {
        "standing", "course", "holder_latin", "holder_arabic", "issued", "expires", "revoked_on"
    }  # fmt: skip
    assert (body["holder_latin"], body["holder_arabic"]) == ("M. Al-Jubouri", ARABIC_NAME)
    page = client.get(f"/verify/{token}")  # the web page, no session: not sent to log in
    assert page.status_code == 200
    assert "M. Al-Jubouri" in page.text
    assert ARABIC_NAME in page.text
    for secret in (number, "7731", "1990", "IA", "MoD J2", "cleared", str(holder), "TAJI"):
        assert f">{secret}<" not in page.text
        assert secret not in body.values()
    assert number not in page.text
    assert "7731" not in page.text
    end = mission_runs(work, None).run("R-01").end
    results.revoke_certificate(work, None, number, "cheating on the assessment", end)
    revoked = client.get(f"/verify/{token}")
    assert "Revoked" in revoked.text
    assert "cheating" not in revoked.text
    assert client.get(f"/api/v1/verify/{token}").json()["standing"] == "revoked"
    for wrong in ("A" * 43, "short", token[:-1] + ("A" if token[-1] != "A" else "B")):
        assert client.get(f"/api/v1/verify/{wrong}").status_code == 404
        assert client.get(f"/verify/{wrong}").status_code == 404


def test_renewal_through_the_api_is_refused_with_its_codes_and_given_once_declared(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    school = account(engine, "NATO", ["school_staff"])
    holder = operations.create_trainee(work, None, person("1")).view.id
    (number,) = certify(work, "R-01", holder)
    run = mission_runs(work, None).run("R-02")
    client.post(f"{BASE}/runs/R-02/enrolments", json={"trainee": holder}, headers=school)
    for day in run.days:
        client.put(
            f"{BASE}/runs/R-02/attendance",
            json={"day": day.isoformat(), "marks": {str(holder): "present"}},
            headers=school,
        )
    client.put(
        f"{BASE}/runs/R-02/results/{holder}",
        json={"score": 95, "on": run.end.isoformat()},
        headers=school,
    )
    refused = client.post(
        f"{BASE}/certificates/{number}/renew", json={"run": "R-02"}, headers=school
    )
    assert refused.status_code == 422
    assert [p["code"] for p in refused.json()["problems"]] == ["renewal.not_a_refresher"]
    declared = client.put(
        f"{BASE}/refreshers", json={"course": "CIED-101", "refresher": "CIED-TTT"}, headers=school
    )
    assert declared.status_code == 204, declared.text
    renewed = client.post(
        f"{BASE}/certificates/{number}/renew", json={"run": "R-02"}, headers=school
    )
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["renewed_on"] == run.end.isoformat()
    assert client.get(f"{BASE}/trainees/{2**31}", headers=school).status_code == 422


def test_the_expiring_certificates_page_lists_them_by_school_and_discipline(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    holder = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    (number,) = certify(work, "R-01", holder)
    end = mission_runs(work, None).run("R-01").end
    log_in(client, "NATO", ["school_staff"])
    page = client.get(
        "/missions/TINY/certificates/expiring", params={"days": 3650, "on": end.isoformat()}
    )
    assert page.status_code == 200, page.text
    assert number in page.text
    assert "Ali Kadhim" in page.text
    other = client.get(
        "/missions/TINY/certificates/expiring",
        params={"days": 3650, "on": end.isoformat(), "school": "NOPE"},
    )
    assert number not in other.text
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    arabic = client.get(
        "/missions/TINY/certificates/expiring", params={"days": 3650, "on": end.isoformat()}
    )
    assert "الشهادات التي تنتهي صلاحيتها" in arabic.text


def test_the_directors_roster_page_shows_each_day_and_takes_the_workbook_back(
    client: TestClient,
) -> None:
    work = UnitOfWork(engine_of(client))
    trainee = operations.create_trainee(work, None, person("1", name_latin="Ali Kadhim")).view.id
    school = account(engine_of(client), "NATO", ["school_staff"])
    client.post(f"{BASE}/runs/R-01/enrolments", json={"trainee": trainee}, headers=school)
    sheet = client.get(f"{BASE}/runs/R-01/roster.xlsx", headers=school)
    assert sheet.status_code == 200, sheet.text
    offline = filled(sheet.content, {"F2": "P", "G2": "A"})
    sent = client.put(
        f"{BASE}/runs/R-01/roster.xlsx",
        files={"workbook": ("r.xlsx", offline, "application/octet-stream")},
        headers=school,
    )
    assert sent.json() == {"run": "R-01", "marks": 2, "scores": 0, "kept": 0}
    bad = client.put(
        f"{BASE}/runs/R-01/roster.xlsx",
        files={"workbook": ("r.xlsx", filled(sheet.content, {"F2": "Q"}), "x")},
        headers=school,
    )
    assert bad.status_code == 422
    assert [p["field"] for p in bad.json()["problems"]] == ["Roster!F2"]
    assert client.get(f"{BASE}/runs/R-01/roster.xlsx").status_code == 401
    csrf = log_in(client, "NATO", ["school_staff"])
    page = client.get("/missions/TINY/runs/R-01/roster")
    assert page.status_code == 200, page.text
    assert "Ali Kadhim" in page.text
    from_page = client.get("/missions/TINY/runs/R-01/roster.xlsx")
    for answer in (sheet, from_page):  # the API and the page hand out one file alike
        assert answer.headers["content-type"] == MEDIA_TYPE
        assert answer.headers["content-disposition"] == 'attachment; filename="roster-R-01.xlsx"'
    assert page.text.count("mark-present") == 1
    assert page.text.count("mark-absent") == 1
    conflict = filled(sheet.content, {"F2": "E"})  # the app has P there since the download
    refused = client.post(
        "/missions/TINY/runs/R-01/roster",
        files={"workbook": ("r.xlsx", conflict, "application/octet-stream")},
        data={"csrf_token": csrf},
    )
    assert refused.status_code == 422
    assert "Roster!F2" in refused.text
