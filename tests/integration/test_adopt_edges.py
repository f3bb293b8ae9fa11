"""Adopting a plan on every edge: the API call and the web's confirmation page for the planner,
refused to other roles; the command line shows what changes and asks (or needs --yes)."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cadre.cli import app as cli_app
from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person
from tests.web_support import log_in, web

ADOPT = "/api/v1/missions/TINY/plans/capacity/{n}/adopt"


@pytest.fixture
def planned(db_url: str) -> Iterator[TestClient]:
    """TINY with capacity plan 1 adopted and plan 2 (another attrition) kept as a draft."""
    with web(db_url) as client:
        capacity.plan_capacity(
            UnitOfWork(engine_of(client)), seconds=30, overrides={"attrition": "0.05"}
        )
        yield client


def test_the_api_adopts_for_a_planner_after_a_dry_run_and_refuses_other_roles(
    planned: TestClient,
) -> None:
    engine = engine_of(planned)
    planner = person(engine, "NATO", ["mission_planner"])
    officer = person(engine, "NATO", ["force_generation_officer"])
    refused = planned.post(ADOPT.format(n=2), headers=officer, json={})
    assert refused.status_code == 403
    dry = planned.post(ADOPT.format(n=2), headers=planner, json={"dry_run": True}).json()
    assert (dry["done"], dry["previous"]) == (False, 1)
    assert {f["name"] for f in dry["figures"]} >= {"unmet", "peak_deployed", "peak_force"}
    mission = planned.get("/api/v1/missions/TINY", headers=planner).json()
    assert mission["adopted"]["capacity"]["number"] == 1
    if dry["refusal"] is not None:  # more unmet demand: forced, with a reason
        assert dry["refusal"]["code"] == "plan.worse_than_adopted"
        body = {"force": True, "reason": "the attrition the host reports"}
    else:
        body = {}
    done = planned.post(ADOPT.format(n=2), headers=planner, json=body)
    assert (done.status_code, done.json()["done"]) == (200, True)
    again = planned.post(ADOPT.format(n=2), headers=planner, json={})
    assert (again.status_code, again.json()["code"]) == (409, "plan.already_adopted")
    listed = planned.get("/api/v1/missions/TINY/plans/capacity", headers=planner).json()
    assert [(p["number"], p["state"]) for p in listed["items"]] == [
        (2, "adopted"),
        (1, "superseded"),
    ]
    mission = planned.get("/api/v1/missions/TINY", headers=planner).json()
    assert mission["adopted"]["capacity"]["number"] == 2
    adopted = planned.get(
        "/api/v1/missions/TINY/plans/capacity", headers=planner, params={"state": "adopted"}
    ).json()
    assert [p["number"] for p in adopted["items"]] == [2]


def test_a_forced_adoption_through_the_api_needs_its_reason(planned: TestClient) -> None:
    planner = person(engine_of(planned), "NATO", ["mission_planner"])
    answer = planned.post(ADOPT.format(n=2), headers=planner, json={"force": True})
    assert (answer.status_code, answer.json()["problems"][0]["field"]) == (422, "reason")


def test_the_web_shows_what_changes_and_adopts_for_the_planner_only(planned: TestClient) -> None:
    page = "/missions/TINY/plans/capacity/2/adopt"
    log_in(planned, "NATO", ["school_staff"])
    assert planned.get(page).status_code == 403
    csrf = log_in(planned, "NATO", ["mission_planner"])
    capacity_page = planned.get("/missions/TINY/capacity", params={"version": 2}).text
    assert "Capacity plan v1 adopted" in capacity_page  # the status line
    assert page in capacity_page  # the button
    confirm = planned.get(page)
    assert confirm.status_code == 200
    assert "It replaces the adopted version 1" in confirm.text
    form = {"csrf_token": csrf, "force": "on", "reason": "the host's attrition figures"}
    done = planned.post(page, data=form, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/missions/TINY/capacity")
    assert "Capacity plan v2 adopted" in planned.get("/missions/TINY").text


def test_the_command_line_shows_the_change_and_asks_or_needs_yes(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    cli = CliRunner()
    assert cli.invoke(cli_app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    made = cli.invoke(cli_app, ["plan", "capacity", "--seconds", "30", "--adopt"])
    assert "Adopted as the mission's capacity plan." in made.output
    assert cli.invoke(cli_app, ["plan", "capacity", "--seconds", "30"]).exit_code == 0
    unasked = cli.invoke(cli_app, ["plan", "adopt", "capacity", "2"])
    assert unasked.exit_code == 2
    assert "Capacity plan 2 against the adopted plan 1:" in unasked.output
    assert "Add --yes" in unasked.stderr
    status = cli.invoke(cli_app, ["status"])
    assert "Capacity plan v1 adopted just now; 1 newer version not adopted" in status.output
    done = cli.invoke(cli_app, ["plan", "adopt", "capacity", "2", "--yes"])
    assert (done.exit_code, "replacing 1" in done.output) == (0, True)
    listing = cli.invoke(cli_app, ["plan", "list"])
    assert "superseded" in listing.output
    assert "adopted" in listing.output


def test_the_demo_adopts_what_it_plans(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    cli = CliRunner()
    # The demo may ask before replacing data; a fresh database has none, --yes where it exists.
    yes = ["--yes"] if "--yes" in cli.invoke(cli_app, ["demo", "--help"]).output else []
    tiny = str(EXAMPLES / "tiny.yaml")
    demo = cli.invoke(cli_app, ["demo", "--no-serve", *yes, "--scenario", tiny])
    assert demo.exit_code == 0, demo.output
    status = cli.invoke(cli_app, ["status"]).output
    assert "Capacity plan v1 adopted" in status
    assert "Force plan v1 adopted" in status
