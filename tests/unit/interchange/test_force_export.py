"""The fill report written as a spreadsheet or CSV, with never a formula in it."""

from __future__ import annotations

import csv
import pathlib

import openpyxl

from cadre.domain.force.fill import fill_report
from cadre.domain.force.problem import Allocation
from cadre.domain.force.shortfalls import shortfalls
from cadre.interchange.force_export import BY_LINE, write_fill_report
from tests.force_factories import day, make_line, make_offer, problem_of

EVIL = '=HYPERLINK("http://example.org","open")'


def report_files(tmp_path: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    lines = [make_line(title=EVIL), make_line(number="L2", title="+44 is not a number")]
    problem = problem_of(lines, [make_offer(nation="=CAN")])
    allocations = [Allocation("L1", "O-CAN-1", day("2019-01-01"), day("2019-06-01"), 1)]
    report = fill_report(problem, allocations)
    short = shortfalls(problem, allocations)
    xlsx, table = tmp_path / "fill.xlsx", tmp_path / "fill.csv"
    write_fill_report(xlsx, report, short)
    write_fill_report(table, report, short)
    return xlsx, table


def test_the_spreadsheet_has_a_sheet_per_view_and_no_formula(tmp_path: pathlib.Path) -> None:
    xlsx, _ = report_files(tmp_path)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Fill by line", "Shortfalls", "Fill by nation", "Fill by month"]
    assert [c.value for c in book["Fill by line"][1]] == list(BY_LINE)
    assert [c.value for c in book["Fill by line"][2]][:3] == ["L1", EVIL, "essential"]
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    nation = book["Fill by nation"]["A2"]
    assert (nation.value, nation.data_type, nation.quotePrefix) == ("=CAN", "s", True)


def test_the_csv_neutralises_text_that_starts_like_a_formula(tmp_path: pathlib.Path) -> None:
    _, table = report_files(tmp_path)
    with table.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(BY_LINE)
    assert [rows[1][1], rows[2][1], rows[1][-1]] == ["'" + EVIL, "'+44 is not a number", "'=CAN"]
