"""A pledge workbook for the tiny mission, filled as a nation would, with helpers to change
one thing in it."""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable
from typing import Any

import openpyxl

from cadre.domain.scenario import Scenario
from cadre.interchange.pledge_template import write_template
from cadre.interchange.scenario_file import read_scenario
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"
GENERATED = dt.datetime(2018, 9, 1, 8, 0, tzinfo=dt.UTC)
# line, count, start, end, tour months, rank from, rank to, caveat 1, caveat 2, reference, note
GOOD_ROWS: list[list[Any]] = [
    [
        "SOR-001",
        2,
        dt.datetime(2019, 3, 1),
        dt.datetime(2019, 12, 31),
        6,
        "OR-7",
        "OF-2",
        "SWE-1",
        None,
        "SWE-A",
        "two instructors",
    ],
    [
        "SOR-001",
        1,
        dt.datetime(2020, 1, 1),
        dt.datetime(2020, 6, 30),
        6,
        None,
        None,
        None,
        None,
        "SWE-B",
        None,
    ],
]


def tiny() -> Scenario:
    return read_scenario(TINY)


def make_workbook(
    path: pathlib.Path,
    rows: list[list[Any]] | None = None,
    nation: str = "SWE",
    change: Callable[[openpyxl.Workbook], None] | None = None,
) -> pathlib.Path:
    """A pledge workbook of `nation` for the tiny mission with `rows` typed into Offers."""
    s = tiny()
    write_template(path, s, nation, s.requirements, GENERATED)
    book = openpyxl.load_workbook(path)
    sheet = book["Offers"]
    for r, values in enumerate(GOOD_ROWS if rows is None else rows, 2):
        for c, value in enumerate(values, 1):
            sheet.cell(r, c, value)
    if change is not None:
        change(book)
    book.save(path)
    return path


def row(**changes: Any) -> list[list[Any]]:
    keys = [
        "line",
        "count",
        "start",
        "end",
        "tour",
        "rank_from",
        "rank_to",
        "caveat_1",
        "caveat_2",
        "reference",
        "note",
    ]
    row = dict(zip(keys, GOOD_ROWS[0], strict=True)) | changes
    return [[row[k] for k in keys]]


def cell(sheet: str, coordinate: str, value: Any) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][coordinate] = value

    return change


def rename_offers(book: openpyxl.Workbook) -> None:
    book["Offers"].title = "Pledges"
