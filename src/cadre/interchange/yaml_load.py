"""YAML read with the position of every node kept, and its errors said with line and column."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


# A scenario writes a list once and names it again with an alias (the sites' holidays); the
# largest real use repeats a few hundred values. An alias bomb (nine levels of nine aliases)
# repeats hundreds of millions, which every later step would walk: refuse it while reading.
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64  # far deeper than any scenario; stops a nested-bracket file exhausting the stack


class _Refused(YAMLError):
    """A well-formed file that is refused before it is built: too many values repeated, an
    alias inside the value it names, or values nested too deep."""

    def __init__(self, reason: str, code: str, mark: Any, **params: int | str) -> None:
        super().__init__(reason)
        self.reason, self.code, self.mark, self.params = reason, code, mark, params


class _Composer(Composer):
    """Counts the values every alias repeats, and stops at the alias that passes the limit."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.repeated = 0
        self.sizes: dict[int, int] = {}
        self.open: set[str] = set()  # anchors whose value is still being read

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if self.loader.max_depth and self.depth >= self.loader.max_depth:
            raise _Refused(
                f"the values are nested more than {self.loader.max_depth} levels deep",
                "yaml.too_deep",
                event.start_mark,
                limit=self.loader.max_depth,
            )
        if not isinstance(event, AliasEvent):
            if event.anchor is None:
                return super().compose_node(parent, index)
            self.open.add(event.anchor)
            node = super().compose_node(parent, index)
            self.open.discard(event.anchor)
            return node
        if event.anchor in self.open:
            raise _Refused(
                f"alias *{event.anchor} is inside the value it names",
                "yaml.alias_recursive",
                event.start_mark,
                alias=event.anchor,
            )
        node = super().compose_node(parent, index)
        size = self._size(node)
        self.repeated += size
        if self.repeated > MAX_ALIAS_EXPANSION:
            raise _Refused(
                f"the aliases repeat more than {MAX_ALIAS_EXPANSION:,} values "
                f"(alias *{event.anchor} alone repeats {size:,}); write the values out",
                "yaml.alias_expansion",
                event.start_mark,
                alias=event.anchor,
                limit=MAX_ALIAS_EXPANSION,
            )
        return node

    def _size(self, node: Node) -> int:
        """How many values the node stands for once every alias in it is written out; each
        node is counted once, so even a bomb is measured in time proportional to its text."""
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            size += sum(self._size(k) + self._size(v) for k, v in node.value)
        self.sizes[id(node)] = size
        return size


def load_yaml(text: str, filename: str) -> Any:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InvalidInput([Problem("the file is empty", file=filename, line=1, column=1)])
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    yaml.max_depth = MAX_DEPTH
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except _Refused as err:
        raise InvalidInput(
            [
                Problem(
                    f"the YAML is refused: {err.reason}",
                    file=filename,
                    line=err.mark.line + 1,
                    column=err.mark.column + 1,
                    code=err.code,
                    params=err.params,
                )
            ]
        ) from None
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
