"""Where the CLI writes: results to standard output, problems to standard error.

Every table printed is fitted (`tables.fit`): a table in a terminal wide enough for it, a plain
list otherwise. Read by a pipe or a file, sentences are not broken into lines. No emoji codes:
a line such as "course :01:" means what it says.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from cadre.cli.tables import fit


class FittingConsole(Console):
    def print(self, *objects: Any, **options: Any) -> None:
        options.setdefault("soft_wrap", not self.is_terminal)
        super().print(*(fit(o) for o in objects), **options)


console = FittingConsole(emoji=False)
err_console = FittingConsole(stderr=True, emoji=False)
