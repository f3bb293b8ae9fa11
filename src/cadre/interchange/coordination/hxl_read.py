"""Reading an HXL-tagged 3W/4W table (CSV or XLSX) into register lines, through libhxl.

Columns may come in any order and carry extra attributes; columns the register does not read
are kept with each line. Every problem is collected and located (file, row, column, hashtag,
reason) and the table is refused whole when there is any: a reader either returns every line
or raises InvalidInput. Bytes are handed to libhxl, never a path or an address, so reading a
table never reaches the network.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from typing import Any

import hxl
from hxl import HXLException
from hxl.input import InputOptions, make_input

from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.coordination import hxl_values as values
from cadre.interchange.coordination.hxl_columns import (
    ACTIVITY_FIELDS,
    NEED_FIELDS,
    NEEDS_MARK,
    Field,
)
from cadre.interchange.coordination.hxl_lines import ActivityReader, NeedReader
from cadre.interchange.coordination.hxl_table import (
    Column,
    Problems,
    Table,
    Where,
)


def _dataset(data: bytes, file: str) -> tuple[list[Any], list[Any]]:
    """The table's columns and its rows that hold anything, as libhxl reads them."""
    try:
        dataset = hxl.data(make_input(io.BytesIO(data), InputOptions(allow_local=False)))
        columns = list(dataset.columns)  # libhxl reads the header and the hashtag row here
        rows = [r for r in dataset if any(values.text(v) for v in r.values)]
    except HXLException as error:
        reason = (
            "no row of HXL hashtags in the first 25 rows"
            if type(error).__name__ == "HXLTagsNotFoundException"
            else f"not a table libhxl can read ({error})"
        )
        raise _unreadable(file, reason) from None
    except (ValueError, LookupError, OSError, zipfile.BadZipFile, csv.Error) as error:
        # bytes that are no CSV or XLSX at all: libhxl's parsers give up in their own ways
        raise _unreadable(file, f"not a CSV or XLSX table ({type(error).__name__})") from None
    return columns, rows


def _unreadable(file: str, reason: str) -> InvalidInput:
    return InvalidInput(
        [Problem(reason, file=file, code="coordination.not_hxl")],
        code="coordination.not_hxl",
        file=file,
    )


def _claim(fields: tuple[Field, ...], columns: list[Any]) -> tuple[dict[str, Column], list[Column]]:
    """Which column answers which field; the tagged columns left over."""
    free = [(i, c) for i, c in enumerate(columns) if c.tag]  # untagged columns are not HXL data
    claimed: dict[str, Column] = {}
    for field in fields:
        for tag in field.tags:
            hit = next(((i, c) for i, c in free if tag.answered_by(c.tag, c.attributes)), None)
            if hit is not None:
                claimed[field.name] = Column(hit[0], hit[1].display_tag)
                free.remove(hit)
                break
    return claimed, [Column(i, c.display_tag) for i, c in free]


def read_table(data: bytes, file: str) -> Table:
    """The register lines or the host's needs in an HXL table; InvalidInput, located, when
    any line is wrong (nothing is returned then)."""
    columns, rows = _dataset(data, file)
    is_needs = any(NEEDS_MARK.answered_by(c.tag, c.attributes) for c in columns if c.tag)
    fields = NEED_FIELDS if is_needs else ACTIVITY_FIELDS
    claimed, rest = _claim(fields, columns)
    problems = Problems(file)
    tag_line = rows[0].source_row_number if rows else 2  # the hashtag row, 1-based
    _require_columns(fields, claimed, problems, Where(tag_line, None, ""))
    problems.refuse()
    reader = NeedReader if is_needs else ActivityReader
    table = reader(claimed, rest, problems).read(rows)
    problems.refuse()
    return table


def _require_columns(
    fields: tuple[Field, ...], claimed: Mapping[str, Column], problems: Problems, at: Where
) -> None:
    for field in fields:
        if field.required and field.name not in claimed:
            problems.add(
                Where(at.line, None, str(field.tag)),
                f"no column carries {field.tag} ({field.header.lower()})",
                "coordination.missing_column",
                tag=str(field.tag),
            )
    if "governorate" not in claimed and "governorate_name" not in claimed:
        problems.add(
            Where(at.line, None, "#adm1+code"),
            "no column carries #adm1+code or #adm1+name (the governorate)",
            "coordination.missing_column",
            tag="#adm1+code",
        )
    if fields is ACTIVITY_FIELDS and not {"organisation", "organisation_name"} & set(claimed):
        problems.add(
            Where(at.line, None, "#org+code"),
            "no column carries #org+code or #org+name (who does it)",
            "coordination.missing_column",
            tag="#org+code",
        )
