"""One cell of an HXL table read as the register's value: text, a date, a count, a choice.

Each reader returns the value or raises `BadCell` with the reason in a user's words; the
table reader locates it (row, column, hashtag)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from hxl.datatypes import normalise_date

from cadre.domain.coordination.activities import ActivityType, OrganisationType, Status
from cadre.domain.host import search_key

E = TypeVar("E", bound=StrEnum)


class BadCell(ValueError):
    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason, self.code = reason, code


def text(value: Any) -> str:
    """A cell as text: spreadsheets hand over numbers and dates, CSV files strings."""
    if type(value) is str:  # nearly every cell: the quick way first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def date(value: str) -> dt.date:
    """A day, written as ISO 8601 (2019-03-01) or as libhxl reads dates (1 March 2019)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        normal = normalise_date(value)
    except (ValueError, OverflowError):
        normal = ""
    if len(normal) != 10:
        raise BadCell(f"{value!r} is not a date (write it as 2019-03-01)", "coordination.bad_date")
    return dt.date.fromisoformat(normal)


def count(value: str) -> int | None:
    """A count of people: blank for not known; thousands separators allowed."""
    if not value:
        return None
    bare = value.replace(",", "").replace(" ", "")
    if bare.endswith(".0"):
        bare = bare[:-2]
    if not bare.lstrip("-").isdigit():
        raise BadCell(f"{value!r} is not a whole number of people", "coordination.bad_count")
    return int(bare)


# Words partners use for the register's choices, by search key.
STATUS_WORDS: Mapping[str, Status] = {
    "planned": Status.PLANNED,
    "pipeline": Status.PLANNED,
    "ongoing": Status.ONGOING,
    "on going": Status.ONGOING,
    "in progress": Status.ONGOING,
    "active": Status.ONGOING,
    "completed": Status.COMPLETED,
    "complete": Status.COMPLETED,
    "finished": Status.COMPLETED,
    "closed": Status.COMPLETED,
}
ORGANISATION_WORDS: Mapping[str, OrganisationType] = {
    "nato": OrganisationType.NATO,
    "coalition": OrganisationType.COALITION,
    "eu": OrganisationType.EU,
    "european union": OrganisationType.EU,
    "un": OrganisationType.UN,
    "un agency": OrganisationType.UN,
    "united nations": OrganisationType.UN,
    "bilateral": OrganisationType.BILATERAL,
    "host": OrganisationType.HOST,
    "government": OrganisationType.HOST,
    "host government": OrganisationType.HOST,
    "ngo": OrganisationType.NGO,
    "ingo": OrganisationType.NGO,
    "other": OrganisationType.OTHER,
}
ACTIVITY_WORDS: Mapping[str, ActivityType] = {
    "training": ActivityType.TRAINING,
    "train": ActivityType.TRAINING,
    "advising": ActivityType.ADVISING,
    "advice": ActivityType.ADVISING,
    "mentoring": ActivityType.ADVISING,
    "equipping": ActivityType.EQUIPPING,
    "equipment": ActivityType.EQUIPPING,
    "infrastructure": ActivityType.INFRASTRUCTURE,
}


@functools.lru_cache(maxsize=1024)
def _key(value: str) -> str:
    return search_key(value)  # a register repeats a handful of words thousands of times


def choice(value: str, words: Mapping[str, E], what: str) -> E:
    found = words.get(_key(value))
    if found is None:
        kinds = ", ".join(sorted({str(v) for v in words.values()}))
        raise BadCell(
            f"{value!r} is not a known {what}; one of: {kinds}",
            f"coordination.bad_{what.replace(' ', '_')}",
        )
    return found


def entries(value: str) -> tuple[str, ...]:
    """A list written in one cell, split on commas or semicolons, sorted, without repeats."""
    return tuple(sorted({e.strip() for e in value.replace(";", ",").split(",") if e.strip()}))
