"""Tables that stay whole at any width: drawn as a table when they fit the terminal, and
otherwise as a plain list, one entry per row, each value beside its column's name. In a narrow
terminal an entry wraps under itself; read by a pipe or a file, each entry is one line (for
grep). Nothing is cut short either way.

`fit` is applied by the CLI's console to everything it prints, so a command builds Rich tables
as before and never decides this itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

# Columns that say something only when drawn (a bar across the weeks), left out of a list.
_PICTURES: weakref.WeakValueDictionary[int, Column] = weakref.WeakValueDictionary()


def picture_only(column: Column) -> None:
    _PICTURES[id(column)] = column


def _is_picture(column: Column) -> bool:
    return _PICTURES.get(id(column)) is column


def fit(renderable: object) -> object:
    """`renderable` with each table in it (also inside a group) made to fit."""
    if isinstance(renderable, Table):
        return Fitted(renderable)
    if isinstance(renderable, Group):
        return Group(*(fit(part) for part in renderable.renderables))  # type: ignore[arg-type]
    return renderable


class Fitted:
    """A table, or its rows as a list when the table would not fit or nobody sees a terminal."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Measured as if the screen had no edge: Rich clamps a measurement to the width.
        widest = Measurement.get(console, options.update_width(1_000_000), self.table).maximum
        if console.is_terminal and widest <= options.max_width:
            yield self.table
        else:
            yield from as_list(self.table, wrap=console.is_terminal)


def _text(cell: RenderableType) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return Text.from_markup(cell).plain if isinstance(cell, str) else str(cell)


def rows_of(table: Table) -> list[list[str]]:
    """The cells of the table's columns (those that are not pictures) as plain strings."""
    columns = [[_text(cell) for cell in c.cells] for c in table.columns if not _is_picture(c)]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def as_list(table: Table, wrap: bool = True) -> Iterable[RenderableType]:
    """The title, then per row its first cell and the other cells named by their column."""
    headers = [_text(c.header) for c in table.columns if not _is_picture(c)]
    if table.title:
        yield Text(_text(table.title), style="bold")
    rows = rows_of(table)
    if not rows:
        yield Text("  (none)")
    for row in rows:
        first, rest = row[0], row[1:]
        named = [f"{h}: {v}" if h else v for h, v in zip(headers[1:], rest, strict=True) if v]
        line = Text("- ")
        line.append(first, "bold")
        if named:
            line.append((" — " if first else "") + "; ".join(named))
        yield _Hanging(line) if wrap else line
    if table.caption:
        yield Text(_text(table.caption))


class _Hanging:
    """A row's text wrapped at the width, its follow-on lines indented under its first."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        whole = Text()
        for n, line in enumerate(self.text.wrap(console, max(20, options.max_width - 4))):
            line.rstrip()
            whole.append_text(Text("\n    ") + line if n else line)
        yield whole
