"""The shapes of a table being read: where a cell is, its columns, the lines read, and the
problems collected on the way (every one located, the table refused whole when there is any)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadre.domain.coordination.activities import Activity, Need
from cadre.domain.errors import InvalidInput, Param, Problem


@dataclass(frozen=True)
class Where:
    """A cell of the table: its row and column as a spreadsheet numbers them, its hashtag."""

    line: int
    column: int | None
    tag: str


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    tag: str  # as written, e.g. #adm1+code+v_pcode


@dataclass(frozen=True)
class Columns:
    """Which column answers which field, shared by every line of a table."""

    claimed: Mapping[str, Column]
    tags: Mapping[str, str]  # each field's own hashtag, for a field no column answers

    def where(self, line: int, name: str) -> Where:
        column = self.claimed.get(name)
        if column is None:
            return Where(line, None, self.tags.get(name, name))
        return Where(line, column.index + 1, column.tag)


@dataclass(frozen=True)
class ReadActivity:
    activity: Activity
    line: int
    columns: Columns

    def where(self, name: str) -> Where:
        """The cell of the line that gave `name` (for problems found later)."""
        return self.columns.where(self.line, name)


@dataclass(frozen=True)
class ReadNeed:
    need: Need
    line: int
    columns: Columns

    def where(self, name: str) -> Where:
        return self.columns.where(self.line, name)


@dataclass(frozen=True)
class Table:
    """What a file held: activities or needs, and what was kept or left aside."""

    activities: tuple[ReadActivity, ...]
    needs: tuple[ReadNeed, ...]
    kept: tuple[str, ...]  # hashtags of the columns kept unread
    ours: int  # lines of the mission's own runs, derived from the timetable: left aside


class Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Problem] = []

    def add(self, where: Where, reason: str, code: str, **params: Param) -> None:
        self.found.append(
            Problem(
                reason,
                field=where.tag,
                file=self.file,
                line=where.line,
                column=where.column,
                code=code,
                params=params,
            )
        )

    def refuse(self) -> None:
        if self.found:
            raise InvalidInput(self.found, code="coordination.table_refused", file=self.file)
