"""The timetable page over HTTP on SQLite and PostgreSQL: the calendar of a stored timetable,
what releasability leaves out of it (names in sentences included), its calendar files, and a
re-plan started from the page as a job."""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import re
from collections.abc import Iterator

import openpyxl
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from cadre.domain.timetable.changes import Withdrawal
from cadre.services.plans.operations import adopt_plan
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.timetable import queries as timetables
from cadre.services.unit_of_work import UnitOfWork
from cadre.web import cause_words, i18n
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person
from tests.web_support import log_in, web

PAGE = "/missions/TINY/timetable"
RUNS = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, cohort: IA-9DIV-ENG, earliest: 2019-02-03, latest: 2019-04-30}
  - {code: R-02, course: CIED-101, site: BESMAYA, earliest: 2019-04-07, latest: 2019-06-30}
"""  # noqa: E501


@pytest.fixture
def app(db_url: str, tmp_path: pathlib.Path) -> Iterator[TestClient]:
    """Two runs timetabled (version 1); then Sweden withdraws from May, which takes R-02's
    team apart (version 2, re-planned)."""
    path = tmp_path / "tiny-runs.yaml"
    path.write_text((EXAMPLES / "tiny.yaml").read_text(encoding="utf-8") + RUNS, encoding="utf-8")
    with web(db_url, planned=False) as client:
        engine = engine_of(client)
        scenarios.import_file(UnitOfWork(engine), path)
        schedule.schedule(UnitOfWork(engine), seconds=3, workers=1, adopt=True)
        change = Withdrawal(nation="SWE", effective=dt.date(2019, 5, 1))
        schedule.replan(UnitOfWork(engine), change, seconds=3, workers=1)
        # It places fewer runs than version 1: adopting it takes force and a reason.
        adopt_plan(UnitOfWork(engine), None, "timetable", 2, force=True, reason="SWE withdraws")
        yield client


def _placed(app: TestClient) -> tuple[int, int]:
    found = re.search(r"(\d+) of (\d+) runs placed", app.get(PAGE).text)
    assert found is not None
    return int(found[1]), int(found[2])


def test_a_planner_sees_the_calendar_the_moves_and_both_versions(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    latest = timetables.load_timetable(UnitOfWork(engine_of(app)))
    placed = latest.plan.result.solution.placed
    first = min(placed, key=lambda p: p.start)
    site = latest.plan.run(first.run).site
    page = app.get(PAGE, params={"by": "site", "key": site, "day": str(first.start)}).text
    assert _placed(app) == (len(placed), len(latest.plan.runs))
    assert f'title="{first.run}"' in page
    assert all(code in page for code in first.instructors)
    assert "SWE withdraws from 2019-05-01" in page  # the change this version answers
    assert "R-02" in page
    assert "T-SWE-01 of pledge P-SWE-1 left" in page
    older = app.get(PAGE, params={"version": 1})
    assert (older.status_code, "Version 1 of" in older.text) == (200, True)


def _left_out_section(app: TestClient, heading: str) -> str:
    page = app.get(PAGE).text
    assert heading in page
    return page.split(heading, 1)[1].split("</table>", 1)[0]


def test_every_run_left_out_is_named_with_its_cause_in_english_and_arabic(
    app: TestClient,
) -> None:
    log_in(app, "NATO", ["mission_planner"])
    latest = timetables.load_timetable(UnitOfWork(engine_of(app)))
    placed = {p.run for p in latest.plan.result.solution.placed}
    asked = {r.code for r in latest.plan.runs}
    assert asked - placed  # Sweden's withdrawal leaves a run out
    assert {x.run for x in latest.left_out} == asked - placed
    english = _left_out_section(app, "Runs left out and why")
    app.cookies.set("cadre_lang", "ar")
    arabic = _left_out_section(app, "الدورات غير المجدولة ولماذا")
    token = i18n.current.set(i18n.LANGUAGES["ar"])
    try:
        said = {x.run: str(escape(cause_words.cause_words(x.cause))) for x in latest.left_out}
    finally:
        i18n.current.reset(token)
    for x in latest.left_out:
        assert x.run in english
        assert x.run in arabic
        assert f'data-cause="{x.cause.value}"' in english
        assert str(escape(cause_words.WORDS[x.cause])) in english
        assert said[x.run] in arabic
        assert said[x.run] != cause_words.WORDS[x.cause]
    assert "Listed in the scenario" in english  # these runs come from no capacity plan


def test_the_host_liaison_sees_the_runs_but_no_allied_trainer(app: TestClient) -> None:
    # Trainers are released to their nation and NATO; Iraq's liaison sees the timetable (it
    # is released to the host) but neither the trainers' codes nor their names.
    log_in(app, "IRQ", ["host_nation_liaison"])
    latest = timetables.load_timetable(UnitOfWork(engine_of(app)))
    placed = latest.plan.result.solution.placed
    first = min(placed, key=lambda p: p.start)
    site = latest.plan.run(first.run).site
    page = app.get(PAGE, params={"by": "site", "key": site, "day": str(first.start)}).text
    calendar = app.get(f"{PAGE}.ics", params={"by": "site", "key": site})
    hidden = app.get(f"{PAGE}.ics", params={"by": "instructor", "key": "T-CAN-01"})
    assert f'title="{first.run}"' in page
    for text in (page, calendar.text):
        assert ("T-CAN-01" in text, "Tremblay" in text, "T-SWE-01" in text) == (False,) * 3
    assert (calendar.status_code, "BEGIN:VEVENT" in calendar.text, hidden.status_code) == (
        200,
        True,
        404,
    )


def test_a_calendar_file_keeps_its_uids_across_a_replan(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    site = timetables.load_timetable(UnitOfWork(engine_of(app))).plan.runs[0].site
    uids = [
        set(re.findall(r"UID:(\S+)", app.get(f"{PAGE}.ics", params=params).text))
        for params in (
            {"by": "site", "key": site, "version": 1},
            {"by": "site", "key": site, "version": 2},
        )
    ]
    assert uids[0]
    assert uids[0] <= uids[1]


def test_a_partner_without_timetable_rights_sees_no_version(app: TestClient) -> None:
    log_in(app, "SWE", ["national_contributor"])
    assert app.get(PAGE).status_code == 403
    assert app.get(f"{PAGE}.ics", params={"by": "site", "key": "TAJI"}).status_code == 403


def test_a_replan_form_with_no_change_is_refused_beside_the_field(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    response = app.post(
        f"{PAGE}/run", data={"action": "replan", "csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 422
    assert "choose one change" in response.text


def test_school_staff_close_a_room_and_the_replan_runs_as_a_job(app: TestClient) -> None:
    csrf = log_in(app, "IRQ", ["school_staff"])
    engine = engine_of(app)
    latest = timetables.load_timetable(UnitOfWork(engine))
    used = latest.plan.result.solution.placed[0]
    site = latest.plan.run(used.run).site
    response = app.post(
        f"{PAGE}/run",
        data={
            "action": "replan",
            "close_room": f"{site}/{used.room}",
            "seconds": "3",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    job = response.headers["location"].rsplit("/", 1)[-1]
    status = app.get(f"/api/v1/jobs/{job}").json()
    assert status["kind"] == "timetable"
    assert status["parameters"]["close_room"] == used.room


def test_the_api_serves_a_timetable_plan_without_what_the_reader_may_not_see(
    app: TestClient,
) -> None:
    engine = engine_of(app)
    liaison = person(engine, "IRQ", ["host_nation_liaison"])
    planner = person(engine, "NATO", ["mission_planner"])
    seen = app.get("/api/v1/missions/TINY/plans/timetable/2", headers=liaison)
    full = app.get("/api/v1/missions/TINY/plans/timetable/2", headers=planner).json()
    listed = app.get("/api/v1/missions/TINY/plans/timetable", headers=liaison).json()
    assert seen.status_code == 200
    assert [p["number"] for p in listed["items"]] == [2, 1]
    assert "T-CAN-01" in str(full["result"])
    assert "T-SWE-01" in str(full["result"])
    for word in ("T-CAN-01", "T-SWE-01", "Tremblay", "Lindqvist", "P-CAN-1"):
        assert word not in seen.text
    placed = [p["run"] for p in seen.json()["result"]["placed"]]
    assert placed == [p["run"] for p in full["result"]["placed"]]
    # The runs left out, each with its cause's code, the same for both readers here.
    left = [(x["run"], x["code"]) for x in full["result"]["left_out"]]
    assert left
    assert left == [(x["run"], x["code"]) for x in seen.json()["result"]["left_out"]]
    assert {run for run, _ in left} == {r["code"] for r in full["result"]["runs"]} - set(placed)


def test_a_plans_scenario_holds_only_the_records_released_to_the_reader(app: TestClient) -> None:
    liaison = person(engine_of(app), "IRQ", ["host_nation_liaison"])
    scenario = app.get("/api/v1/missions/TINY/plans/timetable/1", headers=liaison).json()
    assert scenario["scenario"]["cohorts"]  # the host's own
    assert scenario["scenario"].get("pledges", []) == []  # the allies' stay with the Alliance
    assert scenario["scenario"].get("trainers", []) == []


def test_the_workbook_holds_what_the_reader_may_see_and_no_more(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    full = openpyxl.load_workbook(io.BytesIO(app.get(f"{PAGE}.xlsx?version=1").content))
    log_in(app, "IRQ", ["host_nation_liaison"])
    answer = app.get(f"{PAGE}.xlsx", params={"version": 1})
    seen = openpyxl.load_workbook(io.BytesIO(answer.content))

    def cells(book: openpyxl.Workbook) -> str:
        return " ".join(
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        )

    assert answer.headers["content-disposition"] == 'attachment; filename="TINY-timetable-1.xlsx"'
    assert (full.sheetnames, "T-CAN-01" in cells(full)) == (seen.sheetnames, True)
    assert ("T-CAN-01" in cells(seen), "Tremblay" in cells(seen), "R-01" in cells(seen)) == (
        False,
        False,
        True,
    )


def test_an_arabic_reader_downloads_the_calendar_and_workbook_in_arabic(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    english = app.get(f"{PAGE}.ics", params={"by": "site", "key": "TAJI", "version": 1}).text
    app.cookies.set("cadre_lang", "ar")
    arabic = app.get(f"{PAGE}.ics", params={"by": "site", "key": "TAJI", "version": 1}).text
    book = openpyxl.load_workbook(io.BytesIO(app.get(f"{PAGE}.xlsx?version=1").content))
    # The same events under the same UIDs, whatever the language: a calendar client that
    # imported one updates it with the other.
    uids = re.compile(r"UID:(\S+)")
    assert uids.findall(arabic) == uids.findall(english) != []
    assert "X-WR-CALNAME:TINY: الموقع TAJI" in arabic
    assert "DESCRIPTION;LANGUAGE=ar:الدورة R-01" in arabic
    assert "Instructors:" in english
    assert "Instructors:" not in arabic
    assert book.sheetnames[:2] == ["الدورات", "التكليفات"]
    assert book.worksheets[0].sheet_view.rightToLeft
