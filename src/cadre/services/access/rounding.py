"""How totals are rounded when rows were withheld from them (services/access/redaction.py):
counts and amounts to a multiple of `ROUNDING`, shares to one decimal, so that a total minus
the rows a reader sees does not give a hidden record's share exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

ROUNDING = 10


def rounded(value: Any, totals: Iterable[str]) -> Any:
    """The figures under the named keys or fields rounded: counts and amounts to a multiple of
    `ROUNDING`, shares (a name with "share" in it) to one decimal."""
    return _rounded(value, frozenset(totals))


def _rounded(value: Any, totals: frozenset[str]) -> Any:
    if isinstance(value, Mapping):
        return {
            k: _round_all(v, str(k)) if k in totals else _rounded(v, totals)
            for k, v in value.items()
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _round_all(getattr(value, f.name), f.name)
            for f in dataclasses.fields(value)
            if f.init and f.name in totals
        }
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _round_all(value: Any, name: str) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        if "share" in name:
            return round(float(value), 1)
        step = round(value / ROUNDING) * ROUNDING
        return int(step) if isinstance(value, int) else float(step)
    if isinstance(value, Mapping):
        return {k: _round_all(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_round_all(v, name) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _round_all(getattr(value, f.name), f.name)
            for f in dataclasses.fields(value)
            if f.init and isinstance(getattr(value, f.name), (int, float, tuple, list, dict))
        }
        return dataclasses.replace(value, **changes)
    return value
