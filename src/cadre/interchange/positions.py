"""Where in a YAML document a path points: the line and column a user should look at."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cadre.domain.rules import Path


def locate(root: Any, path: Path, *, key: bool = False) -> tuple[int, int] | None:
    """1-based (line, column) of the deepest node on `path` that exists in the document.

    With `key`, point at the last key itself rather than its value (for an unknown field).
    A path that leaves the document (a missing field) stops at the mapping that should hold it.
    """
    node = root
    where: tuple[int, int] | None = _start(root)
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
            where = node.lc.key(step) if key and last else node.lc.value(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            where = node.lc.item(step)
            node = node[step]
        else:
            break
    return None if where is None else (where[0] + 1, where[1] + 1)


def _start(node: Any) -> tuple[int, int] | None:
    if isinstance(node, CommentedMap | CommentedSeq):
        return (node.lc.line, node.lc.col)
    return None


def field_name(path: Sequence[str | int]) -> str:
    """`("courses", 3, "prerequisites", 0)` → `courses[3].prerequisites[0]`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def plain(node: Any) -> Any:
    """The document as built-in types, so that validation sees no YAML library subclasses."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
