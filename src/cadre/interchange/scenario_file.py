"""Scenario files in YAML: read with every problem located by line and column, and written back.

Reading runs three checks in turn, each only on what the previous one let through: YAML syntax,
then the shape (types, known fields), then the mission's rules from the domain.
"""

from __future__ import annotations

import io
import pathlib
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.rules import Path, check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_document, to_domain
from cadre.interchange.positions import field_name, locate, plain
from cadre.interchange.registries import registries
from cadre.interchange.schema import ScenarioShape
from cadre.interchange.shape_errors import shape_reason
from cadre.interchange.yaml_load import load_yaml, utf8_problem

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
        raise InvalidInput([utf8_problem(raw, err.start, name)]) from err
    return parse_scenario(text, name)


def parse_scenario(text: str, filename: str = "<scenario>") -> Scenario:
    document = load_yaml(text, filename)
    if not isinstance(document, dict):
        where = locate(document, ()) or (1, 1)
        raise InvalidInput(
            [
                Problem(
                    "a scenario file must be a mapping with a mission: section at its top",
                    file=filename,
                    line=where[0],
                    column=where[1],
                )
            ]
        )
    try:
        shape = ScenarioShape.model_validate(plain(document))
    except ValidationError as err:
        problems = []
        for error in err.errors():
            path, reason, key = shape_reason(error, document)
            problems.append(_located(path, reason, document, filename, key=key))
        raise InvalidInput(_in_file_order(problems)) from None
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
    yaml.dump(without_defaults(to_document(scenario), ScenarioShape), out)
    return out.getvalue()


def without_defaults(document: Any, shape: Any) -> Any:
    """The document less every field that holds its default, as a person would write it.

    Reading it back fills the defaults in again, so nothing is lost."""
    if isinstance(document, list):
        return [without_defaults(item, shape) for item in document]
    if not isinstance(document, dict) or not hasattr(shape, "model_fields"):
        return document
    kept = {}
    for name, value in document.items():
        info = shape.model_fields.get(name)
        if info is None:
            kept[name] = value
            continue
        if not info.is_required() and name != "format_version" and value == _default(info):
            continue
        kept[name] = without_defaults(value, _inner(info.annotation))
    return kept


def _default(info: Any) -> Any:
    default = info.get_default(call_default_factory=True)
    if hasattr(default, "model_dump"):
        return default.model_dump(mode="python")
    if isinstance(default, list):
        return [getattr(d, "value", d) for d in default]
    return getattr(default, "value", default)


def _inner(annotation: Any) -> Any:
    """The model inside list[Model] or Model | None, if any."""
    for arg in getattr(annotation, "__args__", ()):
        found = _inner(arg)
        if hasattr(found, "model_fields"):
            return found
    return annotation


def _in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _located(
    path: Path, reason: str, document: Any, filename: str, *, key: bool = False
) -> Problem:
    path = _members_as_indices(path, document)
    where = locate(document, path, key=key)
    return Problem(
        reason,
        field=field_name(path),
        file=filename,
        line=where[0] if where else None,
        column=where[1] if where else None,
    )


def _members_as_indices(path: Path, document: Any) -> Path:
    """A rule about a set member names it by value; the file has it at an index of a list."""
    steps: list[str | int] = []
    node = document
    for step in path:
        if isinstance(node, list) and isinstance(step, str) and step in node:
            step = node.index(step)
        steps.append(step)
        node = (
            node.get(step)
            if isinstance(node, dict) and isinstance(step, str)
            else (
                node[step]
                if isinstance(node, list) and isinstance(step, int) and step < len(node)
                else None
            )
        )
    return tuple(steps)
