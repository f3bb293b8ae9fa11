"""A table of trainees as a file: CSV (UTF-8, with or without a byte-order mark) or an XLSX
workbook's first sheet, its first row naming the columns. Read into rows of text cells, each
with its line and column, so every problem can say where it is; nothing here judges a value.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import openpyxl

from cadre.domain.errors import InvalidInput, Problem

MAX_BYTES = 64 * 1024 * 1024  # twenty thousand trainees take some 3 MB as CSV
MAX_UNPACKED = 256 * 1024 * 1024
MAX_ROWS = 100_000


@dataclass(frozen=True)
class TableRow:
    line: int  # the row's number in the file, the heading being 1
    cells: dict[str, str]  # by column name, stripped
    columns: dict[str, int]  # the column number of each name (1 = A)


def read_rows(data: bytes, file: str, columns: tuple[str, ...]) -> list[TableRow]:
    """The file's rows under `columns` (names are case-blind; others refused), blank rows
    left out. Refuses, naming the file, what cannot be read as a table at all."""
    if len(data) > MAX_BYTES:
        raise _refuse(file, f"the file is {len(data):,} bytes; at most {MAX_BYTES:,} are read")
    table = _workbook(data, file) if data[:2] == b"PK" else _csv(data, file)
    if not table:
        raise _refuse(file, "the file is empty: its first row names the columns")
    header = [h.strip().lower() for h in table[0]]
    problems = [
        Problem(f"{h!r} is not a column; the columns are {', '.join(columns)}", h, file, 1, i)
        for i, h in enumerate(header, 1)
        if h and h not in columns
    ]
    problems += [
        Problem(f"{name} appears twice", name, file, 1, i)
        for i, name in enumerate(header, 1)
        if name and name in header[: i - 1]
    ]
    if problems:
        raise InvalidInput(problems, code="trainees.bad_header", file=file)
    if len(table) - 1 > MAX_ROWS:
        raise _refuse(file, f"the file has {len(table) - 1:,} rows; at most {MAX_ROWS:,}")
    where = {name: i for i, name in enumerate(header, 1) if name}
    rows = []
    for line, values in enumerate(table[1:], 2):
        cells = {
            name: (values[i - 1] if i - 1 < len(values) else "").strip()
            for name, i in where.items()
        }
        if any(cells.values()):
            rows.append(TableRow(line, cells, where))
    return rows


def _refuse(file: str, reason: str) -> InvalidInput:
    return InvalidInput([Problem(reason, file=file)], code="trainees.unreadable", file=file)


def _csv(data: bytes, file: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refuse(
            file, f"the file is not UTF-8 text (byte {error.start + 1}); save it as CSV UTF-8"
        ) from error
    if "\x00" in text:
        raise _refuse(file, "the file holds a NUL character: it is not a CSV table")
    return list(csv.reader(io.StringIO(text, newline="")))


def _workbook(data: bytes, file: str) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                raise _refuse(file, f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes")
            for item in archive.infolist():
                with archive.open(item) as member:
                    while member.read(1 << 20):
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _refuse(file, "the file is not an .xlsx workbook, or a damaged one") from error
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken package
        raise _refuse(file, f"the workbook cannot be read ({type(error).__name__})") from error
    sheet = book.worksheets[0]
    table = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return table


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # a datetime cell: its day
        return str(value.date().isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
