"""The corpus of malformed pledge workbooks: each made from a valid one by one change, with
the exact report it earns (as `str(Problem)`, without the file name in front).

Generated rather than committed, so it always matches the template the code writes today;
`python -m tests.pledge_corpus DIR` writes it out for a person to open.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests import pledge_damage as damage
from tests.pledge_factory import TINY, cell, make_workbook, rename_offers, row

__all__ = ["CASES", "TINY", "Case", "expected", "make_workbook"]


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[pathlib.Path], pathlib.Path]
    report: list[str] | Callable[[pathlib.Path], list[str]]


def _wb(**kwargs: Any) -> Callable[[pathlib.Path], pathlib.Path]:
    return lambda path: make_workbook(path, **kwargs)


CASES: list[Case] = [
    Case(
        "wrong-sheet",
        _wb(change=rename_offers),
        ["Offers: the workbook has no sheet Offers (it has About, Pledges, Lines, Specialties)"],
    ),
    Case(
        "unknown-line",
        _wb(rows=row(line="SOR-999")),
        [
            "line 2, column 1, Offers!A2 (line): line SOR-999 is not in the statement of "
            "requirements"
        ],
    ),
    Case(
        "unknown-nation",
        _wb(change=cell("About", "B3", "XYZ")),
        ["line 3, column 2, About!B3 (nation): 'XYZ' is not an ally or partner of mission TINY"],
    ),
    Case(
        "host-is-no-contributor",
        _wb(change=cell("About", "B3", "IRQ")),
        ["line 3, column 2, About!B3 (nation): 'IRQ' is not an ally or partner of mission TINY"],
    ),
    Case(
        "other-mission",
        _wb(change=cell("About", "B2", "NMI")),
        ["line 2, column 2, About!B2 (mission): the workbook is for mission 'NMI', not TINY"],
    ),
    Case(
        "dates-reversed",
        _wb(rows=row(start=dt.datetime(2019, 12, 31), end=dt.datetime(2019, 6, 1))),
        [
            "line 2, column 4, Offers!D2 (end): the offer ends on 2019-06-01, not after it starts "
            "on 2019-12-31"
        ],
    ),
    Case(
        "count-negative",
        _wb(rows=row(count=-2)),
        ["line 2, column 2, Offers!B2 (count): count must be from 1 to 1,000, not -2"],
    ),
    Case(
        "count-zero",
        _wb(rows=row(count=0)),
        ["line 2, column 2, Offers!B2 (count): count must be from 1 to 1,000, not 0"],
    ),
    Case(
        "text-in-number-cell",
        _wb(rows=row(count="four")),
        ["line 2, column 2, Offers!B2 (count): count must be a whole number, not 'four'"],
    ),
    Case(
        "fraction-of-a-person",
        _wb(rows=row(count=2.5)),
        ["line 2, column 2, Offers!B2 (count): count must be a whole number, not 2.5"],
    ),
    Case(
        "text-in-date-cell",
        _wb(rows=row(start="next spring")),
        [
            "line 2, column 3, Offers!C2 (start): start must be a date written YYYY-MM-DD, not "
            "'next spring'"
        ],
    ),
    Case(
        "formula-in-cell",
        _wb(rows=row(count="=1+1")),
        ["line 2, column 2, Offers!B2: formulas are not accepted (=1+1); type the value itself"],
    ),
    Case(
        "count-missing",
        _wb(rows=row(count=None)),
        ["line 2, column 2, Offers!B2 (count): count is empty"],
    ),
    Case(
        "heading-changed",
        _wb(change=cell("Offers", "C1", "begin")),
        ["line 1, column 3, Offers!C1: column C should be headed 'start', not 'begin'"],
    ),
    Case(
        "unknown-caveat",
        _wb(rows=row(caveat_1="ZZZ-9")),
        ["line 2, column 8, Offers!H2 (caveat 1): caveat ZZZ-9 is not defined"],
    ),
    Case(
        "caveat-bars-the-line",
        _wb(rows=row(line="SOR-002", start=dt.datetime(2019, 4, 1), end=dt.datetime(2019, 9, 30))),
        [
            "line 2, column 8, Offers!H2 (caveat 1): line SOR-002 is out of bounds: caveat SWE-1 "
            "bars mobile training team posts"
        ],
    ),
    Case(
        "tour-longer-than-caveat",
        _wb(rows=row(tour=12)),
        [
            "line 2, column 5, Offers!E2 (tour months): caveat SWE-1 limits tours to 6 months, "
            "not 12"
        ],
    ),
    Case(
        "rank-outside-band",
        _wb(rows=row(rank_from="OR-2", rank_to="OR-4")),
        [
            "line 2, column 6, Offers!F2 (rank from): rank OR-2..OR-4 is outside line SOR-001's "
            "band OR-6..OF-3"
        ],
    ),
    Case(
        "no-such-rank",
        _wb(rows=row(rank_from="OR-11")),
        [
            "line 2, column 6, Offers!F2 (rank from): rank from 'OR-11' is not a NATO rank code "
            "(OR-1..OR-9, WO-1..WO-5, OF-1..OF-10)"
        ],
    ),
    Case(
        "reference-twice",
        _wb(rows=row() + row()),
        ["line 3, column 10, Offers!J3 (your reference): reference SWE-A is also used in row 2"],
    ),
    Case(
        "offers-nothing",
        _wb(rows=[]),
        ["Offers: the workbook offers nothing: sheet Offers has no filled row"],
    ),
    Case(
        "many-problems-at-once",
        _wb(rows=row(count="four") + row(line="SOR-9", reference="X")),
        [
            "line 2, column 2, Offers!B2 (count): count must be a whole number, not 'four'",
            "line 3, column 1, Offers!A3 (line): line SOR-9 is not in the statement of "
            "requirements",
        ],
    ),
    Case(
        # One pass finds them all: a formula hides nothing else, counts and tours have bounds.
        "formula-beside-other-problems",
        _wb(
            rows=row(count="=1+1", reference="A")
            + row(count=1e9, tour=36, reference="B")
            + row(start="soon", tour=0, reference="C")
        ),
        [
            "line 2, column 2, Offers!B2: formulas are not accepted (=1+1); type the value itself",
            "line 3, column 2, Offers!B3 (count): count must be from 1 to 1,000, not 1,000,000,000",
            "line 3, column 5, Offers!E3 (tour months): tour months must be from 1 to 24, not 36",
            "line 4, column 3, Offers!C4 (start): start must be a date written YYYY-MM-DD, not "
            "'soon'",
            "line 4, column 5, Offers!E4 (tour months): tour months must be from 1 to 24, not 0",
        ],
    ),
    Case(
        "oversized-file", damage.oversized, damage.oversized_report
    ),  # the size is only known once written
    Case(
        "corrupt-zip",
        damage.truncated,
        ["the file is not an .xlsx workbook (it is not a zip archive, or a damaged one)"],
    ),
    Case(
        "not-a-zip",
        damage.not_a_zip,
        ["the file is not an .xlsx workbook (it is not a zip archive, or a damaged one)"],
    ),
    Case("zip-bomb", damage.bomb, damage.bomb_report),
    Case("damaged-member", damage.damaged, damage.damaged_report),
    Case(
        "zip-without-workbook",
        damage.no_workbook_inside,
        ["the file cannot be read as a workbook (KeyError)"],
    ),
]


def expected(case: Case, path: pathlib.Path) -> list[str]:
    """The report for `case` once written at `path` (some depend on the file's size)."""
    return case.report(path) if callable(case.report) else case.report


if __name__ == "__main__":
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    make_workbook(out / "good.xlsx")
    for case in CASES:
        case.build(out / f"{case.name}.xlsx")
    print(f"{len(CASES)} malformed workbooks and good.xlsx written to {out}")
