"""A scenario record as an HTML form and back, derived from the same pydantic shape the
scenario file uses, so a form has exactly the file's fields and its answers go through the
file's checks. Pure: no database, no web framework.

Lists of small records (a site's rooms, its holidays) are typed one per line with their parts
separated by commas; lists of codes with commas or spaces; a nested record (a cohort's name in
Arabic and in Latin letters) as one field per part.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.record_names import FORM_LANGUAGES


@dataclass(frozen=True)
class FormField:
    name: str  # the form's name for it: a shape's field, or "name.arabic" for a nested part
    widget: str  # text | textarea | number | date | checkbox | select | checkboxes | codes | lines
    required: bool
    choices: tuple[str, ...] = ()  # select and checkboxes
    parts: tuple[str, ...] = ()  # lines: the parts of each line, in order
    arabic: bool = False  # typed right to left whatever the page's language


FormData = Mapping[str, Sequence[str]]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without Optional and Annotated; whether None was allowed."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional


def _choices(annotation: Any) -> tuple[str, ...] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(str(m.value) for m in annotation)
    return None


def _is_shape(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def form_fields(
    shape: type[BaseModel], languages: Iterable[str] = FORM_LANGUAGES
) -> tuple[FormField, ...]:
    """The form's fields; a record's names in other languages get one field per language in
    `languages` (the forms' own, and any other the record already has, so none is lost)."""
    fields: list[FormField] = []
    for name, info in shape.model_fields.items():
        kind, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        choices = _choices(kind)
        if typing.get_origin(kind) is dict:
            for language in dict.fromkeys(languages):
                fields.append(
                    FormField(f"{name}.{language}", "text", False, arabic=language == "ar")
                )
        elif typing.get_origin(kind) is list:
            item, _ = _unwrap(typing.get_args(kind)[0])
            item_choices = _choices(item)
            if item_choices is not None:
                fields.append(FormField(name, "checkboxes", False, item_choices))
            elif _is_shape(item):
                fields.append(FormField(name, "lines", False, parts=tuple(item.model_fields)))
            else:
                fields.append(FormField(name, "codes", required))
        elif _is_shape(kind):
            for part in kind.model_fields:
                fields.append(
                    FormField(f"{name}.{part}", "text", required, arabic=part == "arabic")
                )
        elif choices is not None:
            fields.append(FormField(name, "select", required, choices))
        elif kind is bool:
            fields.append(FormField(name, "checkbox", False))
        elif kind in (int, float):
            fields.append(FormField(name, "number", required))
        elif kind is dt.date:
            fields.append(FormField(name, "date", required))
        elif name in ("note", "value"):
            fields.append(FormField(name, "textarea", required))
        else:
            fields.append(FormField(name, "text", required))
    return tuple(fields)


def _first(form: FormData, name: str) -> str:
    values = form.get(name) or ()
    return values[0].strip() if values else ""


def _split_line(line: str, parts: Sequence[str]) -> list[str]:
    # Free text (a holiday's name) may hold commas: when it comes first, the other parts are
    # taken from the end of the line and the text keeps whatever is left.
    if parts and parts[0] == "name":
        return [p.strip() for p in line.rsplit(",", len(parts) - 1)]
    return [p.strip() for p in line.split(",", len(parts) - 1)]


def document_from_form(fields: Sequence[FormField], form: FormData) -> dict[str, Any]:
    """The record as a scenario file would hold it; values stay text for the shape to check,
    and a field left empty is left out, so its default applies or its absence is reported."""
    document: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in fields:
        if f.widget == "checkbox":
            document[f.name] = bool(_first(form, f.name))
        elif f.widget == "checkboxes":
            document[f.name] = [v for v in (form.get(f.name) or ()) if v]
        elif f.widget == "codes":
            document[f.name] = [c for c in re.split(r"[,\s]+", _first(form, f.name)) if c]
        elif f.widget == "lines":
            items = []
            text = "\n".join(form.get(f.name) or ())
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                values = _split_line(line, f.parts)
                if len(values) != len(f.parts):
                    problems.append(
                        Problem(f"line {number}: give {', '.join(f.parts)}", field=f.name)
                    )
                items.append(dict(zip(f.parts, values, strict=False)))
            document[f.name] = items
        elif "." in f.name:
            outer, inner = f.name.split(".", 1)
            value = _first(form, f.name)
            if value:
                document.setdefault(outer, {})[inner] = value
        else:
            value = _first(form, f.name)
            if value:
                document[f.name] = value
    if problems:
        raise InvalidInput(problems)
    return document


def name_languages(languages: Iterable[str] = (), fields: Iterable[str] = ()) -> tuple[str, ...]:
    """The languages a form asks names in: its own, then any other among `languages` (a stored
    record's) and among `fields` (`names.fr` of a form sent back), so that none is dropped."""
    typed = (f.removeprefix("names.") for f in fields if f.startswith("names."))
    return tuple(dict.fromkeys((*FORM_LANGUAGES, *languages, *typed)))


def form_values(fields: Sequence[FormField], document: Mapping[str, Any]) -> dict[str, Any]:
    """What each field shows for a stored record."""
    values: dict[str, Any] = {}
    for f in fields:
        if "." in f.name:
            outer, inner = f.name.split(".", 1)
            values[f.name] = _text((document.get(outer) or {}).get(inner))
            continue
        value = document.get(f.name)
        if f.widget == "checkboxes":
            values[f.name] = [str(v) for v in value or ()]
        elif f.widget == "codes":
            values[f.name] = ", ".join(str(v) for v in value or ())
        elif f.widget == "lines":
            values[f.name] = "\n".join(
                ", ".join(_text(item.get(p)) for p in f.parts) for item in value or ()
            )
        elif f.widget == "checkbox":
            values[f.name] = bool(value)
        else:
            values[f.name] = _text(value)
    return values


def _text(value: Any) -> str:
    return "" if value is None else str(value)


_IN_RECORD = re.compile(r"^[a-z_]+\[[^\]]*\]\.?")


def field_of(problem: Problem, fields: Sequence[FormField]) -> str:
    """The form field a problem belongs beside ("" for the form as a whole)."""
    path = _IN_RECORD.sub("", problem.field)
    names = {f.name for f in fields}
    if path in names:
        return path
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    if head in names:
        return head
    nested = [f.name for f in fields if f.name.startswith(f"{head}.")]
    return nested[0] if nested else ""
