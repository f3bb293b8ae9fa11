"""Pledges as CSV, for nations whose staff work in plain tables: the same columns as the
workbook's Offers sheet with a nation column in front; the template lists one row per line
the nation may fill, with the line's title, place and window after the offer columns (read
back as nothing). Written text that looks like a formula gets a leading apostrophe."""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib
from collections.abc import Mapping, Sequence

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.force.offers import Offer
from cadre.domain.requirements import RequirementLine
from cadre.domain.scenario import Scenario
from cadre.interchange.pledge_rows import (
    COLUMNS,
    FORMULA_STARTS,
    MAX_BYTES,
    MAX_ROWS,
    Cell,
    Row,
    RowReader,
    neutral_text,
)

HEADINGS = ("nation", *(heading for _, heading in COLUMNS))
INFO = ("title", "place", "window", "posts")


def write_csv_template(path: pathlib.Path, nation: str, lines: Sequence[RequirementLine]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADINGS, *INFO])
    blank = [""] * (len(COLUMNS) - 1)
    for line in lines:
        info = (line.title, line.place, f"{line.start} to {line.end}", str(line.count))
        writer.writerow([neutral_text(v) for v in (nation, line.number, *blank, *info)])
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def read_csv_pledges(
    path: pathlib.Path,
    scenario: Scenario,
    lines: Mapping[str, RequirementLine],
    round_code: str,
    on: dt.date,
) -> tuple[str, list[Offer]]:
    name = path.name  # never the folder: an upload lies in a server's temporary folder
    rows = csv_table(path, name)
    header, body = rows[0], rows[1:]
    wanted = list(HEADINGS)
    if [h.strip().lower() for h in header[: len(wanted)]] != wanted:
        raise InvalidInput(
            [
                Problem(
                    f"the first row must name the columns {', '.join(wanted)}",
                    "header",
                    name,
                    1,
                    code="pledge.csv_header",
                    params={"columns": ", ".join(wanted)},
                )
            ]
        )
    if len(body) > MAX_ROWS:
        raise InvalidInput(
            [Problem(f"the file has {len(body):,} rows; at most {MAX_ROWS:,}", file=name)]
        )
    cells = [_row(n, values) for n, values in enumerate(body, 2)]
    first = next((c for c in cells if not c.is_blank()), None)
    if first is None:
        raise InvalidInput([Problem("the file offers nothing: it has no filled row", file=name)])
    nation_cell = first.cells["nation"]
    reader = RowReader(name, nation_cell.value.strip(), round_code, scenario, lines)
    senders = {c.code for c in scenario.contributors if c.role.sends_trainers}
    if reader.nation not in senders:
        reader.problem(
            nation_cell,
            "nation",
            f"{reader.nation!r} is not an ally or partner of mission {scenario.mission.code}",
            code="offer.not_a_sender",
            nation=reader.nation,
            mission=scenario.mission.code,
        )
    keys = list(cells[0].cells) if cells else []
    formulas = []
    for n, values in enumerate(body, 2):
        for i, value in enumerate(values[: len(keys)]):
            if value.startswith("="):  # text written by Cadre starts with '= instead
                formulas.append(Cell(value, f"row {n}", n, i + 1))
                reader.problem(
                    formulas[-1],
                    keys[i],
                    f"formulas are not accepted ({value}); type the value itself",
                    code="pledge.formula",
                    formula=value[:40],
                )
    reader.reported = frozenset((c.row, c.column) for c in formulas)
    for row in cells:
        other = row.cells["nation"]
        if not row.is_blank() and other.value.strip() != reader.nation:
            reader.problem(
                other,
                "nation",
                f"every row must be from {reader.nation}, not "
                f"{other.value.strip()!r}: one file is one nation's offers",
            )
    offers = reader.offers(cells, on)
    if not offers and not reader.problems:
        reader.problems.append(
            Problem(
                "the file offers nothing: no row has a count, dates or a tour",
                file=name,
                code="pledge.nothing",
            )
        )
    if reader.problems:
        raise InvalidInput(reader.problems)
    return reader.nation, offers


def csv_table(path: pathlib.Path, name: str, what: str = "a pledge file") -> list[list[str]]:
    """The rows of the CSV file at `path`, refused whole when it is too big or not UTF-8 CSV."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                [
                    Problem(
                        f"the file is {size:,} bytes; {what} may be at most {MAX_BYTES:,}",
                        file=name,
                    )
                ]
            )
        data = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InvalidInput([Problem(f"cannot read the file: {err.strerror}", file=name)]) from err
    except UnicodeDecodeError as err:
        raise InvalidInput(
            [Problem(f"the file is not UTF-8 text (byte {err.start})", file=name)]
        ) from err
    try:
        rows = list(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as err:
        raise InvalidInput([Problem(f"the file is not valid CSV: {err}", file=name)]) from err
    if not rows:
        raise InvalidInput([Problem("the file is empty", file=name)])
    return rows


def _row(number: int, values: list[str]) -> Row:
    keys = ("nation", *(key for key, _ in COLUMNS))
    padded = [*values, *[""] * (len(keys) - len(values))]
    return Row(
        number,
        {
            key: Cell(_unquote(padded[i]), f"row {number}", number, i + 1)
            for i, key in enumerate(keys)
        },
    )


def _unquote(value: str) -> str:
    """Drop the apostrophe this module puts before formula-like text."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value
