"""Actuals from a spreadsheet (XLSX or CSV) until the records hold them: one row a month and
course (entrants, graduates) or a month and host instructor qualification (certified, losses).

Columns are found by their heading, in any order: month, course, qualification, entrants,
graduates, certified, losses. Every problem of the file is reported in one pass, each with its
row, column and reason, and nothing is taken from a file that has one: it is read whole or not
at all.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from cadre.domain.capacity.actuals import PlanActuals
from cadre.domain.capacity.problem import first_of_month
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.scenario import Scenario
from cadre.interchange.fields import MAX_COUNT
from cadre.interchange.pledge_csv import csv_table
from cadre.interchange.pledge_rows import (
    MAX_ROWS,
    Cell,
    CellError,
    Row,
    bounded,
    text,
)
from cadre.interchange.pledge_workbook import formula_problems, open_workbook

_COUNT = bounded(0, MAX_COUNT)  # a month's entrants, graduates, certified or lost

KEYS = ("month", "course", "qualification")
COURSE_COUNTS = ("entrants", "graduates")
CADRE_COUNTS = ("certified", "losses")
HEADINGS = (*KEYS, *COURSE_COUNTS, *CADRE_COUNTS)


def read_actuals(
    path: pathlib.Path, scenario: Scenario, through: dt.date | None = None
) -> PlanActuals:
    """The actuals in the file at `path` for `scenario`'s mission, before the month `through`
    (default: the month after the last one the file gives); InvalidInput lists every problem."""
    name = str(path)
    rows = _csv_rows(path, name) if path.suffix.lower() == ".csv" else _xlsx_rows(path, name)
    reader = _Reader(name, scenario, through)
    for row in rows:
        if not row.is_blank():
            reader.read(row)
    if not reader.problems and not reader.seen:
        reader.problems.append(Problem("the file gives no actuals: no row is filled", file=name))
    if reader.problems:
        raise InvalidInput(reader.problems)
    return reader.actuals()


@dataclass
class _Reader:
    file: str
    scenario: Scenario
    through: dt.date | None
    problems: list[Problem] = field(default_factory=list)
    seen: dict[tuple[str, dt.date], int] = field(default_factory=dict)  # (code, month) → row
    counts: dict[str, dict[str, dict[dt.date, int]]] = field(
        default_factory=lambda: {k: {} for k in (*COURSE_COUNTS, *CADRE_COUNTS)}
    )

    def problem(self, cell: Cell, heading: str, reason: str) -> None:
        where = f"{cell.where}, {heading}" if cell.where.startswith("row") else cell.where
        self.problems.append(Problem(reason, where, self.file, cell.row, cell.column or None))

    def read(self, row: Row) -> None:
        month = self._month(row)
        course, qualification = (text(row.cells[k].value) for k in ("course", "qualification"))
        if bool(course) == bool(qualification):
            self.problem(
                row.cells["course"],
                "course",
                "give a course (for entrants, graduates) or a qualification (for certified, "
                "losses), one of the two",
            )
            return
        code, counts, other = (
            (course, COURSE_COUNTS, CADRE_COUNTS)
            if course
            else (qualification, CADRE_COUNTS, COURSE_COUNTS)
        )
        self._known(row, code, "course" if course else "qualification")
        for heading in other:
            if text(row.cells[heading].value):
                what = "a course" if heading in COURSE_COUNTS else "a host instructor qualification"
                self.problem(row.cells[heading], heading, f"{heading} are counted for {what}")
        values = {h: self._count(row, h) for h in counts}
        if month is None:
            return
        if (code, month) in self.seen:
            self.problem(
                row.cells["month"],
                "month",
                f"{code} in {month:%Y-%m} is already given in row {self.seen[code, month]}",
            )
            return
        self.seen[code, month] = row.number
        for heading, value in values.items():
            if value:
                self.counts[heading].setdefault(code, {})[month] = value

    def _month(self, row: Row) -> dt.date | None:
        cell = row.cells["month"]
        try:
            month = _a_month(cell.value)
        except CellError as err:
            self.problem(cell, "month", str(err))
            return None
        start = self.scenario.mission.start.replace(day=1)
        if month < start:
            self.problem(cell, "month", f"{month:%Y-%m} is before the mission ({start:%Y-%m})")
        elif self.through is not None and month >= self.through:
            self.problem(
                cell,
                "month",
                f"{month:%Y-%m} is not before {self.through:%Y-%m}, the first month still planned",
            )
        return month

    def _known(self, row: Row, code: str, heading: str) -> None:
        known = (
            {c.code for c in self.scenario.courses}
            if heading == "course"
            else {c.instructor_qualification for c in self.scenario.courses}
        )
        if code not in known:
            what = "course" if heading == "course" else "host instructor qualification"
            self.problem(
                row.cells[heading],
                heading,
                f"{code!r} is not a {what} of mission {self.scenario.mission.code}",
            )

    def _count(self, row: Row, heading: str) -> int:
        cell = row.cells[heading]
        if not text(cell.value):
            return 0
        try:
            return _COUNT(cell.value)
        except CellError as err:
            self.problem(cell, heading, str(err))
            return 0

    def actuals(self) -> PlanActuals:
        latest = max(month for _, month in self.seen)
        through = self.through or first_of_month(latest, 1)
        c = self.counts
        return PlanActuals(through, c["entrants"], c["graduates"], c["certified"], c["losses"])


def _a_month(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    written = text(value)
    for form in ("%Y-%m", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(written, form).date().replace(day=1)
        except ValueError:
            continue
    raise CellError(f"must be a month written YYYY-MM, not {written!r}")


def _located(headings: list[str], name: str, where: str) -> tuple[dict[str, int], list[Problem]]:
    """Each known heading's column (1-based), and the problems of the heading row."""
    found: dict[str, int] = {}
    problems = []
    for c, heading in enumerate(headings, 1):
        key = heading.strip().lower()
        if not key:
            continue
        if key not in HEADINGS:
            problems.append(
                Problem(
                    f"{heading!r} is not a column of actuals; the columns are "
                    + ", ".join(HEADINGS),
                    f"{where}{get_column_letter(c)}1",
                    name,
                    1,
                    c,
                )
            )
        elif key in found:
            problems.append(
                Problem(f"{key} is headed twice", f"{where}{get_column_letter(c)}1", name, 1, c)
            )
        else:
            found[key] = c
    missing = [k for k in ("month",) if k not in found]
    if not any(k in found for k in ("course", "qualification")):
        missing.append("course or qualification")
    if missing:
        problems.append(
            Problem(f"the first row must head a {' and a '.join(missing)} column", "", name, 1)
        )
    return found, problems


def _rows(table: list[list[Any]], name: str, where: str) -> list[Row]:
    if not table:
        raise InvalidInput([Problem("the file is empty", file=name)])
    columns, problems = _located([text(v) for v in table[0]], name, where)
    if problems:
        raise InvalidInput(problems)
    if len(table) - 1 > MAX_ROWS:
        raise InvalidInput(
            [Problem(f"the file has {len(table) - 1:,} rows; at most {MAX_ROWS:,}", file=name)]
        )
    rows = []
    for r, values in enumerate(table[1:], 2):
        cells = {}
        for heading in HEADINGS:
            c = columns.get(heading)
            value = values[c - 1] if c is not None and c <= len(values) else None
            at = f"{where}{get_column_letter(c)}{r}" if where and c else f"row {r}"
            cells[heading] = Cell(value, at, r, c or 0)
        rows.append(Row(r, cells))
    return rows


def _csv_rows(path: pathlib.Path, name: str) -> list[Row]:
    table: list[list[Any]] = list(csv_table(path, name, "an actuals file"))
    return _rows(table, name, "")


def _xlsx_rows(path: pathlib.Path, name: str) -> list[Row]:
    book = open_workbook(path, name, "an actuals workbook")
    sheet = book.worksheets[0]
    formulas = formula_problems(sheet, name)
    if formulas:
        raise InvalidInput(formulas)
    table = [list(values) for values in sheet.iter_rows(values_only=True)]
    return _rows(table, name, f"{sheet.title}!")
