"""Reading an HXL-tagged 3W/4W table (CSV or XLSX) into register lines, through libhxl.

Columns may come in any order and carry extra attributes; columns the register does not read
are kept with each line. Every problem is collected and located (file, row, column, hashtag,
reason) and the table is refused whole when there is any: a reader either returns every line
or raises InvalidInput. Bytes are handed to libhxl, never a path or an address, so reading a
table never reaches the network.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import hxl
from hxl import HXLException
from hxl.input import InputOptions, make_input

from cadre.domain.coordination.activities import UNCLASSIFIED, Activity, Need, OrganisationType
from cadre.domain.coordination.places import governorate, governorate_named
from cadre.domain.coordination.rules import check_activity
from cadre.domain.errors import InvalidInput, Param, Problem
from cadre.interchange.coordination import hxl_values as values
from cadre.interchange.coordination.hxl_columns import (
    ACTIVITY_FIELDS,
    NEED_FIELDS,
    NEEDS_MARK,
    ORIGIN_OURS,
    Field,
)
from cadre.interchange.coordination.hxl_values import BadCell


@dataclass(frozen=True)
class Where:
    """A cell of the table: its row and column as a spreadsheet numbers them, its hashtag."""

    line: int
    column: int | None
    tag: str


@dataclass(frozen=True)
class _Column:
    index: int  # 0-based position in the row
    tag: str  # as written, e.g. #adm1+code+v_pcode


@dataclass(frozen=True)
class Columns:
    """Which column answers which field, shared by every line of a table."""

    claimed: Mapping[str, _Column]
    tags: Mapping[str, str]  # each field's own hashtag, for a field no column answers

    def where(self, line: int, name: str) -> Where:
        column = self.claimed.get(name)
        if column is None:
            return Where(line, None, self.tags.get(name, name))
        return Where(line, column.index + 1, column.tag)


@dataclass(frozen=True)
class ReadActivity:
    activity: Activity
    line: int
    columns: Columns

    def where(self, name: str) -> Where:
        """The cell of the line that gave `name` (for problems found later)."""
        return self.columns.where(self.line, name)


@dataclass(frozen=True)
class ReadNeed:
    need: Need
    line: int
    columns: Columns

    def where(self, name: str) -> Where:
        return self.columns.where(self.line, name)


@dataclass(frozen=True)
class Table:
    """What a file held: activities or needs, and what was kept or left aside."""

    activities: tuple[ReadActivity, ...]
    needs: tuple[ReadNeed, ...]
    kept: tuple[str, ...]  # hashtags of the columns kept unread
    ours: int  # lines of the mission's own runs, derived from the timetable: left aside


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Problem] = []

    def add(self, where: Where, reason: str, code: str, **params: Param) -> None:
        self.found.append(
            Problem(
                reason,
                field=where.tag,
                file=self.file,
                line=where.line,
                column=where.column,
                code=code,
                params=params,
            )
        )

    def refuse(self) -> None:
        if self.found:
            raise InvalidInput(self.found, code="coordination.table_refused", file=self.file)


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


def _claim(
    fields: tuple[Field, ...], columns: list[Any]
) -> tuple[dict[str, _Column], list[_Column]]:
    """Which column answers which field; the tagged columns left over."""
    free = [(i, c) for i, c in enumerate(columns) if c.tag]  # untagged columns are not HXL data
    claimed: dict[str, _Column] = {}
    for field in fields:
        for tag in field.tags:
            hit = next(((i, c) for i, c in free if tag.answered_by(c.tag, c.attributes)), None)
            if hit is not None:
                claimed[field.name] = _Column(hit[0], hit[1].display_tag)
                free.remove(hit)
                break
    return claimed, [_Column(i, c.display_tag) for i, c in free]


def read_table(data: bytes, file: str) -> Table:
    """The register lines or the host's needs in an HXL table; InvalidInput, located, when
    any line is wrong (nothing is returned then)."""
    columns, rows = _dataset(data, file)
    is_needs = any(NEEDS_MARK.answered_by(c.tag, c.attributes) for c in columns if c.tag)
    fields = NEED_FIELDS if is_needs else ACTIVITY_FIELDS
    claimed, rest = _claim(fields, columns)
    problems = _Problems(file)
    tag_line = rows[0].source_row_number if rows else 2  # the hashtag row, 1-based
    _require_columns(fields, claimed, problems, Where(tag_line, None, ""))
    problems.refuse()
    reader = _NeedReader if is_needs else _ActivityReader
    table = reader(claimed, rest, problems).read(rows)
    problems.refuse()
    return table


def _require_columns(
    fields: tuple[Field, ...], claimed: Mapping[str, _Column], problems: _Problems, at: Where
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


class _Row:
    """One line being read: its cells by field, with every bad cell reported once."""

    def __init__(self, row: Any, columns: Columns, problems: _Problems) -> None:
        self.line = int(row.source_row_number) + 1
        cells = row.values
        self.texts = {
            name: values.text(cells[c.index]) if c.index < len(cells) else ""
            for name, c in columns.claimed.items()
        }
        self.columns = columns
        self.problems = problems
        self.ok = True

    def where(self, name: str) -> Where:
        return self.columns.where(self.line, name)

    def text(self, name: str) -> str:
        return self.texts.get(name, "")

    def read(self, name: str, parse: Callable[[str], Any], default: Any = None) -> Any:
        raw = self.text(name)
        if not raw:
            return default
        try:
            return parse(raw)
        except BadCell as bad:
            self.fail(name, bad.reason, bad.code)
            return default

    def needed(self, name: str, what: str) -> str:
        raw = self.text(name)
        if not raw:
            self.fail(name, f"{what} is missing", "coordination.missing_value")
        return raw

    def fail(self, name: str, reason: str, code: str) -> None:
        self.ok = False
        self.problems.add(self.where(name), reason, code)

    def place(self) -> str:
        """The governorate's p-code, from its code or its name (which must then agree)."""
        code, name = self.text("governorate"), self.text("governorate_name")
        by_code = governorate(code) if code else None
        by_name = governorate_named(name) if name else None
        if code and by_code is None:
            self.fail(
                "governorate",
                f"{code} is not the p-code of a governorate of Iraq",
                "coordination.unknown_governorate",
            )
        elif name and by_name is None:
            self.fail(
                "governorate_name",
                f"{name} is not the name of a governorate of Iraq",
                "coordination.unknown_governorate",
            )
        elif by_code and by_name and by_code != by_name:
            self.fail(
                "governorate_name",
                f"{name} is not the governorate {by_code.pcode} ({by_code.english})",
                "coordination.place_disagrees",
            )
        elif not code and not name:
            self.fail("governorate", "the governorate is missing", "coordination.missing_value")
        found = by_code or by_name
        return found.pcode if found else ""

    def marking(self) -> tuple[str, tuple[str, ...]]:
        return (
            self.text("classification") or UNCLASSIFIED,
            values.entries(self.text("releasable_to")),
        )


class _ActivityReader:
    def __init__(
        self, claimed: Mapping[str, _Column], rest: list[_Column], problems: _Problems
    ) -> None:
        self.columns = Columns(claimed, {f.name: str(f.tag) for f in ACTIVITY_FIELDS})
        self.rest, self.problems = rest, problems

    def read(self, rows: list[Any]) -> Table:
        found: list[ReadActivity] = []
        codes: dict[str, int] = {}
        ours = 0
        for raw in rows:
            row = _Row(raw, self.columns, self.problems)
            if row.text("origin").casefold() == ORIGIN_OURS:
                ours += 1  # the mission's own run: it comes from the timetable, not a file
                continue
            activity = self._activity(row, raw.values)
            if activity is None:
                continue
            if activity.code in codes:
                row.fail(
                    "code",
                    f"the activity code {activity.code} is already on row {codes[activity.code]}",
                    "coordination.duplicate_code",
                )
                continue
            codes[activity.code] = row.line
            found.append(ReadActivity(activity, row.line, self.columns))
        return Table(tuple(found), (), tuple(c.tag for c in self.rest), ours)

    def _activity(self, row: _Row, cells: list[Any]) -> Activity | None:
        organisation = row.text("organisation") or row.text("organisation_name")
        if not organisation:
            row.fail("organisation", "who does it is missing", "coordination.missing_value")
        discipline = row.needed("discipline", "the sector").upper()
        beneficiary = row.needed("beneficiary", "the beneficiary")
        start = row.read("start", values.date) if row.needed("start", "the start") else None
        end = row.read("end", values.date) if row.needed("end", "the end") else None
        status = row.read("status", lambda v: values.choice(v, values.STATUS_WORDS, "status"))
        if status is None and not row.text("status"):
            row.fail("status", "the status is missing", "coordination.missing_value")
        kind = row.read(
            "activity_type",
            lambda v: values.choice(v, values.ACTIVITY_WORDS, "activity type"),
        )
        if kind is None and not row.text("activity_type"):
            row.fail("activity_type", "the activity type is missing", "coordination.missing_value")
        organisation_type = row.read(
            "organisation_type",
            lambda v: values.choice(v, values.ORGANISATION_WORDS, "organisation type"),
            OrganisationType.OTHER,
        )
        place = row.place()
        planned = row.read("planned", values.count)
        reached = row.read("reached", values.count)
        reported = row.read("reported", values.date)
        if not row.ok or start is None or end is None:
            return None
        classification, release = row.marking()
        extras = tuple(
            sorted(
                (c.tag, values.text(cells[c.index]))
                for c in self.rest
                if c.index < len(cells) and values.text(cells[c.index])
            )
        )
        draft = Activity(
            code=row.text("code"),
            organisation=organisation,
            organisation_type=organisation_type,
            discipline=discipline,
            activity_type=kind,
            beneficiary=beneficiary,
            governorate=place,
            start=start,
            end=end,
            status=status,
            organisation_name=row.text("organisation_name"),
            title=row.text("title"),
            district=row.text("district").upper(),
            district_name=row.text("district_name"),
            site=row.text("site"),
            planned=planned,
            reached=reached,
            contact=row.text("contact"),
            source=row.text("source"),
            reported=reported,
            classification=classification,
            releasable_to=release,
            extras=extras,
        )
        for breach in check_activity(draft):
            row.fail(breach.field, breach.reason, breach.code)
        if not row.ok:
            return None
        if not draft.code:
            return _with_code(draft)
        return draft


def _with_code(activity: Activity) -> Activity:
    """A line without a code gets one made from what it says, the same on every import."""
    said = "|".join(
        str(v)
        for v in (
            activity.organisation,
            activity.discipline,
            activity.activity_type,
            activity.beneficiary_key,
            activity.governorate,
            activity.district,
            activity.site,
            activity.start,
            activity.end,
            activity.title,
        )
    )
    return replace(activity, code="A-" + hashlib.sha256(said.encode()).hexdigest()[:10].upper())


class _NeedReader:
    def __init__(
        self, claimed: Mapping[str, _Column], rest: list[_Column], problems: _Problems
    ) -> None:
        self.columns = Columns(claimed, {f.name: str(f.tag) for f in NEED_FIELDS})
        self.rest, self.problems = rest, problems

    def read(self, rows: list[Any]) -> Table:
        found: list[ReadNeed] = []
        for raw in rows:
            row = _Row(raw, self.columns, self.problems)
            discipline = row.needed("discipline", "the sector").upper()
            people = row.read("people", values.count) if row.needed("people", "the need") else 0
            if people is not None and people < 0:
                row.fail("people", f"{people} is not a number of people", "coordination.bad_count")
            place = row.place()
            if not row.ok:
                continue
            classification, release = row.marking()
            need = Need(
                place,
                discipline,
                people or 0,
                row.text("organisation"),
                row.text("source"),
                classification,
                release,
            )
            found.append(ReadNeed(need, row.line, self.columns))
        return Table((), tuple(found), tuple(c.tag for c in self.rest), 0)
