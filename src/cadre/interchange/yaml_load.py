"""YAML read with the position of every node kept, and its errors said with line and column."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode

from cadre.domain.errors import InvalidInput, Problem


class _Constructor(RoundTripConstructor):
    """Reads a date that does not exist (2019-02-30) as text, so that the shape check reports
    it with its line like any other bad date, instead of the YAML library failing outright."""

    def construct_yaml_timestamp(self, node: ScalarNode, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def load_yaml(text: str, filename: str) -> Any:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InvalidInput([Problem("the file is empty", file=filename, line=1, column=1)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as err:
        raise InvalidInput([_problem(err, filename)]) from None
    except YAMLError as err:
        raise InvalidInput(
            [Problem(f"the YAML is not well formed: {err}", file=filename)]
        ) from None


def _problem(err: MarkedYAMLError, filename: str) -> Problem:
    context, problem = err.context or "", err.problem or ""
    # An unclosed bracket is noticed only where the text ends up; the bracket is where to look.
    unclosed = context.startswith("while parsing a flow") and err.context_mark is not None
    mark = err.context_mark if unclosed else (err.problem_mark or err.context_mark)
    if "duplicate key" in problem:
        reason = f"{problem}; each field may appear once"
    elif unclosed:
        reason = f"a {context.removeprefix('while parsing a ')} is not closed ({problem})"
    else:
        reason = "; ".join(p for p in (context, problem) if p)
    return Problem(
        f"the YAML is not well formed: {reason}",
        file=filename,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def utf8_problem(raw: bytes, start: int, filename: str) -> Problem:
    line = raw.count(b"\n", 0, start) + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    return Problem(
        f"the file is not UTF-8 text: byte 0x{raw[start]:02x} cannot be read",
        file=filename,
        line=line,
        column=column,
    )
