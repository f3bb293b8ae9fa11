"""The pledge workbook a nation is sent: the lines it may fill (sheet Lines), an Offers sheet
with a drop-down list or a check on every column, and what the workbook is for (sheet About).

Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is stored as quote-prefixed text: shown exactly as given, never evaluated.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cadre.domain.force.validation import known_specialties
from cadre.domain.ranks import ALL_RANKS
from cadre.domain.requirements import RequirementLine
from cadre.domain.scenario import Scenario
from cadre.interchange.pledge_rows import COLUMNS, FORMULA_STARTS, MAX_ROWS

ABOUT, OFFERS, LINES, SPECIALTIES = "About", "Offers", "Lines", "Specialties"
LINE_HEADINGS = (
    "line",
    "title",
    "qualification",
    "rank band",
    "site",
    "region",
    "mode",
    "start",
    "end",
    "criticality",
    "posts",
    "kind",
)


def put(sheet: Worksheet, row: int, column: int, value: Any) -> XlCell:
    """Write a cell; text that starts like a formula stays text, shown exactly as given."""
    cell: XlCell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_template(
    path: pathlib.Path,
    scenario: Scenario,
    nation: str,
    lines: Sequence[RequirementLine],
    generated: dt.datetime,
) -> None:
    book = openpyxl.Workbook()
    about = book.active
    assert about is not None
    about.title = ABOUT
    name = next((c.name for c in scenario.contributors if c.code == nation), nation)
    rows = [
        ("Cadre pledge workbook", ""),
        ("mission", scenario.mission.code),
        ("nation", nation),
        ("nation name", name),
        ("generated", generated.strftime("%Y-%m-%d %H:%M UTC")),
        ("", ""),
        (
            "How to fill",
            "One row of sheet Offers per offer: a line from sheet Lines (or a qualification "
            "or specialty from sheet Specialties, for whichever line asks for it), how many "
            "people, from and to which date (YYYY-MM-DD), tour length in months, and if you wish "
            "their rank band and your caveats. Leave the other sheets as they are; formulas are "
            "not accepted.",
        ),
    ]
    for r, (label, value) in enumerate(rows, 1):
        put(about, r, 1, label)
        put(about, r, 2, value)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 14, 90

    listed = book.create_sheet(LINES)
    for c, heading in enumerate(LINE_HEADINGS, 1):
        put(listed, 1, c, heading)
    for r, line in enumerate(lines, 2):
        values = (
            line.number,
            line.title,
            line.qualification,
            str(line.rank_band),
            line.site or "",
            line.region or "",
            line.mode.value,
            line.start,
            line.end,
            line.criticality.value,
            line.count,
            line.kind.value,
        )
        for c, item in enumerate(values, 1):
            cell = put(listed, r, c, item)
            cell.number_format = "yyyy-mm-dd" if c in (8, 9) else "General"
    listed.protection.sheet = True  # a reference, not a form: keep it from being typed over
    _specialties(book.create_sheet(SPECIALTIES), scenario, lines)

    offers = book.create_sheet(OFFERS, 1)
    for c, (_, heading) in enumerate(COLUMNS, 1):
        put(offers, 1, c, heading)
        offers.column_dimensions[get_column_letter(c)].width = 16
    caveats = [c.code for c in scenario.caveats if c.nation == nation]
    _validations(offers, len(lines), caveats)
    book.save(path)


def _specialties(sheet: Worksheet, scenario: Scenario, lines: Sequence[RequirementLine]) -> None:
    """What an offer may name instead of a line, with the posts that ask for each."""
    for c, heading in enumerate(("specialty", "posts asking for it"), 1):
        put(sheet, 1, c, heading)
    for r, code in enumerate(sorted(known_specialties(scenario, lines)), 2):
        put(sheet, r, 1, code)
        put(sheet, r, 2, ", ".join(x.number for x in lines if x.qualification == code))
    sheet.protection.sheet = True


def _validations(sheet: Worksheet, lines: int, caveats: Sequence[str]) -> None:
    rows = f"2:{MAX_ROWS}"
    ranks = ",".join(r.code for r in ALL_RANKS)

    def rule(column: str, validation: DataValidation, prompt: str) -> None:
        validation.error, validation.prompt = prompt, prompt
        validation.showErrorMessage = validation.showInputMessage = True
        sheet.add_data_validation(validation)
        first, last = rows.split(":")
        validation.add(f"{column}{first}:{column}{last}")

    if lines:
        rule(
            "A",
            # A warning, not a stop: a specialty from sheet Specialties may be typed instead.
            DataValidation(
                type="list", formula1=f"={LINES}!$A$2:$A${lines + 1}", errorStyle="warning"
            ),
            "A line number from sheet Lines, or a specialty from sheet Specialties",
        )
    rule(
        "B",
        DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1"),
        "How many people, at least 1",
    )
    for column in ("C", "D"):
        rule(
            column,
            DataValidation(type="date", operator="greaterThan", formula1="1"),
            "A date, YYYY-MM-DD",
        )
        for r in range(2, 202):
            sheet[f"{column}{r}"].number_format = "yyyy-mm-dd"
    rule(
        "E",
        DataValidation(type="whole", operator="between", formula1="1", formula2="24"),
        "Tour length in months, 1 to 24",
    )
    for column in ("F", "G"):
        rule(column, DataValidation(type="list", formula1=f'"{ranks}"'), "A NATO rank code")
    if caveats:
        for column in ("H", "I"):
            rule(
                column,
                DataValidation(type="list", formula1=f'"{",".join(caveats)}"'),
                "One of your nation's caveats",
            )
