"""The fill report as a spreadsheet (.xlsx: a sheet per view) or a CSV file (fill by line),
for staff who carry on in their own tables. No cell is ever a formula: text that looks like
one is written as quote-prefixed text (xlsx) or with a leading apostrophe (CSV)."""

from __future__ import annotations

import csv
import pathlib
from collections.abc import Sequence
from typing import Any

import openpyxl

from cadre.domain.force.fill import FillReport
from cadre.domain.force.shortfalls import Shortfall
from cadre.interchange.pledge_rows import neutral_text
from cadre.interchange.pledge_template import put

BY_LINE = (
    "line", "title", "criticality", "kind", "qualification", "where", "from", "to", "posts",
    "required post-months", "filled post-months", "fill", "months short", "nations",
)  # fmt: skip


def by_line_rows(report: FillReport) -> list[list[Any]]:
    return [
        [
            f.line.number,
            f.line.title,
            f.line.criticality.value,
            f.line.kind.value,
            f.line.qualification,
            f.line.place,
            f.line.start,
            f.line.end,
            f.line.count,
            f.required,
            f.filled,
            round(f.share, 4),
            f.months_short,
            " ".join(f.nations),
        ]
        for f in report.by_line
    ]


def write_fill_report(
    path: pathlib.Path, report: FillReport, shortfalls: Sequence[Shortfall]
) -> None:
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(BY_LINE)
            for row in by_line_rows(report):
                writer.writerow([neutral_text(str(v)) for v in row])
        return
    book = openpyxl.Workbook()
    sheets: list[tuple[str, Sequence[str], list[list[Any]]]] = [
        ("Fill by line", BY_LINE, by_line_rows(report)),
        (
            "Shortfalls",
            (
                "line",
                "title",
                "criticality",
                "from",
                "to",
                "empty post-months",
                "worst month",
                "course run-months lost",
            ),
            [
                [
                    s.line.number,
                    s.line.title,
                    s.line.criticality.value,
                    s.first_month,
                    s.last_month,
                    s.post_months,
                    s.worst,
                    " ".join(f"{r.course}={r.run_months:g}" for r in s.runs_lost),
                ]
                for s in shortfalls
            ],
        ),
        (
            "Fill by nation",
            ("nation", "pledged post-months", "filled post-months", "on critical posts"),
            [[n.nation, n.pledged, n.filled, n.critical_filled] for n in report.by_nation],
        ),
        (
            "Fill by month",
            ("month", "required", "pledged", "placed", "critical required", "critical placed"),
            [
                [m.month, m.required, m.pledged, m.filled, m.critical_required, m.critical_filled]
                for m in report.by_month
            ],
        ),
    ]
    first = book.active
    assert first is not None
    book.remove(first)
    for title, headings, rows in sheets:
        sheet = book.create_sheet(title)
        for c, heading in enumerate(headings, 1):
            put(sheet, 1, c, heading)
        for r, values in enumerate(rows, 2):
            for c, value in enumerate(values, 1):
                cell = put(sheet, r, c, value)
                if hasattr(value, "isoformat"):
                    cell.number_format = "yyyy-mm-dd"
    book.save(path)
