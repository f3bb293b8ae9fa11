"""The command table `cadre --help` lists from, the lazy loading behind it, and --version."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib.metadata import version

import typer.main
from typer.testing import CliRunner

from cadre.cli import app
from cadre.cli.commands import COMMANDS


def _every_command() -> dict[str, typer.main.TyperGroup]:
    for listed in COMMANDS.values():
        importlib.import_module(f"cadre.cli.{listed.module}")
    return typer.main.get_command(app).commands  # type: ignore[attr-defined, no-any-return]


def test_the_table_lists_every_command_with_its_own_first_paragraph() -> None:
    built = _every_command()
    assert sorted(built) == sorted(COMMANDS)
    for name, command in built.items():
        listed = COMMANDS[name]
        first_paragraph = (command.help or "").split("\n\n")[0]
        assert listed.summary == " ".join(first_paragraph.split()), name
        callback = command.callback
        if callback is not None and callback.__module__ != "typer.main":
            assert callback.__module__ == f"cadre.cli.{listed.module}", name


def test_version_prints_the_installed_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"cadre {version('cadre')}\n"


def test_help_and_validate_load_no_database_solver_or_web_framework() -> None:
    heavy = ["sqlalchemy", "numba", "ortools", "highspy", "matplotlib", "fastapi", "openpyxl"]
    probe = (
        "import sys\n"
        "from cadre.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {heavy!r} if m in sys.modules], file=sys.stderr)\n"
    )
    for argv in (["--help"], ["validate", "examples/tiny.yaml"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv],
            capture_output=True,
            text=True,
            check=True,
            cwd=_root(),
        )
        assert done.stderr.strip().splitlines()[-1] == "[]", (argv, done.stderr)


def test_help_flags_show_no_type_and_never_a_double_negative() -> None:
    result = CliRunner().invoke(app, ["user", "add", "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "--no-no-" not in result.output
    assert "<list[" not in result.output


def test_a_flag_off_by_default_has_no_negative_form() -> None:
    def options(command: object) -> list[object]:
        found = [p for p in getattr(command, "params", []) if getattr(p, "is_flag", False)]
        for sub in getattr(command, "commands", {}).values():
            found += options(sub)
        return found

    flags = [f for c in _every_command().values() for f in options(c)]
    assert flags
    assert [f.opts for f in flags if f.secondary_opts and not f.default] == []  # type: ignore[attr-defined]


def _root() -> str:
    import pathlib

    return str(pathlib.Path(__file__).resolve().parents[3])


def test_a_mistyped_command_gets_the_nearest_names() -> None:
    result = CliRunner().invoke(app, ["shedule"])
    assert result.exit_code == 2
    assert "No such command 'shedule'. Did you mean 'schedule'?" in result.output
