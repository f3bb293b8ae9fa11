"""Planning inputs checked before any work, on every edge: the command line, the API's jobs,
the web forms; nothing is stored for a refused request."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cadre.cli import app as cli_app
from cadre.domain.errors import InvalidInput
from cadre.services.capacity import operations as capacity
from cadre.services.itc2007 import operations as itc2007
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person
from tests.web_support import log_in, web


@pytest.mark.parametrize("seconds", ["0", "-5"])
def test_schedule_refuses_a_time_limit_of_zero_or_less_before_any_work(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, seconds: str
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    cli = CliRunner()
    assert cli.invoke(cli_app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    result = cli.invoke(cli_app, ["schedule", f"--seconds={seconds}"])
    assert result.exit_code == 2
    assert f"seconds: 1 to 3600 seconds (--seconds), not {seconds}" in result.stderr
    listing = cli.invoke(cli_app, ["plan", "list", "--kind", "timetable"])
    assert "1 " not in listing.output.split("plans", 1)[1]  # nothing was kept


def test_the_use_cases_refuse_before_reading_anything(engine: object, work: UnitOfWork) -> None:
    scenarios.import_file(work, EXAMPLES / "tiny.yaml")
    with pytest.raises(InvalidInput) as planned:
        capacity.plan_capacity(work, seconds=0.001, horizon_months=0)
    assert [p.field for p in planned.value.problems] == ["seconds", "horizon_months"]
    with pytest.raises(InvalidInput) as timetabled:
        schedule.schedule(work, seconds=5, seed=-1, workers=0)
    assert [p.field for p in timetabled.value.problems] == ["seed", "workers"]
    assert capacity.list_plans(work) == []


@pytest.fixture
def site(db_url: str) -> Iterator[TestClient]:
    with web(db_url, planned=False) as client:
        yield client


def test_a_job_with_a_time_limit_out_of_range_is_refused_naming_the_field(
    site: TestClient,
) -> None:
    planner = person(engine_of(site), "NATO", ["mission_planner"])
    answer = site.post(
        "/api/v1/missions/TINY/jobs",
        headers=planner,
        json={"kind": "timetable", "parameters": {"seconds": 0.001, "withdraw": "SWE"}},
    )
    problem = answer.json()["problems"][0]
    assert (answer.status_code, problem["field"], problem["code"]) == (
        422,
        "seconds",
        "planning.out_of_range",
    )
    assert site.get("/api/v1/jobs", headers=planner).json()["total"] == 0


def test_the_web_replan_form_refuses_a_thousandth_of_a_second_beside_the_field(
    site: TestClient,
) -> None:
    csrf = log_in(site, "NATO", ["mission_planner"])
    form = {"action": "replan", "withdraw": "SWE", "seconds": "0.001", "csrf_token": csrf}
    response = site.post("/missions/TINY/timetable/run", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert "From 1 to 3600, not 0.001." in response.text
    plan = site.post(
        "/missions/TINY/capacity/run",
        data={"seconds": "0", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert plan.status_code == 422


def test_the_benchmark_engine_refuses_a_time_limit_of_zero_before_reading_its_file(
    tmp_path: pathlib.Path,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        itc2007.solve_file(tmp_path / "none.ctt", tmp_path / "none.sol", seconds=0)
    assert [p.field for p in caught.value.problems] == ["seconds"]
