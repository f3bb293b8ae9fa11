"""Tables stay whole at 80 columns and when read by a pipe: drawn when they fit a terminal,
listed row by row otherwise, never cut short."""

from __future__ import annotations

import io

from rich.table import Table

from cadre.cli.console import FittingConsole
from cadre.cli.tables import picture_only

LONG = "Iraqi Army Engineering and Counter-IED School, Baghdad"


def sites(wide: bool = True) -> Table:
    table = Table(title="Sites")
    for column in ("code", "name", "kind", "region", "rooms", "seats", "holidays"):
        table.add_column(column)
    table.add_row("ENG-SCH", LONG if wide else "Eng", "school", "Baghdad", "3", "84", "22")
    table.add_row("TAJI", "Taji Military Complex" if wide else "Taji", "training centre", "Baghdad",
                  "4", "96", "22")  # fmt: skip
    return table


def printed(table: Table, *, terminal: bool, width: int = 80) -> str:
    out = io.StringIO()
    console = FittingConsole(file=out, width=width, force_terminal=terminal, color_system=None)
    console.print(table)
    return out.getvalue()


def test_a_table_too_wide_for_80_columns_becomes_a_list_with_every_value_whole() -> None:
    text = printed(sites(), terminal=True)
    assert "┃" not in text
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    joined = " ".join(text.split())
    assert LONG in joined
    assert "- ENG-SCH — name: " in text
    assert "kind: training centre" in joined


def test_a_table_that_fits_the_terminal_is_drawn() -> None:
    text = printed(sites(wide=False), terminal=True)
    assert "┃ code" in text
    assert "Taji" in text


def test_read_by_a_pipe_each_row_is_one_plain_line() -> None:
    text = printed(sites(), terminal=False)
    lines = text.splitlines()
    assert lines[0] == "Sites"
    assert lines[1] == (
        f"- ENG-SCH — name: {LONG}; kind: school; region: Baghdad; rooms: 3; seats: 84; "
        "holidays: 22"
    )
    assert "\x1b[" not in text


def test_a_picture_column_is_left_out_of_the_list() -> None:
    table = Table(title="Calendar")
    table.add_column("run")
    table.add_column("J F M")
    picture_only(table.columns[-1])
    table.add_row("CIED-101", "██··")
    assert printed(table, terminal=False).splitlines()[1] == "- CIED-101"
