"""Actuals from a spreadsheet: read whole into the planner's figures, or refused with every
problem of the file, each at its row and column."""

from __future__ import annotations

import datetime as dt
import pathlib

import openpyxl
import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.actuals_sheet import read_actuals
from cadre.interchange.scenario_file import read_scenario
from tests.conftest import EXAMPLES

TINY = read_scenario(EXAMPLES / "tiny.yaml")
HEAD = "month,course,qualification,entrants,graduates,certified,losses"


def csv_file(tmp_path: pathlib.Path, *lines: str) -> pathlib.Path:
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return path


def refused(path: pathlib.Path, through: dt.date | None = None) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        read_actuals(path, TINY, through)
    return list(caught.value.problems)


def test_a_good_csv_gives_the_counts_by_month_and_the_first_month_still_planned(
    tmp_path: pathlib.Path,
) -> None:
    path = csv_file(
        tmp_path,
        "2019-01,CIED-101,,40,,,",
        "2019-03,CIED-101,,38,31,,",
        "2019-03,,CIED-INS,,,4,1",
        ",,,,,,",  # a blank row is no row
    )
    actuals = read_actuals(path, TINY)
    jan, mar = dt.date(2019, 1, 1), dt.date(2019, 3, 1)
    assert actuals.through == dt.date(2019, 4, 1)
    assert actuals.entrants == {"CIED-101": {jan: 40, mar: 38}}
    assert actuals.graduates == {"CIED-101": {mar: 31}}
    assert (actuals.certified, actuals.losses) == ({"CIED-INS": {mar: 4}}, {"CIED-INS": {mar: 1}})


def test_three_bad_rows_are_all_reported_and_nothing_is_taken(tmp_path: pathlib.Path) -> None:
    path = csv_file(
        tmp_path,
        "2019-01,CIED-101,,40,,,",
        "2019-13,CIED-101,,40,,,",  # no such month
        "2019-02,CIED-999,,12,,,",  # no such course
        "2019-02,CIED-101,,-3,,2,",  # negative entrants; certified on a course
    )
    found = refused(path)
    assert [(p.line, p.field, p.reason) for p in found] == [
        (3, "row 3, month", "must be a month written YYYY-MM, not '2019-13'"),
        (4, "row 4, course", "'CIED-999' is not a course of mission TINY"),
        (5, "row 5, certified", "certified are counted for a host instructor qualification"),
        (5, "row 5, entrants", "must be from 0 to 1,000,000, not -3"),
    ]
    assert {p.file for p in found} == {str(path)}
    assert {p.column for p in found} == {1, 2, 4, 6}


def test_months_from_through_on_are_refused(tmp_path: pathlib.Path) -> None:
    path = csv_file(tmp_path, "2019-05,CIED-101,,40,,,", "2019-05,CIED-101,,41,,,")
    found = refused(path, dt.date(2019, 5, 1))
    assert [p.reason for p in found] == [
        "2019-05 is not before 2019-05, the first month still planned",
        "2019-05 is not before 2019-05, the first month still planned",
        "CIED-101 in 2019-05 is already given in row 2",
    ]


def test_a_workbook_is_read_by_its_headings_and_located_by_cell(tmp_path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actuals"
    sheet.append(["Course", "Month", "Entrants", "Note"])
    sheet.append(["CIED-101", dt.datetime(2019, 2, 1), 25])
    sheet.append(["CIED-101", "2019-03", "many"])
    path = tmp_path / "actuals.xlsx"
    book.save(path)

    (heading,) = refused(path)
    assert (heading.field, heading.column) == ("Actuals!D1", 4)
    sheet.delete_cols(4)
    book.save(path)
    (bad,) = refused(path)
    assert (bad.field, bad.line, bad.column) == ("Actuals!C3", 3, 3)
    sheet["C3"] = 30
    book.save(path)
    actuals = read_actuals(path, TINY)
    assert actuals.entrants == {"CIED-101": {dt.date(2019, 2, 1): 25, dt.date(2019, 3, 1): 30}}
