"""Field types for files people write: codes, names and numbers with the limits storage has.

Checked here, at the edge, so that a value the database would refuse (a code too long for its
column, a number too large for an integer) is reported with its line instead of failing later.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from cadre.domain.months import EARLIEST_DAY, LATEST_DAY
from cadre.domain.record_names import language_problem

LARGEST_INTEGER = 2**31 - 1  # PostgreSQL's integer
# The documented maxima (docs/audit-and-hardening.md): far above any mission, low enough that
# no planner is handed a figure it would choke on later, in a job that then fails.
MAX_COUNT = 1_000_000  # people, seats, places: a pledge's count, a class, a cohort, a room
MAX_DAYS = 3_650  # a course's length, an overlap: ten years
MAX_MONTHS = 600  # a tour, a horizon, a lag: fifty years
MAX_AMOUNT = 1e12  # money, in any currency


def _not_a_truth_value(value: Any) -> Any:
    # YAML reads `true` as a boolean, which Python would otherwise count as the number 1.
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "true or false is not a number")
    return value


# Characters that change how text around them reads without being seen: control characters
# (CR/LF among them, which split a log or a header line) and the Unicode direction overrides
# and isolates (U+202A-U+202E, U+2066-U+2069), which can make a code read backwards.
_DIRECTION = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def unsafe_character(text: str) -> str | None:
    """The first character in `text` that may not stand in a code or a name, as U+XXXX."""
    for ch in text:
        if ch in _DIRECTION or unicodedata.category(ch) == "Cc":
            return f"U+{ord(ch):04X}"
    return None


def _shown_plainly(value: Any) -> Any:
    if isinstance(value, str) and (found := unsafe_character(value)) is not None:
        raise PydanticCustomError(
            "unsafe_character",
            "must not contain control characters, line breaks or direction overrides ({character})",
            {"character": found},
        )
    return value


def _finite(value: Any) -> Any:
    # Checked before the bounds, so that NaN is called what it is rather than out of range.
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "the number must be finite")
    return value


Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    BeforeValidator(_shown_plainly),  # after the constraints, so that it runs before them
]
Name = Annotated[
    str, BeforeValidator(_shown_plainly), StringConstraints(min_length=1, max_length=200)
]
Text = Annotated[str, StringConstraints(max_length=2000)]
Whole = Annotated[
    int, BeforeValidator(_not_a_truth_value), Field(ge=-LARGEST_INTEGER, le=LARGEST_INTEGER)
]
Number = Annotated[
    float,
    BeforeValidator(_finite),
    BeforeValidator(_not_a_truth_value),
    Field(allow_inf_nan=False, ge=-MAX_AMOUNT, le=MAX_AMOUNT),
]
Count = Annotated[
    int, BeforeValidator(_not_a_truth_value), Field(ge=-LARGEST_INTEGER, le=MAX_COUNT)
]
Days = Annotated[int, BeforeValidator(_not_a_truth_value), Field(ge=-LARGEST_INTEGER, le=MAX_DAYS)]
Months = Annotated[
    int, BeforeValidator(_not_a_truth_value), Field(ge=-LARGEST_INTEGER, le=MAX_MONTHS)
]
Year = Annotated[int, BeforeValidator(_not_a_truth_value), Field(ge=1900, le=LATEST_DAY.year)]
Day = Annotated[dt.date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]


def _a_language(code: Any) -> Any:
    if isinstance(code, str) and (reason := language_problem(code)) is not None:
        raise PydanticCustomError("language_code", reason)
    return code


# A record's name in its other languages, keyed by ISO 639-1 code (`names: {ar: ...}`).
LanguageCode = Annotated[str, AfterValidator(_a_language)]
OtherNames = Annotated[
    dict[LanguageCode, Name],
    Field(description="The name in other languages, by ISO 639-1 code (ar: ...)."),
]
