"""The `cadre` command line; each module registers its commands on the one `app`."""

from cadre.cli import plan_commands, scenario_commands
from cadre.cli.app import app

__all__ = ["app", "main", "plan_commands", "scenario_commands"]


def main() -> None:
    app()
