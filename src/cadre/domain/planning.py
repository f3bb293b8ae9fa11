"""The one planning vocabulary of every planner (capacity, force matching, the mission
timetable and its re-plan, the ITC-2007 engine): one status, one result shape, one verb per step.

- `solve_*(problem, ...) -> SolveResult[Solution]`: an engine in `solvers/`.
- `check_*(problem, solution) -> list[...]`: the independent checker, sharing no code with the
  engine; an empty list means the solution keeps every hard rule.
- `explain_*(problem, ...)`: diagnostics a planner can act on (what holds a run, why demand
  is unmet).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

S = TypeVar("S")

Progress = Callable[[str, float], None]  # what a long solve is doing, and the share done


class SolveStatus(StrEnum):
    """How sure a planner is of its answer."""

    OPTIMAL = "optimal"  # proved best under the stated objective
    FEASIBLE = "feasible"  # keeps every hard rule; `gap` says how far from proved best, if known
    INFEASIBLE = "infeasible"  # proved: nothing keeps every hard rule
    STOPPED = "stopped"  # the time limit or a cancel came before an answer that keeps them all
    ERROR = "error"  # the engine failed; the diagnostics say how

    @property
    def usable(self) -> bool:
        """Whether the solution may be acted on (shown as a plan, adopted)."""
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


@dataclass(frozen=True)
class SolveResult(Generic[S]):
    """What every engine answers. `objective` is the engine's own figure of merit (its sense is
    the planner's: fewer instructor-months, more posts filled, lower timetable cost); `bound` a
    proved limit on it, when there is one; `seconds` the wall time spent."""

    status: SolveStatus
    solution: S
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    diagnostics: Mapping[str, float | int | str] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        """The relative distance between objective and bound (0 when proved optimal)."""
        if self.status is SolveStatus.OPTIMAL:
            return 0.0
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound) / max(abs(self.objective), 1e-9)
