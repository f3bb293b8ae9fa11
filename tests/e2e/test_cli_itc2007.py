"""`cadre itc2007 solve` and `check` as a user runs them."""

from __future__ import annotations

import pathlib

import pytest
from typer.testing import CliRunner

from cadre.cli import app

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "itc2007"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_solve_writes_a_solution_that_check_finds_valid_and_optimal(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    instance, out = DATA / "tiny_forced.ctt", tmp_path / "forced.sol"
    solved = cli.invoke(
        app, ["itc2007", "solve", str(instance), "--seconds", "1", "--out", str(out)]
    )
    assert (solved.exit_code, "TinyForced: optimal, cost 19, bound 19" in solved.output) == (
        0,
        True,
    )
    assert len(out.read_text().splitlines()) == 4
    checked = cli.invoke(app, ["itc2007", "check", str(instance), str(out)])
    # Read by the test runner (not a terminal), the cost table is a list: "- total — cost: 19".
    lines = [line.replace("- ", "").replace(" — cost:", "") for line in checked.output.splitlines()]
    assert checked.exit_code == 0
    assert lines[0] == "Hard violations: 0"
    assert [line for line in lines if line.split(" ")[0] in COMPONENTS] == [
        "RoomCapacity 10",
        "MinWorkingDays 5",
        "IsolatedLectures 4",
        "RoomStability 0",
        "total 19",
    ]


COMPONENTS = ("RoomCapacity", "MinWorkingDays", "IsolatedLectures", "RoomStability", "total")


def test_check_lists_hard_violations_and_exits_one(cli: CliRunner, tmp_path: pathlib.Path) -> None:
    solution = tmp_path / "clash.sol"
    solution.write_text("A R1 0 1\nA R1 1 0\nB R2 0 1\nB R1 1 1\nC R1 1 1\n")
    result = cli.invoke(app, ["itc2007", "check", str(DATA / "tiny_zero.ctt"), str(solution)])
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "Hard violations: 2",
        "  clash: A and B at period 1",
        "  room_occupied: R1 at period 3",
    ]


def test_a_malformed_instance_exits_two_with_file_and_line(
    cli: CliRunner, tmp_path: pathlib.Path
) -> None:
    broken = tmp_path / "broken.ctt"
    broken.write_text((DATA / "tiny_zero.ctt").read_text().replace("R2 5", "R2 five"))
    result = cli.invoke(
        app, ["itc2007", "solve", str(broken), "--seconds", "1", "--out", str(tmp_path / "x.sol")]
    )
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            "1 problem found:",
            f"  {broken}, line 16: room R2: capacity must be a whole number, not 'five'",
        ],
    )


def test_warm_compiles_the_core_ahead_of_any_solve() -> None:
    result = CliRunner().invoke(app, ["itc2007", "warm"])
    assert result.exit_code == 0, result.output
    assert "The timetabling core is compiled and cached" in result.output
