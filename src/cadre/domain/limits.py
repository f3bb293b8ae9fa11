"""The documented ranges of every planning input (time limits, seeds, threads, horizons), in one
place: each use case checks them before any work starts, and the job kinds, the API, the web
forms and the command line take their bounds from here, so a time limit of 0, -5 or 0.001 s is
refused everywhere with the field named, never stored.

Why these bounds: below a second no planner answers anything worth keeping (CP-SAT has not
finished presolve on the example); above an hour a job holds a worker that others wait for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cadre.domain.errors import InvalidInput, Problem


@dataclass(frozen=True)
class Limit:
    low: float
    high: float
    unit: str  # as the sentence says it: "seconds", "months", ""
    whole: bool  # a whole number (months, seeds, threads)

    def text(self) -> str:
        def show(x: float) -> str:
            return f"{x:g}" if not self.whole else str(int(x))

        unit = f" {self.unit}" if self.unit else ""
        return f"{show(self.low)} to {show(self.high)}{unit}"


MAX_SECONDS = 3600.0
MIN_SECONDS = 1.0
MAX_SEED = 2**31 - 1

LIMITS: dict[str, Limit] = {
    "seconds": Limit(MIN_SECONDS, MAX_SECONDS, "seconds", whole=False),
    "seed": Limit(0, MAX_SEED, "", whole=True),
    "workers": Limit(1, 64, "threads", whole=True),
    "months": Limit(1, 120, "months", whole=True),
    "horizon_months": Limit(1, 120, "months", whole=True),
}


def out_of_range(values: Mapping[str, object]) -> list[Problem]:
    """A problem for each value outside its documented range (None: the default, not checked;
    names without a limit are left to their own rules)."""
    problems = []
    for name, value in values.items():
        limit = LIMITS.get(name)
        if limit is None or value is None or isinstance(value, bool):
            continue
        if not isinstance(value, int | float):
            continue  # not a number: the caller's parser names that
        ok = math.isfinite(value) and limit.low <= value <= limit.high
        if ok and limit.whole and value != int(value):
            ok = False
        if not ok:
            problems.append(
                Problem(
                    f"{limit.text()}, not {value:g}",
                    field=name,
                    code="planning.out_of_range",
                    params={
                        "field": name,
                        "low": _plain(limit.low),
                        "high": _plain(limit.high),
                        "unit": limit.unit,
                        "value": _plain(float(value)),
                    },
                )
            )
    return problems


def _plain(x: float) -> float | int | str:
    """A bound or value as a reader writes it: 1, not 1.0; NaN and infinities as words, since
    JSON has no number for them."""
    if not math.isfinite(x):
        return str(x)
    return int(x) if x == int(x) else x


def require_within(**values: object) -> None:
    """Refuse, before any work, planning inputs outside their documented ranges."""
    problems = out_of_range(values)
    if problems:
        raise InvalidInput(problems)
