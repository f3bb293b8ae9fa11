"""What pledge workbooks and CSV files share: their columns, how a cell is read, how a row
becomes an offer checked by the domain's rules, and how text is written so that no
spreadsheet ever runs it as a formula."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cadre.domain.errors import Param, Problem
from cadre.domain.force.offers import Offer, OfferState, StateChange
from cadre.domain.force.validation import known_specialties, offer_findings
from cadre.domain.months import EARLIEST_DAY, LATEST_DAY
from cadre.domain.ranks import Rank, RankBand
from cadre.domain.requirements import RequirementLine
from cadre.domain.scenario import Scenario

MAX_BYTES = 5 * 1024 * 1024  # a nation's bid is a few hundred rows; anything bigger is a mistake
MAX_ROWS = 5_000
# One row offers people of one kind for one window: a platoon of guards or a training team is
# tens, a company a few hundred. More is a typing slip (1e9 reads as 1,000,000,000); a larger
# contingent is offered in several rows, each checked on its own.
MAX_OFFER_COUNT = 1_000
MAX_TOUR_MONTHS = 24  # the template's own check on the column (pledge_template.py)

# (key, heading): the offer columns in order; CSV adds a nation column in front.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("line", "line"),
    ("count", "count"),
    ("start", "start"),
    ("end", "end"),
    ("tour_months", "tour months"),
    ("rank_from", "rank from"),
    ("rank_to", "rank to"),
    ("caveat_1", "caveat 1"),
    ("caveat_2", "caveat 2"),
    ("reference", "your reference"),
    ("note", "note"),
)
_KEY_OF = {heading: key for key, heading in COLUMNS}
OFFER_TERMS = ("count", "start", "end", "tour_months")
# Text starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_text(text: str) -> str:
    """Text for a CSV cell: a leading apostrophe keeps formula-like text as text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class CellError(ValueError):
    """A cell that does not hold what its column asks for; the message says what it holds,
    and `code` with `params` let each edge say it in its reader's language."""

    def __init__(self, message: str, code: str = "", **params: Param) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Cell:
    value: Any
    where: str  # e.g. Offers!C7, or "row 7, column count" in a CSV file
    row: int
    column: int


@dataclass(frozen=True)
class Row:
    number: int  # the row as the user sees it in the file
    cells: Mapping[str, Cell]

    def is_blank(self, keys: Sequence[str] | None = None) -> bool:
        return all(_blank(self.cells[k].value) for k in keys or self.cells if k in self.cells)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def bounded(low: int, high: int) -> Callable[[Any], int]:
    """A whole number from `low` to `high`: a count or a tour a nation can really send."""

    def parse(value: Any) -> int:
        number = _whole_number(value)
        if not low <= number <= high:
            raise CellError(
                f"must be from {low:,} to {high:,}, not {number:,}",
                code="pledge.out_of_range",
                low=low,
                high=high,
                value=number,
            )
        return number

    return parse


def _whole_number(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(
            f"must be a whole number, not {value!r}", code="pledge.not_whole", value=value
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise CellError(
        f"must be a whole number, not {value!r}", code="pledge.not_whole", value=_shown(value)
    )


def _shown(value: Any) -> str:
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:40] + "…"


def a_date(value: Any) -> dt.date:
    day = _a_date(value)
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise CellError(
            f"must be a date from {EARLIEST_DAY} to {LATEST_DAY}, not {day}",
            code="pledge.date_out_of_range",
            low=str(EARLIEST_DAY),
            high=str(LATEST_DAY),
            value=str(day),
        )
    return day


def _a_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise CellError(
                f"must be a date without a time, not {value!r}",
                code="pledge.not_a_date",
                value=_shown(value),
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(
        f"must be a date written YYYY-MM-DD, not {value!r}",
        code="pledge.not_a_date",
        value=_shown(value),
    )


def text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


@dataclass
class RowReader:
    """Reads the rows of one nation's bid into offers, collecting every problem on the way."""

    file: str
    nation: str
    round_code: str
    scenario: Scenario
    lines: Mapping[str, RequirementLine]
    problems: list[Problem] = field(default_factory=list)
    # Cells already reported (a formula): their rows are not read into offers, but every
    # other cell of the row is still checked, so one bad cell hides no other problem.
    reported: frozenset[tuple[int, int]] = frozenset()  # (row, column)

    def problem(
        self, cell: Cell, heading: str, reason: str, code: str = "", **params: Param
    ) -> None:
        row = int("".join(ch for ch in cell.where if ch.isdigit()) or 0)
        self.problems.append(
            Problem(
                reason,
                field=f"{cell.where} ({heading})",
                file=self.file,
                line=row or None,
                column=cell.column,
                code=code,
                # `column`: the column's key, so an edge can name the heading in its own words
                params={"heading": heading, "column": _KEY_OF.get(heading), **params}
                if code
                else {},
            )
        )

    def offers(self, rows: Sequence[Row], on: dt.date) -> list[Offer]:
        found: list[Offer] = []
        references: dict[str, int] = {}
        for row in rows:
            if row.is_blank() or row.is_blank(OFFER_TERMS):
                continue  # an unfilled row of the template offers nothing
            offer = self._offer(row, on)
            if offer is None:
                continue
            ref_cell = row.cells["reference"]
            if offer.reference in references:
                self.problem(
                    ref_cell,
                    "your reference",
                    f"reference {offer.reference} is also used in row "
                    f"{references[offer.reference]}",
                )
            references.setdefault(offer.reference, row.number)
            located = {
                "line": "line",
                "qualification": "line",
                "count": "count",
                "start": "start",
                "end": "end",
                "tour_months": "tour_months",
                "rank": "rank_from",
            }
            senders = {c.code for c in self.scenario.contributors if c.role.sends_trainers}
            for finding in offer_findings(offer, self.scenario, self.lines):
                name = finding.field
                if name == "nation" or (name == "caveats" and self.nation not in senders):
                    continue  # said once for the whole file; its caveats then judged by it
                key = located.get(name) or self._caveat_column(row, finding.message)
                heading = dict(COLUMNS)[key]
                self.problem(
                    row.cells[key], heading, finding.message, code=finding.code, **finding.params
                )
            found.append(offer)
        return found

    def _caveat_column(self, row: Row, message: str) -> str:
        for key in ("caveat_2", "caveat_1"):
            code = text(row.cells[key].value)
            if code and f"caveat {code} " in message:
                return key
        return "caveat_1"

    def _read(self, row: Row, key: str, parse: Callable[[Any], Any], required: bool) -> Any:
        cell = row.cells[key]
        heading = dict(COLUMNS)[key]
        if (cell.row, cell.column) in self.reported:
            return None
        if _blank(cell.value):
            if required:
                self.problem(cell, heading, f"{heading} is empty", code="pledge.empty")
            return None
        try:
            return parse(cell.value)
        except CellError as err:
            self.problem(cell, heading, f"{heading} {err}", err.code, **err.params)
        except ValueError as err:
            self.problem(cell, heading, f"{heading} {err}")
        return None

    def _offer(self, row: Row, on: dt.date) -> Offer | None:
        before = len(self.problems)
        line = self._read(row, "line", text, True)
        count = self._read(row, "count", bounded(1, MAX_OFFER_COUNT), True)
        start = self._read(row, "start", a_date, True)
        end = self._read(row, "end", a_date, True)
        tour = self._read(row, "tour_months", bounded(1, MAX_TOUR_MONTHS), True)
        low = self._read(row, "rank_from", lambda v: Rank.parse(text(v)), False)
        high = self._read(row, "rank_to", lambda v: Rank.parse(text(v)), False)
        if high is not None and _blank(row.cells["rank_from"].value):
            self.problem(
                row.cells["rank_from"],
                "rank from",
                "rank from is empty, rank to is not",
                code="pledge.rank_from_empty",
                other=dict(COLUMNS)["rank_to"],
            )
        caveats = tuple(
            code for k in ("caveat_1", "caveat_2") if (code := text(row.cells[k].value))
        )
        if len(self.problems) > before or any(
            (c.row, c.column) in self.reported for c in row.cells.values()
        ):
            return None
        reference = text(row.cells["reference"].value) or f"R{row.number:03d}"
        # The line column names a line, or a qualification or specialty (HQ, FP, ...): people
        # of that specialty for whichever line asks for it.
        specialty = None
        if line not in self.lines and line in known_specialties(self.scenario, self.lines.values()):
            line, specialty = None, line
        return Offer(
            code=f"{self.nation}-{self.round_code}-{reference}",
            nation=self.nation,
            count=count,
            start=start,
            end=end,
            tour_months=tour,
            line=line,
            qualification=specialty,
            rank_band=RankBand(low, high or low) if low is not None else None,
            caveats=caveats,
            history=(StateChange(OfferState.OFFERED, on, self.round_code, self.file_name),),
            reference=reference,
        )

    @property
    def file_name(self) -> str:
        return f"from {self.file}"
