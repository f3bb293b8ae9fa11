"""One line of a table read into a register line or a host need: cells by field, each bad cell
reported once with its row and hashtag."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from cadre.domain.coordination.activities import UNCLASSIFIED, Activity, Need, OrganisationType
from cadre.domain.coordination.places import governorate, governorate_named
from cadre.domain.coordination.rules import check_activity
from cadre.domain.errors import Param
from cadre.interchange.coordination import hxl_values as values
from cadre.interchange.coordination.hxl_columns import (
    ACTIVITY_FIELDS,
    NEED_FIELDS,
    ORIGIN_OURS,
)
from cadre.interchange.coordination.hxl_table import (
    Column,
    Columns,
    Problems,
    ReadActivity,
    ReadNeed,
    Table,
    Where,
)
from cadre.interchange.coordination.hxl_values import BadCell


class Row:
    """One line being read: its cells by field, with every bad cell reported once."""

    def __init__(self, row: Any, columns: Columns, problems: Problems) -> None:
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

    def fail(self, name: str, reason: str, code: str, **params: Param) -> None:
        self.ok = False
        self.problems.add(self.where(name), reason, code, **params)

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
                value=code,
            )
        elif name and by_name is None:
            self.fail(
                "governorate_name",
                f"{name} is not the name of a governorate of Iraq",
                "coordination.unknown_governorate",
                value=name,
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


class ActivityReader:
    def __init__(
        self, claimed: Mapping[str, Column], rest: list[Column], problems: Problems
    ) -> None:
        self.columns = Columns(claimed, {f.name: str(f.tag) for f in ACTIVITY_FIELDS})
        self.rest, self.problems = rest, problems

    def read(self, rows: list[Any]) -> Table:
        found: list[ReadActivity] = []
        codes: dict[str, int] = {}
        ours = 0
        for raw in rows:
            row = Row(raw, self.columns, self.problems)
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

    def _activity(self, row: Row, cells: list[Any]) -> Activity | None:
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


class NeedReader:
    def __init__(
        self, claimed: Mapping[str, Column], rest: list[Column], problems: Problems
    ) -> None:
        self.columns = Columns(claimed, {f.name: str(f.tag) for f in NEED_FIELDS})
        self.rest, self.problems = rest, problems

    def read(self, rows: list[Any]) -> Table:
        found: list[ReadNeed] = []
        for raw in rows:
            row = Row(raw, self.columns, self.problems)
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
