"""Changing things through the web pages, on SQLite: scenario records through forms with the
importer's rules (problems beside their fields), pledge workbooks out and back in with their
validation report, and a new plan started as a job."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.access import audit
from cadre.services.unit_of_work import UnitOfWork
from tests.service_support import engine_of
from tests.web_support import log_in, web


@pytest.fixture
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'cadre.db'}"
    with web(url) as client:
        yield client


COURSE = {
    "code": "CIED-201",
    "title": "Counter-IED team leader",
    "discipline": "CIED",
    "level": "advanced",
    "duration_days": "15",
    "min_class_size": "8",
    "max_class_size": "20",
    "instructors_per_run": "2",
    "instructor_qualification": "CIED-INS",
    "pass_rate": "0.8",
    "prerequisites": "CIED-101",
    "delivery_modes": ["resident", "mobile_training_team"],
}


def errors_beside(page: str) -> dict[str, list[str]]:
    """Each field's error messages, as the form shows them under the field."""
    found: dict[str, list[str]] = {}
    for name, text in re.findall(
        r'<p class="field-error" id="([^"]*)-error"><bdi lang="en" dir="ltr">([^<]*)</bdi>', page
    ):
        found.setdefault(name, []).append(text)
    return found


def test_a_new_course_is_saved_and_recorded_in_the_audit_trail(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    response = app.post(
        "/missions/TINY/records/courses/new",
        data={**COURSE, "csrf_token": csrf},
        follow_redirects=False,
    )
    listed = app.get("/missions/TINY/records/courses?q=team leader").text
    entries = audit.entries_page(
        UnitOfWork(engine_of(app)), _auditor(), mission="TINY", kind="courses"
    ).entries
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/missions/TINY/records/courses?saved=CIED-201",
    )
    assert "CIED-201" in listed
    assert [(e.action, e.key) for e in entries] == [("create", "CIED-201")]


def _auditor():  # type: ignore[no-untyped-def]
    from cadre.access.policy import Principal, Role

    return Principal("auditor", "NATO", frozenset({Role.AUDITOR}))


def test_a_course_breaking_the_rules_is_shown_again_with_each_problem_beside_its_field(
    app: TestClient,
) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    bad = {**COURSE, "max_class_size": "many", "discipline": "NOPE", "csrf_token": csrf}
    response = app.post("/missions/TINY/records/courses/new", data=bad)
    assert response.status_code == 422
    assert sorted(errors_beside(response.text)) == ["max_class_size"]
    assert 'value="many"' in response.text  # what the user typed is kept
    fixed = app.post("/missions/TINY/records/courses/new", data={**bad, "max_class_size": "20"})
    assert fixed.status_code == 422
    assert sorted(errors_beside(fixed.text)) == ["discipline"]
    assert app.get("/missions/TINY/records/courses/CIED-201").status_code == 404


def test_a_site_s_rooms_are_typed_one_per_line(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    form = app.get("/missions/TINY/records/sites/BESMAYA").text
    etag = re.search(r'name="etag" value="([^"]+)"', form)
    assert etag is not None
    response = app.post(
        "/missions/TINY/records/sites/BESMAYA",
        data={
            "csrf_token": csrf,
            "etag": etag.group(1),
            "code": "BESMAYA",
            "name": "Besmaya Range Complex",
            "kind": "training_centre",
            "region": "Baghdad",
            "rooms": "BES-CR1, 30\nBES-CR2, 12",
            "holidays": "Eid al-Adha, day one, 2019-08-11, 2019-08-11",
            "working_week": ["sun", "mon", "tue", "wed", "thu"],
        },
        follow_redirects=False,
    )
    page = app.get("/missions/TINY/records/sites/BESMAYA").text
    assert response.status_code == 303
    assert "BES-CR1, 30\nBES-CR2, 12</textarea>" in page
    assert "Eid al-Adha, day one, 2019-08-11, 2019-08-11</textarea>" in page


def test_an_edit_based_on_an_old_version_is_refused_and_shown_again(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    data = {**COURSE, "code": "CIED-101", "title": "Renamed", "csrf_token": csrf, "etag": "old"}
    response = app.post("/missions/TINY/records/courses/CIED-101", data=data)
    assert response.status_code == 422
    assert "changed since you read it" in response.text


def test_a_contributor_may_read_but_not_edit_anothers_pledge(app: TestClient) -> None:
    csrf = log_in(app, "CAN", ["national_contributor"])
    form = app.get("/missions/TINY/records/pledges/P-SWE-1").text
    post = app.post(
        "/missions/TINY/records/pledges/P-SWE-1",
        data={"csrf_token": csrf, "code": "P-SWE-1", "count": "7"},
    )
    assert "inert" in form
    assert '<button type="submit" class="primary">' not in form
    assert post.status_code == 403
    # Not a bare refusal: the form again, with what was typed and why it was not saved.
    assert "This belongs to SWE: your role lets you change only what CAN owns." in post.text
    assert re.search(r'name="count" value="7"', post.text)


BROKEN = (
    "nation,line,count,start,end,tour months,rank from,rank to,caveat 1,caveat 2,"
    "your reference,note\n"
    "CAN,SOR-001,many,2019-01-01,2019-13-01,6,,,,,A1,\n"
)


def test_a_broken_pledge_file_gets_a_report_and_changes_nothing(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["force_generation_officer"])
    template = app.get("/missions/TINY/force/workbook?nation=CAN&format=csv")
    broken = app.post(
        "/missions/TINY/force/workbook",
        data={"csrf_token": csrf},
        files={"workbook": ("can-offers.csv", BROKEN.encode(), "text/csv")},
    )
    good = BROKEN.replace("many", "2").replace("2019-13-01", "2019-12-31")
    accepted = app.post(
        "/missions/TINY/force/workbook",
        data={"csrf_token": csrf},
        files={"workbook": ("can-offers.csv", good.encode(), "text/csv")},
    )
    assert template.headers["content-disposition"] == (
        'attachment; filename="TINY-CAN-pledges.csv"'
    )
    assert broken.status_code == 422
    report = re.findall(r"<li>(.*?)</li>", broken.text, re.S)
    assert len(report) == 2
    assert all("can-offers.csv" in line and "row 2" in line for line in report)
    assert (accepted.status_code, "new: 1" in accepted.text) == (200, True)


def test_a_contributor_fetches_only_its_own_nations_workbook(app: TestClient) -> None:
    log_in(app, "CAN", ["national_contributor"])
    own = app.get("/missions/TINY/force/workbook?nation=CAN")
    other = app.get("/missions/TINY/force/workbook?nation=SWE")
    assert (own.status_code, other.status_code) == (200, 403)


def test_a_plan_form_with_a_bad_figure_says_so_beside_it(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    response = app.post(
        "/missions/TINY/capacity/run",
        data={"csrf_token": csrf, "mode": "sizing", "attrition": "2", "seconds": "soon"},
    )
    assert response.status_code == 422
    assert sorted(errors_beside(response.text)) == ["attrition", "seconds"]


def test_a_plan_is_started_as_a_job_and_its_page_follows_it(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    response = app.post(
        "/missions/TINY/capacity/run",
        data={"csrf_token": csrf, "mode": "check", "attrition": "0.02"},
        follow_redirects=False,
    )
    job = app.get(response.headers["location"])
    number = response.headers["location"].rsplit("/", 1)[1]
    assert response.status_code == 303
    # The page follows the job through the web's own status (in the reader's words).
    assert f'data-job="/missions/TINY/jobs/{number}/status"' in job.text
    assert app.get(f"/missions/TINY/jobs/{number}/status").status_code == 200
    assert app.get(f"/api/v1/jobs/{number}").json()["parameters"] == {
        "mode": "check",
        "horizon_months": None,
        "seconds": 60.0,
        "overrides": {"attrition": "0.02"},
        "whole_runs": False,
        "earliest": False,
    }


def test_the_plan_form_s_boxes_ask_for_whole_runs_and_the_earliest_handover(
    app: TestClient,
) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    form = app.get("/missions/TINY/capacity/run").text
    asked: dict[tuple[str, ...], tuple[bool, bool]] = {}
    for boxes in ({"whole_runs": "on"}, {"earliest": "on"}, {"whole_runs": "on", "earliest": "on"}):
        response = app.post(
            "/missions/TINY/capacity/run",
            data={"csrf_token": csrf, "seconds": "10", **boxes},
            follow_redirects=False,
        )
        number = response.headers["location"].rsplit("/", 1)[1]
        parameters = app.get(f"/api/v1/jobs/{number}").json()["parameters"]
        asked[tuple(boxes)] = (parameters["whole_runs"], parameters["earliest"])
    # Each box is labelled by its own text, so a keyboard or a screen reader reaches it.
    assert re.findall(
        r'<label class="choice" for="(\w+)"><input type="checkbox" id="\1"', form
    ) == [
        "whole_runs",
        "earliest",
    ]
    assert asked == {
        ("whole_runs",): (True, False),
        ("earliest",): (False, True),
        ("whole_runs", "earliest"): (True, True),
    }


def test_a_role_that_may_not_plan_sees_no_run_button_and_is_refused_the_form(
    app: TestClient,
) -> None:
    log_in(app, "IRQ", ["school_staff"])
    page = app.get("/missions/TINY/capacity").text
    form = app.get("/missions/TINY/capacity/run")
    assert ("Run a new plan" in page, form.status_code) == (False, 403)


def test_two_plans_are_compared_side_by_side(app: TestClient) -> None:
    log_in(app, "NATO", ["mission_planner"])
    page = app.get("/missions/TINY/capacity/compare?a=1&b=1")
    assert page.status_code == 200
    assert "<h1>Plan 1 against plan 1</h1>" in page.text


def test_a_plan_s_figure_is_served_as_svg(app: TestClient) -> None:
    log_in(app, "IRQ", ["host_nation_liaison"])
    svg = app.get("/missions/TINY/plots/capacity/1/handover-timeline.svg")
    missing = app.get("/missions/TINY/plots/capacity/9/handover-timeline.svg")
    assert (svg.status_code, svg.headers["content-type"]) == (200, "image/svg+xml")
    assert svg.text.startswith("<?xml")
    assert missing.status_code == 404


def test_the_audit_log_lists_the_trail_for_auditors(app: TestClient) -> None:
    log_in(app, "NATO", ["auditor"])
    page = app.get("/audit?actor=test")
    assert page.status_code == 200
    assert '<td lang="en" dir="ltr">user add</td>' in page.text
