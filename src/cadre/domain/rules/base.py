"""What a broken rule looks like, and the outside lists the rules check against."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Violation:
    """A broken rule, with a path into the scenario (collection, index, field, ...)."""

    path: Path
    message: str


@dataclass(frozen=True)
class Registries:
    """Outside lists the rules check against; the edge loads them so the domain does no I/O."""

    nations: frozenset[str]
    time_zones: frozenset[str]


def duplicates(codes: Sequence[str], path: str, kind: str) -> Iterator[Violation]:
    seen: Counter[str] = Counter()
    for index, code in enumerate(codes):
        seen[code] += 1
        if seen[code] == 2:
            yield Violation((path, index, "code"), f"{kind} code {code} is used twice")


def repeated(codes: Sequence[str], path: Path, owner: str, kind: str) -> Iterator[Violation]:
    """A list that names the same thing twice: said once, at the second mention."""
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            yield Violation((*path, index), f"{owner} lists {kind} {code} twice")
        seen.add(code)
