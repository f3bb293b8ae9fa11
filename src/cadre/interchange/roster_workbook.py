"""A run's roster as a workbook for a school that works offline, and back: sheet Roster has a
row per seated trainee, a column per teaching day (P present, A absent, E excused) and the
score; a hidden sheet Base holds each of those cells as it was when the workbook was made,
so that reading it back can tell an edit in the sheet from an edit made in the app meanwhile
(domain/training/roster_edits.py). Reading refuses formulas, unknown marks, scores outside 0
to 100 and moved rows, naming sheet, row, column and reason for each; nothing is stored by
this module.

The visible sheets speak the reader's language (`Words`), right to left for Arabic; a workbook
made in one language is read back whatever the language of whoever sends it: the sheets are
found by their place (Roster first, About last; Base, hidden, keeps its name) and the score's
heading is checked against the one Base keeps. Teaching days stay ISO dates, which reading
parses, and the marks stay the letters P, A and E."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.training.certificates import Mark
from cadre.interchange.words import ENGLISH, Words

ROSTER, BASE, ABOUT = "Roster", "Base", "About"
FIXED = ("Trainee id", "Service", "Service number", "Name (Latin letters)", "الاسم")
SCORE = "Score"
MARKS = "P present, A absent, E excused; leave a cell as it is to keep it"
MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LETTERS = {"P": Mark.PRESENT, "A": Mark.ABSENT, "E": Mark.EXCUSED}
LETTER_OF = {mark: letter for letter, mark in LETTERS.items()}


@dataclass(frozen=True)
class SheetLine:
    trainee: int
    service: str
    number: str
    latin: str
    arabic: str
    marks: tuple[Mark | None, ...]  # per teaching day
    score: float | None


@dataclass(frozen=True)
class RosterSheet:
    mission: str
    run: str
    course: str
    days: tuple[dt.date, ...]
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class UploadedLine:
    trainee: int
    row: int  # the row in sheet Roster
    marks: tuple[Mark | None, ...]
    score: float | None
    base_marks: tuple[Mark | None, ...]
    base_score: float | None


@dataclass(frozen=True)
class RosterUpload:
    mission: str
    run: str
    days: tuple[dt.date, ...]
    lines: tuple[UploadedLine, ...]
    sheet: str = ROSTER  # the roster sheet's name, in the language the workbook was made in


def cell_name(row: int, column: int, sheet: str = ROSTER) -> str:
    """Roster!F7: where a user finds the cell."""
    return f"{sheet}!{get_column_letter(column)}{row}"


def day_column(index: int) -> int:
    return len(FIXED) + 1 + index


def score_column(days: int) -> int:
    return len(FIXED) + 1 + days


def roster_workbook(sheet: RosterSheet, words: Words = ENGLISH) -> bytes:
    say = words.say
    book = openpyxl.Workbook()
    roster = book.active
    roster.title = say(ROSTER)
    roster.sheet_view.rightToLeft = words.rtl
    score = say(SCORE)
    # The last fixed heading is the Arabic name's own, Arabic in every language.
    fixed = [*(say(h) for h in FIXED[:-1]), FIXED[-1]]
    headings = [*fixed, *(d.isoformat() for d in sheet.days), score]
    roster.append(headings)
    for cell in roster[1]:
        cell.font = Font(bold=True)
    base = book.create_sheet(BASE)
    base.append(["Trainee id", *(d.isoformat() for d in sheet.days), score])
    for line in sheet.lines:
        marks = [LETTER_OF[m] if m else None for m in line.marks]
        roster.append(
            [line.trainee, line.service, line.number, line.latin, line.arabic, *marks, line.score]
        )
        base.append([line.trainee, *marks, line.score])
    grey = PatternFill("solid", fgColor="EEEEEE")
    for row in roster.iter_rows(min_row=2, max_col=len(FIXED)):
        for cell in row:
            cell.fill = grey
    roster.freeze_panes = roster.cell(2, len(FIXED) + 1)
    for column in range(1, len(headings) + 1):
        roster.column_dimensions[get_column_letter(column)].width = 12 if column > 5 else 18
    base.sheet_state = "veryHidden"  # kept out of sight, not a secret
    about = book.create_sheet(say(ABOUT))
    about.sheet_view.rightToLeft = words.rtl
    for key, value in (  # reading finds the mission and the run by their rows, 1 and 2
        ("mission", sheet.mission),
        ("run", sheet.run),
        ("course", sheet.course),
        ("marks", say(MARKS)),
    ):
        about.append([say(key), value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_roster(data: bytes, name: str) -> RosterUpload:
    """The workbook's cells with their bases; InvalidInput with every problem located."""
    book = _open(data, name)
    sheets = book.worksheets
    if BASE not in book.sheetnames or len(sheets) != 3 or sheets[1].title != BASE:
        raise InvalidInput(
            [
                Problem(
                    f"the workbook is not a roster as Cadre made it (sheets {ROSTER}, {BASE} "
                    "and About); download the roster again",
                    file=name,
                )
            ]
        )
    roster, base, about = sheets
    info = [r[1] if len(r) > 1 else None for r in about.iter_rows(max_row=2, values_only=True)]
    problems: list[Problem] = []
    score = base.cell(1, base.max_column).value
    days = _days(roster, name, problems, score if isinstance(score, str) else SCORE)
    bases = _bases(base, len(days))
    lines = []
    for cells in roster.iter_rows(min_row=2):
        if all(c.value in (None, "") for c in cells):
            continue
        line = _line(cells, days, bases, name, problems)
        if line is not None:
            lines.append(line)
    if problems:
        raise InvalidInput(problems, code="roster.sheet_invalid")
    mission, run = (str(v or "") for v in [*info, None, None][:2])
    return RosterUpload(mission, run, days, tuple(lines), roster.title)


def _problem(cell: Any, reason: str, name: str) -> Problem:
    return Problem(reason, f"{cell.parent.title}!{cell.coordinate}", name, cell.row, cell.column)


def _days(roster: Worksheet, name: str, problems: list[Problem], score: str) -> tuple[dt.date, ...]:
    heads = list(roster[1])[len(FIXED) :]
    days = []
    for cell in heads[:-1]:
        value = cell.value
        try:
            days.append(
                value.date() if isinstance(value, dt.datetime) else dt.date.fromisoformat(value)
            )
        except (TypeError, ValueError):
            problems.append(_problem(cell, f"{value!r} is not a teaching day's date", name))
    if not heads or heads[-1].value != score:
        problems.append(Problem(f"the last column must be {score}", f"{roster.title}!1", name, 1))
    return tuple(days)


def _bases(base: Worksheet, days: int) -> dict[int, tuple[tuple[Mark | None, ...], Any]]:
    found = {}
    for row in base.iter_rows(min_row=2, values_only=True):
        if not row or not isinstance(row[0], int):
            continue
        marks = tuple(LETTERS.get(str(v or "").upper()) for v in row[1 : 1 + days])
        found[row[0]] = (marks, row[1 + days] if len(row) > 1 + days else None)
    return found


def _line(
    cells: Sequence[Any],
    days: tuple[dt.date, ...],
    bases: dict[int, tuple[tuple[Mark | None, ...], Any]],
    name: str,
    problems: list[Problem],
) -> UploadedLine | None:
    before = len(problems)
    for cell in cells:
        if cell.data_type == "f":
            problems.append(_problem(cell, "formulas are not accepted; type the value", name))
    ident = cells[0]
    if not isinstance(ident.value, int) or ident.value not in bases:
        problems.append(
            _problem(
                ident, f"{ident.value!r} is not a trainee of this sheet; rows are not added", name
            )
        )
        return None
    marks: list[Mark | None] = []
    for index in range(len(days)):
        cell = cells[day_column(index) - 1] if day_column(index) <= len(cells) else None
        value = "" if cell is None or cell.value is None else str(cell.value).strip().upper()
        mark = LETTERS.get(value[:1]) if value in ("P", "A", "E", *LETTER_WORDS) else None
        if value and mark is None and cell is not None and cell.data_type != "f":
            problems.append(_problem(cell, f"{cell.value!r} is not P, A or E", name))
        marks.append(mark)
    score: float | None = None
    position = score_column(len(days)) - 1
    if position < len(cells) and cells[position].value not in (None, ""):
        cell = cells[position]
        if cell.data_type == "f":
            pass  # said above
        elif isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
            problems.append(_problem(cell, f"{cell.value!r} is not a number", name))
        elif not 0 <= float(cell.value) <= 100:
            problems.append(_problem(cell, f"a score is 0 to 100, not {cell.value}", name))
        else:
            score = float(cell.value)
    if len(problems) > before:
        return None
    base_marks, base_score = bases[ident.value]
    base = None if base_score is None else float(base_score)
    return UploadedLine(ident.value, ident.row, tuple(marks), score, base_marks, base)


LETTER_WORDS = ("PRESENT", "ABSENT", "EXCUSED")


def _open(data: bytes, name: str) -> Any:
    def refuse(reason: str) -> InvalidInput:
        return InvalidInput([Problem(reason, file=name)], code="roster.unreadable")

    if len(data) > MAX_BYTES:
        raise refuse(f"the file is {len(data):,} bytes; a roster may be at most {MAX_BYTES:,}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                raise refuse(f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes")
    except zipfile.BadZipFile as err:
        raise refuse("the file is not an .xlsx workbook") from err
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as err:  # openpyxl raises many kinds on a broken package
        kind = type(err.__cause__ or err).__name__
        raise refuse(f"the file cannot be read as a workbook ({kind})") from err
