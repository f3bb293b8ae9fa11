"""The plan lifecycle: a plan version is a draft until a planner adopts it; adopting one
supersedes the one adopted before. A plan that failed (its solve stopped, erred or proved
nothing usable, the checker found a broken rule, or it is empty) can never be adopted.

Everything downstream (force generation's requirement, the timetable's runs, every page) reads
the adopted plan of its kind, never the newest: a stopped or what-if plan cannot change the
mission's plan behind anyone's back. The rules here are pure: they read a plan's stored status
and summary, so the storage, the use case and the edges all judge a plan the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cadre.domain.errors import Param
from cadre.domain.planning import SolveStatus

KINDS = ("capacity", "timetable", "force")


class PlanState(StrEnum):
    DRAFT = "draft"  # kept, shown, compared; nothing downstream reads it
    ADOPTED = "adopted"  # the mission's plan of its kind: exactly one per mission and kind
    SUPERSEDED = "superseded"  # was adopted; another was adopted after it
    FAILED = "failed"  # stopped, failed, broken or empty: never adopted


@dataclass(frozen=True)
class Refusal:
    """Why a plan may not be adopted (a code for the edges, its values, a sentence)."""

    code: str
    message: str
    params: Mapping[str, Param] = field(default_factory=dict)


def _usable(status: str) -> bool:
    try:
        return SolveStatus(status).usable
    except ValueError:  # a word stored before the one vocabulary, e.g. the matcher's "failed"
        return False


def failure(kind: str, status: str, summary: Mapping[str, Any]) -> Refusal | None:
    """Why a plan can never be adopted, or None when it may be: its solve did not give a usable
    answer, the independent checker found it breaks a rule, or it plans nothing."""
    if not _usable(status):
        return Refusal(
            code="plan.failed_status",
            message=f"its solve ended {status}; a stopped or failed plan is never adopted",
            params={"status": status},
        )
    violations = summary.get("violations") or []
    if violations:
        return Refusal(
            code="plan.breaks_rules",
            message=f"the checker found {len(violations)} broken rule(s) in it",
            params={"violations": len(violations)},
        )
    if kind == "timetable" and int(summary.get("placed") or 0) == 0:
        return Refusal(code="plan.empty", message="it places no run")
    if kind == "capacity" and summary.get("runs") is not None and float(summary["runs"]) <= 0:
        return Refusal(code="plan.empty", message="it plans no run")
    return None


def state_when_kept(kind: str, status: str, summary: Mapping[str, Any]) -> PlanState:
    """The state a new plan version starts in: a draft, or failed for good."""
    return PlanState.FAILED if failure(kind, status, summary) else PlanState.DRAFT


@dataclass(frozen=True)
class Headline:
    """The figures adoption compares and the confirmation shows, read from a plan's summary."""

    figures: tuple[tuple[str, float], ...]  # (name, value), in the order shown

    def get(self, name: str) -> float | None:
        return dict(self.figures).get(name)


HEADLINES: dict[str, tuple[str, ...]] = {
    "capacity": ("peak_deployed", "peak_force", "instructor_months", "unmet", "runs"),
    "timetable": ("runs", "placed", "unplaced", "moved"),
    "force": ("weighted_share", "unrelieved_gaps"),
}


def headline(kind: str, summary: Mapping[str, Any]) -> Headline:
    def number(key: str) -> float:
        value = summary.get(key)
        return float(value) if isinstance(value, int | float) else 0.0

    names = HEADLINES.get(kind, ())
    return Headline(tuple((n, number(n)) for n in names if n in summary))


# The rule by which a plan is worse than the adopted one: (figure, True when more is worse).
WORSE_BY = {
    "capacity": ("unmet", True),
    "timetable": ("placed", False),
    "force": ("weighted_share", False),
}
TOLERANCE = 1e-6


def regression(
    kind: str, candidate: Mapping[str, Any], adopted: Mapping[str, Any]
) -> Refusal | None:
    """Why `candidate` is worse by rule than the adopted plan, or None: more unmet demand (a
    capacity plan), fewer runs placed (a timetable), a lower weighted fill (a force plan)."""
    name, more_is_worse = WORSE_BY[kind]
    before, after = headline(kind, adopted).get(name), headline(kind, candidate).get(name)
    if before is None or after is None:
        return None
    worse = after > before + TOLERANCE if more_is_worse else after < before - TOLERANCE
    if not worse:
        return None
    return Refusal(
        code="plan.worse_than_adopted",
        message=f"{name} would go from {before:g} to {after:g}",
        params={"figure": name, "before": before, "after": after},
    )
