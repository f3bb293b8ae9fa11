"""Judging a one-record edit by the mission's rules without telling the writer about records
it may not see.

The whole edited scenario must pass the same rules as an import, or nothing is stored. What
the writer is told comes in two steps: first the rules run on the scenario as the writer sees
it, and what they find in the written record is said in full (a reference to a record the
writer cannot see reads "not defined", as if it did not exist); then, if the whole scenario
still breaks a rule, each break in a record the writer sees is said in full and any other
only as "a record you may not see".
"""

from __future__ import annotations

import unicodedata
from typing import Any

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.rules import Violation, check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.positions import field_name
from cadre.interchange.record_kinds import KINDS, RecordKind
from cadre.interchange.registries import registries
from cadre.services.access.scope import Scope

HIDDEN = (
    "the change would break a rule on a record you may not see; "
    "ask the mission's planners to look at it"
)


def judge(scope: Scope, edited: Scenario, kind: RecordKind, key: str) -> None:
    """Raise InvalidInput unless `edited` keeps every rule of the mission."""
    seen = scope.projection(edited, keep=(kind.name, key))
    own = [v for v in check_scenario(seen, registries()) if _where(seen, v)[:2] == (kind.name, key)]
    if own:
        raise InvalidInput([Problem(v.message, field=field_name(v.path[2:])) for v in own])
    problems: list[Problem] = []
    for violation in check_scenario(edited, registries()):
        collection, record, rest = _where(edited, violation)
        if record is None:  # the mission, its planning figures or its demand
            problems.append(Problem(violation.message, field=field_name(violation.path)))
        elif (collection, record) == (kind.name, key) or scope.sees(
            collection, record, _nation_of(edited, violation)
        ):
            where = f"{collection}[{record}]" + (f".{field_name(rest)}" if rest else "")
            problems.append(Problem(violation.message, field=where))
        elif all(p.reason != HIDDEN for p in problems):
            problems.append(Problem(HIDDEN))
    if problems:
        raise InvalidInput(problems)


def _where(scenario: Scenario, violation: Violation) -> tuple[str, str | None, tuple[Any, ...]]:
    """(collection, record key, path within the record) of a violation."""
    path = violation.path
    if len(path) >= 2 and path[0] in KINDS and isinstance(path[1], int):
        items = getattr(scenario, str(path[0]))
        if 0 <= path[1] < len(items):
            item = items[path[1]]
            return str(path[0]), str(getattr(item, KINDS[str(path[0])].key)), tuple(path[2:])
    return str(path[0]) if path else "", None, tuple(path[1:])


def _nation_of(scenario: Scenario, violation: Violation) -> dict[str, Any]:
    path = violation.path
    kind = KINDS[str(path[0])]
    if kind.nation is None:
        return {}
    item = getattr(scenario, kind.name)[int(path[1])]
    return {kind.nation: getattr(item, kind.nation)}


def refuse_unstorable_text(value: Any, path: tuple[str | int, ...] = ()) -> None:
    """Text a database cannot hold (NUL, lone surrogates, control characters) is refused at
    once with its field, instead of failing at the database."""
    problems: list[Problem] = []
    _walk(value, path, problems)
    if problems:
        raise InvalidInput(problems)


def _walk(value: Any, path: tuple[str | int, ...], problems: list[Problem]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, (*path, str(k)), problems)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(v, (*path, i), problems)
    elif isinstance(value, str) and any(_unstorable(ch) for ch in value):
        problems.append(
            Problem("holds a control character or an invalid one", field=field_name(path))
        )


def _unstorable(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category == "Cs" or (category == "Cc" and ch not in "\t\n\r")
