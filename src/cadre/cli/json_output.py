"""`--json`: what a command shows, as one JSON document on standard output, for scripts.

Values are written as they are kept: dates in ISO 8601, enumerations by their stored word,
records (dataclasses) as objects with their field names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import pathlib
import sys
from typing import Any


def plain(value: Any) -> Any:
    """`value` made of what JSON has: objects, lists, strings, numbers, true/false, null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, pathlib.Path):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def emit(document: Any) -> None:
    sys.stdout.write(json.dumps(plain(document), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
