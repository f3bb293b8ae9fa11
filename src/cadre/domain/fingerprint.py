"""A stable digest of any domain value, to tell whether two scenarios hold the same data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from typing import Any


def canonical(value: Any) -> Any:
    """`value` as JSON-ready data whose form depends only on its content, never on set order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, frozenset | set):
        return sorted((canonical(v) for v in value), key=json.dumps)
    if isinstance(value, tuple | list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fingerprint(value: Any) -> str:
    text = json.dumps(canonical(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
