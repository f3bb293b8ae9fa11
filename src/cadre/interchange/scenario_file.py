"""Scenario files in YAML: read with every problem located by line and column, and written back.

Reading runs three checks in turn, each only on what the previous one let through: YAML syntax,
then the shape (types, known fields), then the mission's rules from the domain.
"""

from __future__ import annotations

import difflib
import io
import pathlib
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.rules import Path, check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_document, to_domain
from cadre.interchange.positions import field_name, locate, plain
from cadre.interchange.registries import registries
from cadre.interchange.schema import ScenarioShape

MAX_FILE_BYTES = 20 * 1024 * 1024  # far above any real scenario; stops a runaway file early


def read_scenario(path: pathlib.Path) -> Scenario:
    """The scenario in the file at `path`, or InvalidInput listing every problem in it."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                [
                    Problem(
                        f"the file is {size:,} bytes; a scenario may be at most {MAX_FILE_BYTES:,}",
                        file=name,
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as err:
        raise InvalidInput([Problem(f"cannot read the file: {err.strerror}", file=name)]) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidInput(
            [Problem(f"the file is not UTF-8 text (byte {err.start})", file=name)]
        ) from err
    return parse_scenario(text, name)


def parse_scenario(text: str, filename: str = "<scenario>") -> Scenario:
    document = _load_yaml(text, filename)
    if not isinstance(document, dict):
        raise InvalidInput(
            [
                Problem(
                    "a scenario file must be a mapping with a mission: section at its top",
                    file=filename,
                    line=1,
                    column=1,
                )
            ]
        )
    try:
        shape = ScenarioShape.model_validate(plain(document))
    except ValidationError as err:
        raise InvalidInput(
            _in_file_order(_shape_problem(e, document, filename) for e in err.errors())
        ) from None
    scenario = to_domain(shape)
    violations = check_scenario(scenario, registries())
    if violations:
        raise InvalidInput(
            _in_file_order(_located(v.path, v.message, document, filename) for v in violations)
        )
    return scenario


def dump_scenario(scenario: Scenario) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # keep field order
    yaml.allow_unicode = True
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(to_document(scenario), out)
    return out.getvalue()


def _load_yaml(text: str, filename: str) -> Any:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = " ".join(p for p in (err.context, err.problem) if p)
        if "duplicate key" in (err.problem or ""):
            reason = f"{err.problem}; each field may appear once"
        raise InvalidInput(
            [
                Problem(
                    f"the YAML is not well formed: {reason}",
                    file=filename,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except YAMLError as err:
        raise InvalidInput(
            [Problem(f"the YAML is not well formed: {err}", file=filename)]
        ) from None


def _in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _located(
    path: Path, reason: str, document: Any, filename: str, *, key: bool = False
) -> Problem:
    where = locate(document, path, key=key)
    return Problem(
        reason,
        field=field_name(path),
        file=filename,
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


def _shape_problem(error: ErrorDetails, document: Any, filename: str) -> Problem:
    path: Path = tuple(step for step in error["loc"] if isinstance(step, str | int))
    kind = error["type"]
    got = error.get("input")
    if kind == "missing":
        owner = _describe(path[:-1], document)
        return _located(path, f"{owner} is missing the field {path[-1]!s}", document, filename)
    if kind == "extra_forbidden":
        owner = _describe(path[:-1], document)
        hint = _close_field(path)
        return _located(
            path, f"{owner} has an unknown field {path[-1]!s}{hint}", document, filename, key=True
        )
    here = _describe(path, document)
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
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
    }.get(kind)
    if expected is None and kind in ("enum", "literal_error"):
        expected = f"one of {error.get('ctx', {}).get('expected', '')}"
    if expected is not None:
        return _located(path, f"{here} must be {expected}, not {got!r}", document, filename)
    return _located(path, f"{here}: {error['msg']}", document, filename)


_KINDS = {
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
}


def _describe(path: Path, document: Any) -> str:
    """Name the thing a path is in, as a user would: 'course C-IED-201, field duration_days'."""
    words: list[str] = []
    node = document
    for depth, step in enumerate(path):
        if isinstance(step, int) and depth > 0 and isinstance(path[depth - 1], str):
            kind = _KINDS.get(str(path[depth - 1]), str(path[depth - 1]))
            item = node[step] if isinstance(node, list) and step < len(node) else None
            code = item.get("code") if isinstance(item, dict) else None
            words = [w for w in words if w != path[depth - 1]]
            words.append(f"{kind} {code}" if isinstance(code, str) else f"{kind} #{step + 1}")
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
    shape_fields = _fields_at(path[:-1])
    close = difflib.get_close_matches(str(path[-1]), shape_fields, n=1)
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
