"""The `cadre` command line; each module registers its commands on the one `app`."""

from cadre.cli import (
    coordination_commands,
    force_commands,
    itc2007_commands,
    plan_commands,
    scenario_commands,
    schedule_commands,
    service_commands,
    training_commands,
)
from cadre.cli.app import app

__all__ = [
    "app",
    "coordination_commands",
    "force_commands",
    "itc2007_commands",
    "main",
    "plan_commands",
    "scenario_commands",
    "schedule_commands",
    "service_commands",
    "training_commands",
]


def main() -> None:
    app()
