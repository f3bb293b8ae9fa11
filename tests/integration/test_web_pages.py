"""The web pages over HTTP on SQLite and PostgreSQL: who may open which page, what
releasability leaves out, the friendly refusals, and the language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of
from tests.web_support import log_in, web

PAGES = {
    "overview": "/missions/TINY",
    "capacity": "/missions/TINY/capacity",
    "force": "/missions/TINY/force",
    "offers": "/missions/TINY/force/offers",
    "timetable": "/missions/TINY/timetable",
    "records": "/missions/TINY/records/courses",
    "audit": "/audit",
}


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url) as client:
        yield client


def statuses(client: TestClient) -> dict[str, int]:
    return {name: client.get(path).status_code for name, path in PAGES.items()}


@pytest.mark.parametrize(
    ("affiliation", "role", "allowed"),
    [
        (
            "NATO",
            "mission_planner",
            {"overview", "capacity", "force", "offers", "timetable", "records"},
        ),
        (
            "NATO",
            "force_generation_officer",
            {"overview", "capacity", "force", "offers", "timetable", "records"},
        ),
        ("IRQ", "school_staff", {"overview", "capacity", "timetable", "records"}),
        ("CAN", "instructor", {"overview", "capacity", "timetable", "records"}),
        ("SWE", "national_contributor", {"force", "offers", "records"}),
        ("IRQ", "host_nation_liaison", {"overview", "capacity", "timetable", "records"}),
        ("NATO", "coordination_partner", {"overview", "capacity", "timetable", "records"}),
        (
            "NATO",
            "auditor",
            {"overview", "capacity", "force", "offers", "timetable", "records", "audit"},
        ),
        ("NATO", "administrator", {"audit"}),
    ],
)
def test_each_role_opens_its_pages_and_is_refused_the_others(
    app: TestClient, affiliation: str, role: str, allowed: set[str]
) -> None:
    log_in(app, affiliation, [role])
    assert statuses(app) == {name: 200 if name in allowed else 403 for name in PAGES}


def test_a_refusal_is_a_page_that_says_why_and_no_stack_trace(app: TestClient) -> None:
    log_in(app, "SWE", ["national_contributor"])
    response = app.get("/missions/TINY/capacity")
    assert (response.status_code, response.headers["content-type"]) == (
        403,
        "text/html; charset=utf-8",
    )
    assert "<h1>Not for your role</h1>" in response.text
    assert "Traceback" not in response.text


def test_a_partner_nation_sees_its_own_pledges_and_nothing_of_others(db_url: str) -> None:
    # Australia is a partner of NMI, outside NATO: the force plan (released to NATO) and the
    # allies' pledges are not for it.
    with web(db_url, "nmi-2018.yaml") as app:
        log_in(app, "AUS", ["national_contributor"])
        page = app.get("/missions/NMI/force").text
        listed = app.get("/missions/NMI/records/pledges").text
        hidden = app.get("/missions/NMI/records/pledges/P-CAN-CIED")
    assert ("P-AUS-" in page, "P-CAN-" in page, "P-AUS-" in listed, "P-CAN-" in listed) == (
        True,
        False,
        True,
        False,
    )
    assert "force plan is not released to you" in page
    assert hidden.status_code == 404


def test_a_record_that_does_not_exist_answers_not_found_as_a_page(app: TestClient) -> None:
    log_in(app, "SWE", ["national_contributor"])
    missing = app.get("/missions/TINY/records/pledges/P-NONE")
    assert missing.status_code == 404
    assert "<h1>Not found</h1>" in missing.text


def test_an_ally_officer_sees_the_whole_force_picture(app: TestClient) -> None:
    log_in(app, "NATO", ["force_generation_officer"])
    page = app.get("/missions/TINY/force").text
    assert all(text in page for text in ("P-CAN-1", "P-SWE-1", "Rotation calendar", "HQ-001"))


def test_a_visitor_without_a_session_is_sent_to_the_login_page(app: TestClient) -> None:
    response = app.get("/missions/TINY/capacity", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/login?next=%2Fmissions%2FTINY%2Fcapacity",
    )


def test_the_arabic_page_runs_right_to_left_with_translated_labels(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    app.cookies.set("cadre_lang", "ar")
    page = app.get("/missions/TINY").text
    assert '<html lang="ar" dir="rtl">' in page
    assert ">نظرة عامة</a>" in page


def test_the_language_switch_persists_and_returns_to_the_page(app: TestClient) -> None:
    response = app.post("/language", data={"lang": "ar", "next": "/login"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert re.search(r"cadre_lang=ar; .*Max-Age=31536000", response.headers["set-cookie"])


def test_the_language_switch_never_sends_the_user_to_another_site(app: TestClient) -> None:
    response = app.post(
        "/language", data={"lang": "en", "next": "//evil.example/x"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"


def test_a_cohort_shows_its_arabic_name_as_written_beside_its_transliteration(
    app: TestClient,
) -> None:
    log_in(app, "IRQ", ["host_nation_liaison"])
    page = app.get("/missions/TINY/records/cohorts").text
    assert (
        '<bdi lang="ar" dir="rtl">كتيبة هندسة الفرقة التاسعة</bdi> '
        '<bdi class="latin" lang="ar-Latn" dir="ltr">Katibat Handasat al-Firqa al-Tasi&#39;a</bdi>'
    ) in page


def test_logging_out_needs_the_pages_csrf_token(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    refused = app.post("/logout", data={}, follow_redirects=False)
    done = app.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert (refused.status_code, done.status_code, done.headers["location"]) == (
        403,
        303,
        "/login",
    )
    assert app.get("/missions/TINY", follow_redirects=False).status_code == 303


def test_pages_load_nothing_from_elsewhere(app: TestClient) -> None:
    log_in(app, "NATO", ["auditor"])
    for path in PAGES.values():
        page = app.get(path)
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert [s for s in sources if not s.startswith(("/", "#"))] == [], path
        assert "default-src 'self'" in page.headers["content-security-policy"]


def test_the_capacity_page_leads_with_the_whole_deployed_force(app: TestClient) -> None:
    plan = capacity.plan_capacity(UnitOfWork(engine_of(app)), seconds=30, adopt=True).plan
    log_in(app, "NATO", ["mission_planner"])
    for path in ("/missions/TINY/capacity", "/missions/TINY"):  # the overview reads the adopted
        page = app.get(path).text
        assert "Deployed force at peak" in page, path
        assert f">{plan.peak_deployed[0]}<" in page, path
        assert "Training force at peak" in page, path


def test_the_capacity_page_shows_the_newest_sweep_s_ranges(app: TestClient) -> None:
    from cadre.services.capacity.sweep import sweep_capacity

    work = UnitOfWork(engine_of(app))
    capacity.plan_capacity(work, seconds=30, adopt=True)
    _, ranges = sweep_capacity(work, samples=3, seed=4, seconds=30)
    log_in(app, "NATO", ["mission_planner"])
    page = app.get("/missions/TINY/capacity").text
    assert "Ranges from sweep 1 (3 samples of the uncertain figures)" in page
    section = page.split('<section class="sweep">')[1].split("</section>")[0]
    assert section.count("<tr><td>") == len(ranges.handovers)
    assert "Counter-IED" in section
