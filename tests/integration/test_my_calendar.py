"""People's own views: an administrator links an account to a trainer (API, CLI's service);
the instructor reads their teaching days from the adopted timetable, issues a private
iCalendar address, revokes and issues it again; the feed answers 404 alike for every wrong
address and shows only what the instructor's account may see."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cadre.access.policy import Principal, Role
from cadre.access.sessions import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE
from cadre.cli import app as cli_app
from cadre.domain.errors import InvalidInput, NotFound
from cadre.services.access import users
from cadre.services.timetable import personal
from cadre.services.timetable.queries import load_timetable
from cadre.services.training import accounts, enrolment, operations
from cadre.services.unit_of_work import UnitOfWork
from tests.integration import test_api_training_runs
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.service_support import person as account

BASE = "/api/v1/missions/TINY"
client = test_api_training_runs.client  # the fixture: TINY with two runs, timetabled
ROY = Principal("roy", "CAN", frozenset({Role.INSTRUCTOR}))


def _teaching(work: UnitOfWork) -> tuple[str, set[str], dict[str, set[str]]]:
    """A trainer who teaches in the adopted timetable, the runs they teach, and every run's
    instructors, read from the stored timetable itself."""
    version = load_timetable(work, mission="TINY")
    placed = version.plan.result.solution.placed
    teachers = {p.run: set(p.instructors) for p in placed}
    trainer = sorted(t for ts in teachers.values() for t in ts)[0]
    return trainer, {run for run, ts in teachers.items() if trainer in ts}, teachers


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1].removesuffix(".ics")


def test_an_instructor_subscribes_to_their_own_calendar_and_revokes_it(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainer, runs, _ = _teaching(work)
    admin = account(engine_of(client), "NATO", ["administrator"])
    planner = account(engine_of(client), "NATO", ["mission_planner"])
    me = account(engine_of(client), "CAN", ["instructor"], username="roy")
    link = {"trainer": trainer}
    assert client.put(f"{BASE}/accounts/roy/link", json=link, headers=planner).status_code == 403
    assert client.put(f"{BASE}/accounts/roy/link", json={}, headers=admin).status_code == 422
    missing = client.put(f"{BASE}/accounts/roy/link", json={"trainer": "T-XX"}, headers=admin)
    assert missing.status_code == 404
    assert client.put(f"{BASE}/accounts/roy/link", json=link, headers=admin).status_code == 204

    mine = client.get(f"{BASE}/my/calendar", headers=me).json()
    assert mine["trainer"] == trainer
    assert mine["subscription_since"] is None
    assert {d["run"] for d in mine["days"]} == runs
    version = load_timetable(work, mission="TINY")
    expected = {
        (day.isoformat(), p.run)
        for p in version.plan.result.solution.placed
        if trainer in p.instructors
        for day in version.problem.site(version.plan.run(p.run).site).working_days(p.start, p.end)
    }
    assert {(d["day"], d["run"]) for d in mine["days"]} == expected

    first = client.post(f"{BASE}/my/calendar/subscription", headers=me).json()["url"]
    assert "/api/" not in first
    feed = client.get(first.removeprefix("http://testserver"))
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert feed.headers["cache-control"] == "no-store"
    for run in runs:
        assert run in feed.text
    second = client.post(f"{BASE}/my/calendar/subscription", headers=me).json()["url"]
    assert client.get(first.removeprefix("http://testserver")).status_code == 404
    assert client.get(second.removeprefix("http://testserver")).status_code == 200
    assert client.delete(f"{BASE}/my/calendar/subscription", headers=me).status_code == 204
    gone = client.get(second.removeprefix("http://testserver"))
    unknown = client.get("/calendar/cadre_" + "x" * 43 + ".ics")
    malformed = client.get("/calendar/nothing.ics")
    assert gone.status_code == unknown.status_code == malformed.status_code == 404
    assert gone.text == unknown.text == malformed.text  # the answer does not say which


def test_a_disabled_account_s_address_stops_answering(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainer, _, _ = _teaching(work)
    account(engine_of(client), "CAN", ["instructor"], username="roy")
    accounts.link_account(work, None, "roy", "TINY", trainer=trainer)
    principal = ROY
    token = personal.issue_feed(work, principal, "TINY")
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    users.disable_user(work, "roy")
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_feed_shows_only_what_the_instructor_may_see(client: TestClient) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    trainer, runs, teachers = _teaching(work)
    others = sorted({t for run in runs for t in teachers[run]} - {trainer})
    if not others:
        pytest.skip("the trainer teaches alone; nobody to hide")
    account(engine, "CAN", ["instructor"], username="roy")
    accounts.link_account(work, None, "roy", "TINY", trainer=trainer)
    token = personal.issue_feed(work, ROY, "TINY")
    before = client.get(f"/calendar/{token}.ics").text
    assert others[0] in before
    officer = account(engine, "NATO", ["force_generation_officer"])
    read = client.get(f"{BASE}/trainers/{others[0]}", headers=officer).json()
    label = {"classification": "NATO UNCLASSIFIED", "owner": "SWE", "releasable_to": ["SWE"]}
    relabel = client.put(
        f"{BASE}/labels/trainers/{others[0]}",
        headers=officer | {"If-Match": read["etag"]},
        json=label,
    )
    assert relabel.status_code == 200, relabel.text
    after = client.get(f"/calendar/{token}.ics").text
    assert others[0] not in after
    for run in runs:
        assert run in after


def test_my_calendar_page_in_english_and_arabic_issues_and_revokes_the_address(
    client: TestClient,
) -> None:
    engine = engine_of(client)
    work = UnitOfWork(engine)
    trainer, runs, _ = _teaching(work)
    account(engine, "CAN", ["instructor"], username="roy")
    login = users.open_session(UnitOfWork(engine), "roy")
    client.cookies.set(SESSION_COOKIE, login.token)
    client.cookies.set(CSRF_COOKIE, login.csrf)
    page = client.get("/missions/TINY/my/calendar")
    assert page.status_code == 200
    assert "not linked" in page.text
    assert client.get("/missions/TINY/accounts/link").status_code == 403
    account(engine, "NATO", ["administrator"], username="admin1")
    admin_login = users.open_session(UnitOfWork(engine), "admin1")
    client.cookies.set(SESSION_COOKIE, admin_login.token)
    client.cookies.set(CSRF_COOKIE, admin_login.csrf)
    form = {CSRF_FIELD: admin_login.csrf, "username": "roy", "trainer": "T-NONE"}
    refused = client.post("/missions/TINY/accounts/link", data=form)
    assert refused.status_code == 422
    assert 'id="trainer-error"' in refused.text
    assert 'value="T-NONE"' in refused.text  # the input is kept
    form["trainer"] = trainer
    assert client.post("/missions/TINY/accounts/link", data=form).status_code == 200

    client.cookies.set(SESSION_COOKIE, login.token)
    client.cookies.set(CSRF_COOKIE, login.csrf)
    page = client.get("/missions/TINY/my/calendar").text
    for run in runs:
        assert run in page
    assert '<a href="/missions/TINY/my/calendar" aria-current="page">' in page  # in the nav
    client.cookies.set("cadre_lang", "ar")
    arabic = client.get("/missions/TINY/my/calendar").text
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "تقويمي" in arabic
    issued = client.post(
        "/missions/TINY/my/calendar/subscription", data={CSRF_FIELD: login.csrf}
    ).text
    address = re.search(r"http://testserver(/calendar/[^<\s]+\.ics)", issued)
    assert address is not None
    assert client.get(address.group(1)).status_code == 200
    revoked = client.post(
        "/missions/TINY/my/calendar/subscription/revoke",
        data={CSRF_FIELD: login.csrf},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert client.get(address.group(1)).status_code == 404


def _session(client: TestClient, username: str) -> None:
    login = users.open_session(UnitOfWork(engine_of(client)), username)
    client.cookies.set(SESSION_COOKIE, login.token)
    client.cookies.set(CSRF_COOKIE, login.csrf)


LINK = '<a href="/missions/TINY/accounts/link"'


def test_the_menu_links_the_account_form_for_an_administrator_only(client: TestClient) -> None:
    engine = engine_of(client)
    account(engine, "NATO", ["administrator", "mission_planner"], username="admin2")
    account(engine, "NATO", ["administrator"], username="admin3")
    account(engine, "CAN", ["instructor"], username="ivy")
    _session(client, "admin2")
    overview = client.get("/missions/TINY")
    assert overview.status_code == 200
    assert f"{LINK} >Link accounts</a>" in overview.text
    client.cookies.set("cadre_lang", "ar")
    assert f"{LINK} >ربط الحسابات</a>" in client.get("/missions/TINY").text
    client.cookies.delete("cadre_lang")
    # An administrator alone opens no mission page: the form's own menu keeps the link.
    _session(client, "admin3")
    form = client.get("/missions/TINY/accounts/link").text
    assert f'{LINK} aria-current="page">Link accounts</a>' in form
    _session(client, "ivy")
    mine = client.get("/missions/TINY/my/calendar")
    assert mine.status_code == 200
    assert "/accounts/link" not in mine.text
    assert "/accounts/link" not in client.get("/missions/TINY").text


def test_a_trainee_account_sees_its_own_courses(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainee = operations.create_trainee(work, None, person("7")).view.id
    enrolment.enrol(work, None, "R-01", trainee)
    account(engine_of(client), "IRQ", ["instructor"], username="ali")
    with pytest.raises(NotFound):
        accounts.link_account(work, None, "ali", "TINY", trainee=trainee + 1000)
    with pytest.raises(NotFound):
        accounts.link_account(work, None, "nobody", "TINY", trainee=trainee)
    accounts.link_account(work, None, "ali", "TINY", trainee=trainee)
    ali = Principal("ali", "IRQ", frozenset({Role.INSTRUCTOR}))
    mine = personal.my_calendar(work, ali, "TINY")
    assert (mine.trainer, mine.trainee) == (None, trainee)
    assert [e.run for e in mine.enrolled] == ["R-01"]
    with pytest.raises(InvalidInput):  # no trainer: nothing to subscribe to
        personal.issue_feed(work, ali, "TINY")


def test_the_command_line_links_an_account(
    client: TestClient, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = UnitOfWork(engine_of(client))
    trainer, runs, _ = _teaching(work)
    account(engine_of(client), "CAN", ["instructor"], username="roy")
    monkeypatch.setenv("CADRE_DATABASE_URL", db_url)
    cli = CliRunner()
    done = cli.invoke(cli_app, ["user", "link", "roy", "--trainer", trainer, "--mission", "TINY"])
    assert done.exit_code == 0, done.output
    assert f"trainer {trainer} of TINY" in done.output
    refused = cli.invoke(cli_app, ["user", "link", "roy", "--mission", "TINY"])
    assert refused.exit_code != 0
    assert {r.run for _, r in personal.my_calendar(work, ROY, "TINY").days} == runs
