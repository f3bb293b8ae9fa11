"""Shape errors from pydantic turned into sentences a user understands, about named things."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic_core import ErrorDetails

from cadre.domain.rules import Path
from cadre.interchange.fields import unsafe_character
from cadre.interchange.schema import ScenarioShape

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_not_number": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date without a time",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}

KINDS = {
    "contributors": "contributor",
    "sites": "site",
    "disciplines": "discipline",
    "qualifications": "qualification",
    "courses": "course",
    "demands": "demand",
    "caveats": "caveat",
    "pledges": "pledge",
    "trainers": "trainer",
    "cohorts": "cohort",
    "rooms": "room",
    "holidays": "holiday",
    "requirements": "requirement line",
    "runs": "run",
}


def shape_reason(error: ErrorDetails, document: Any) -> tuple[Path, str, bool]:
    """The path, the sentence, and whether the key itself (not its value) is at fault."""
    path: Path = tuple(step for step in error["loc"] if isinstance(step, str | int))
    kind = error["type"]
    got = error.get("input")
    ctx = error.get("ctx", {})
    if path and path[-1] == "[key]":  # a mapping's key is at fault, such as a language in names
        path = path[:-1]
        return path, f"{describe(path[:-1], document)}: {error['msg']}", True
    if kind == "missing":
        return path, f"{describe(path[:-1], document)} is missing the field {path[-1]!s}", False
    if kind == "extra_forbidden":
        owner = describe(path[:-1], document)
        return path, f"{owner} has an unknown field {path[-1]!s}{_close_field(path)}", True
    here = describe(path, document)
    if kind == "string_too_short":
        return path, f"{here} must not be empty", False
    if kind == "string_too_long":
        return path, f"{here} must be at most {ctx.get('max_length')} characters long", False
    if kind == "unsafe_character":
        return path, f"{here} {error['msg']}", False
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = ctx.get("le", ctx.get("ge"))
        side = "at most" if kind == "less_than_equal" else "at least"
        return path, f"{here} must be {side} {_shown(bound)}, not {_shown(got, repr)}", False
    expected = _EXPECTED.get(kind)
    if expected is None and kind in ("enum", "literal_error"):
        expected = f"one of {ctx.get('expected', '')}"
    if expected is not None:
        shown = str(got).lower() if isinstance(got, bool) else repr(got)
        return path, f"{here} must be {expected}, not {shown}", False
    return path, f"{here}: {error['msg']}", False


def _shown(value: Any, plain: Any = str) -> str:
    """A bound or a value as a user writes it: 1,000,000 and 2199-12-31, not date(...)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, float) and not abs(value) < 1e15:
        return f"{value:g}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(plain(value))


def describe(path: Path, document: Any) -> str:
    """Name the thing a path is in, as a user would: 'course C-IED-201: field duration_days'."""
    words: list[str] = []
    node = document
    for depth, step in enumerate(path):
        if isinstance(step, int) and depth > 0 and isinstance(path[depth - 1], str):
            kind = KINDS.get(str(path[depth - 1]), str(path[depth - 1]))
            item = node[step] if isinstance(node, list) and step < len(node) else None
            code = item.get("code") if isinstance(item, dict) else None
            words = [w for w in words if w != path[depth - 1]]
            named = isinstance(code, str) and code.strip() and unsafe_character(code) is None
            words.append(f"{kind} {code}" if named else f"{kind} #{step + 1}")
        elif isinstance(step, str):
            words.append(step)
        node = _step(node, step)
    if not words:
        return "the scenario"
    *context, last = words
    if path and isinstance(path[-1], str) and context:
        return f"{', '.join(context)}: field {last}"
    return ", ".join(words)


def _step(node: Any, step: str | int) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def _close_field(path: Path) -> str:
    close = difflib.get_close_matches(str(path[-1]), _fields_at(path[:-1]), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _fields_at(path: Path) -> list[str]:
    model: Any = ScenarioShape
    for step in path:
        if isinstance(step, int):
            continue
        info = model.model_fields.get(step)
        if info is None:
            return []
        annotation = info.annotation
        args = getattr(annotation, "__args__", None)
        model = args[0] if args else annotation
        if not hasattr(model, "model_fields"):
            return []
    return list(model.model_fields)
