"""Reading a filled pledge workbook (.xlsx) back: every offer in it, or InvalidInput naming
sheet, cell, column and reason for every problem, and nothing stored.

Nothing is parsed before it is measured: the file's size, then the zip's unpacked size and
checksums, and only then the XML. Formulas are refused: a pledge is typed, not computed.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import warnings
import zipfile
import zlib
from collections.abc import Mapping
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.force.offers import Offer
from cadre.domain.requirements import RequirementLine
from cadre.domain.scenario import Scenario
from cadre.interchange.pledge_rows import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    Cell,
    Row,
    RowReader,
    text,
)
from cadre.interchange.pledge_template import ABOUT, OFFERS

MAX_UNPACKED = 50 * 1024 * 1024


def read_pledges(
    path: pathlib.Path,
    scenario: Scenario,
    lines: Mapping[str, RequirementLine],
    round_code: str,
    on: dt.date,
) -> tuple[str, list[Offer]]:
    """The nation and its offers in the workbook at `path`; InvalidInput with every problem.
    Problems name the file by its own name, never by the folder it was put in (an upload
    lies in a server's temporary folder)."""
    name = path.name
    book = open_workbook(path, name)
    problems = [
        Problem(
            f"the workbook has no sheet {sheet} (it has {', '.join(book.sheetnames)})",
            field=sheet,
            file=name,
            code="pledge.no_sheet",
            params={"sheet": sheet, "sheets": ", ".join(book.sheetnames)},
        )
        for sheet in (ABOUT, OFFERS)
        if sheet not in book.sheetnames
    ]
    if problems:
        raise InvalidInput(problems)
    about, offers = book[ABOUT], book[OFFERS]
    formulas = formula_problems(about, name) + formula_problems(offers, name)
    mission, nation = (Cell(about.cell(r, 2).value, f"{ABOUT}!B{r}", r, 2) for r in (2, 3))
    reader = RowReader(
        name,
        text(nation.value),
        round_code,
        scenario,
        lines,
        reported=frozenset((p.line or 0, p.column or 0) for p in formulas),
    )
    reader.problems.extend(formulas)
    if text(mission.value) != scenario.mission.code:
        reader.problem(
            mission,
            "mission",
            f"the workbook is for mission {text(mission.value)!r}, not {scenario.mission.code}",
        )
    senders = {c.code for c in scenario.contributors if c.role.sends_trainers}
    if reader.nation not in senders:
        reader.problem(
            nation,
            "nation",
            f"{reader.nation!r} is not an ally or partner of mission {scenario.mission.code}",
            code="offer.not_a_sender",
            nation=reader.nation,
            mission=scenario.mission.code,
        )
    # Rows under wrong headings, or too many to read, would only give misleading problems.
    problems.extend(_headings(offers, name))
    if offers.max_row > MAX_ROWS:
        problems.append(
            Problem(
                f"sheet {OFFERS} has {offers.max_row:,} rows; at most {MAX_ROWS:,}",
                field=OFFERS,
                file=name,
                code="pledge.too_many_rows",
                params={"rows": offers.max_row, "limit": MAX_ROWS},
            )
        )
    if problems:
        raise InvalidInput(reader.problems + problems)
    found = reader.offers(_rows(offers), on)
    if not found and not reader.problems:
        reader.problems.append(
            Problem(
                "the workbook offers nothing: sheet Offers has no filled row",
                field=OFFERS,
                file=name,
                code="pledge.nothing",
            )
        )
    if reader.problems:
        raise InvalidInput(sorted(reader.problems, key=_place))
    return reader.nation, found


def _place(problem: Problem) -> tuple[str, int, int]:
    """Problems in reading order: sheet, then row, then column."""
    return (problem.field.split("!")[0], problem.line or 0, problem.column or 0)


def open_workbook(path: pathlib.Path, name: str, what: str = "a pledge workbook") -> Any:
    """The workbook at `path`, refused whole when it is too big, damaged or not a workbook."""

    def refuse(reason: str) -> InvalidInput:
        return InvalidInput([Problem(reason, file=name)])

    try:
        size = path.stat().st_size
    except OSError as err:
        raise refuse(f"cannot read the file: {err.strerror}") from err
    if size > MAX_BYTES:
        raise refuse(f"the file is {size:,} bytes; {what} may be at most {MAX_BYTES:,}")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
            if unpacked > MAX_UNPACKED:
                raise refuse(
                    f"the workbook unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED:,} are read"
                )
            for item in archive.infolist():  # as testzip, but naming the member that fails
                try:
                    with archive.open(item) as member:
                        while member.read(1 << 20):
                            pass
                except (zipfile.BadZipFile, zlib.error, EOFError) as err:
                    raise refuse(
                        f"the workbook is damaged: {item.filename} cannot be unpacked"
                    ) from err
    except zipfile.BadZipFile as err:
        raise refuse(
            "the file is not an .xlsx workbook (it is not a zip archive, or a damaged one)"
        ) from err
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many kinds on a broken package
        # openpyxl wraps what its XML parser refused (an entity bomb: EntitiesForbidden)
        kind = type(err.__cause__ or err).__name__
        raise refuse(f"the file cannot be read as a workbook ({kind})") from err


def formula_problems(sheet: Worksheet, name: str) -> list[Problem]:
    """Every formula cell; the field is the cell alone, as the row reader knows it."""
    return [
        Problem(
            f"formulas are not accepted ({cell.value}); type the value itself",
            f"{sheet.title}!{cell.coordinate}",
            name,
            cell.row,
            cell.column,
            code="pledge.formula",
            params={"formula": str(cell.value)[:40]},
        )
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def _headings(sheet: Worksheet, name: str) -> list[Problem]:
    return [
        Problem(
            f"column {get_column_letter(c)} should be headed {heading!r}, not "
            f"{text(sheet.cell(1, c).value)!r}",
            f"{sheet.title}!{get_column_letter(c)}1",
            name,
            1,
            c,
            # the heading as it must be typed: the workbook's headings are English
            code="pledge.heading",
            params={
                "letter": get_column_letter(c),
                "expected": heading,
                "found": text(sheet.cell(1, c).value),
            },
        )
        for c, (_, heading) in enumerate(COLUMNS, 1)
        if text(sheet.cell(1, c).value).lower() != heading
    ]


def _rows(sheet: Worksheet) -> list[Row]:
    return [
        Row(
            r,
            {
                key: Cell(sheet.cell(r, c).value, f"{sheet.title}!{get_column_letter(c)}{r}", r, c)
                for c, (key, _) in enumerate(COLUMNS, 1)
            },
        )
        for r in range(2, sheet.max_row + 1)
    ]
