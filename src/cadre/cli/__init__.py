"""The `cadre` command line; each module registers its commands on the one `app`, and is
imported only when one of its commands runs (`commands.py`)."""

import os
import sys
import time

_STARTED = time.monotonic()

# Help and errors as plain text when read by a program or a pager rather than a terminal.
# Typer reads this once, when it is first imported.
if not sys.stdout.isatty():
    os.environ.setdefault("TYPER_USE_RICH", "0")

from cadre.cli.app import app  # noqa: E402 - after TYPER_USE_RICH is decided

__all__ = ["app", "main"]


def main() -> None:
    from cadre.cli import clock

    clock.began = _STARTED
    app(prog_name="cadre")
