"""Planning figures changed for one run (`{"attrition": "0.03"}`): named, read and bounded in
one place, when a job is submitted and again when it runs, so a figure no plan can use (NaN,
infinity, a billion) is refused at once with its name rather than failing the job later."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.scenario import HandoverTarget, PlanningParameters
from cadre.interchange.schema import PlanningShape

ALIASES = {"attrition": "attrition_per_month", "lag": "certification_lag_months"}

_HINTS = typing.get_type_hints(PlanningParameters)
FIGURES = sorted(
    f.name
    for f in dataclasses.fields(PlanningParameters)
    if _HINTS[f.name] in (int, float, int | None)
)
# Figures that are not numbers, each read from its text: handover_by=CIED:2020-06,MED:2021-01
# (a month or a day per discipline), host_masters_from=2020-01-01, mission_ends_at_handover=true.
WORDED = ("handover_by", "host_masters_from", "mission_ends_at_handover")
# Each figure's bounds are the scenario file's own (interchange/fields.py).
_SHAPES: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(
        Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation  # type: ignore[arg-type]
    )
    for name, info in PlanningShape.model_fields.items()
    if name in FIGURES
}


def read_overrides(overrides: Mapping[str, str]) -> dict[str, Any]:
    """The figures by their field names, read as numbers; InvalidInput naming each bad one."""
    changes: dict[str, Any] = {}
    problems = []
    for key, text in overrides.items():
        name = ALIASES.get(key, key)
        if name in WORDED:
            try:
                changes[name] = _worded(name, text)
            except ValueError:
                problems.append(_problem(key, text, ValueError(text)))
            continue
        if name not in FIGURES:
            figures = ", ".join(FIGURES + list(WORDED) + sorted(ALIASES))
            problems.append(
                Problem(
                    f"{key}: not a planning figure; one of {figures}",
                    field=key,
                    code="planning.unknown_figure",
                    params={"figure": key, "figures": figures},
                )
            )
            continue
        try:
            value = float(text) if _HINTS[name] is float else int(text)
            changes[name] = _SHAPES[name].validate_python(value)
        except ValueError as err:  # ValidationError is a ValueError too
            problems.append(_problem(key, text, err))
    if problems:
        raise InvalidInput(problems)
    return changes


def _day(text: str) -> dt.date:
    """A day, or a month (YYYY-MM) read as its first day."""
    text = text.strip()
    return dt.date.fromisoformat(text + "-01" if len(text) == 7 else text)


def _worded(name: str, text: str) -> object:
    if name == "mission_ends_at_handover":
        if text.strip().lower() not in ("true", "false", "yes", "no", "1", "0"):
            raise ValueError(text)
        return text.strip().lower() in ("true", "yes", "1")
    if name == "host_masters_from":
        return None if text.strip().lower() in ("", "none", "never") else _day(text)
    targets = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        discipline, _, by = item.partition(":")
        if not discipline or not by:
            raise ValueError(item)
        targets.append(HandoverTarget(discipline.strip(), _day(by)))
    return tuple(targets)


def _problem(key: str, text: str, err: ValueError) -> Problem:
    if not isinstance(err, ValidationError) or err.errors()[0]["type"] == "finite_number":
        return Problem(
            f"{key}={text}: not a number",
            field=key,
            code="planning.not_a_number",
            params={"figure": key, "value": text},
        )
    bound = err.errors()[0].get("ctx", {})
    limit = bound.get("le", bound.get("ge"))
    return Problem(
        f"{key}={text}: out of range (the limit is {limit})",
        field=key,
        code="planning.figure_out_of_range",
        params={"figure": key, "value": text, "limit": str(limit)},
    )
