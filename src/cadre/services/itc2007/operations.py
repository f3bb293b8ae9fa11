"""ITC-2007 track 3 use cases: solve an instance file into a solution file, check a solution.

Both report the figures of the independent checker, not the engine's own count, so that what a
user reads is what the competition's validator would say.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from cadre.domain.itc2007 import (
    CostBreakdown,
    Itc2007Violation,
    Timetable,
    TimetableProblem,
    check_itc2007,
    hard_violations,
    itc2007_cost,
)
from cadre.domain.limits import require_within
from cadre.domain.planning import SolveResult
from cadre.interchange.itc2007 import read_instance, read_solution, write_solution
from cadre.solvers.itc2007 import solve_itc2007


@dataclass(frozen=True)
class CheckOutcome:
    instance: str
    violations: tuple[Itc2007Violation, ...]
    cost: CostBreakdown

    @property
    def hard_violations(self) -> int:
        return hard_violations(list(self.violations))


@dataclass(frozen=True)
class SolveOutcome:
    result: SolveResult[Timetable]
    check: CheckOutcome
    written: pathlib.Path


def _check(problem: TimetableProblem, timetable: Timetable) -> CheckOutcome:
    return CheckOutcome(
        problem.name,
        tuple(check_itc2007(problem, timetable)),
        itc2007_cost(problem, timetable),
    )


def solve_file(
    instance: pathlib.Path,
    out: pathlib.Path,
    seconds: float,
    seed: int = 0,
    workers: int = 2,
) -> SolveOutcome:
    """Solve the .ctt instance within `seconds` and write the best timetable found to `out`."""
    require_within(seconds=seconds, seed=seed, workers=workers)
    problem = read_instance(instance)
    result = solve_itc2007(problem, seconds, seed=seed, workers=workers)
    write_solution(out, problem, result.solution)
    return SolveOutcome(result, _check(problem, result.solution), out)


def check_files(instance: pathlib.Path, solution: pathlib.Path) -> CheckOutcome:
    """The hard violations and the UD2 cost of a solution file for an instance file."""
    problem = read_instance(instance)
    return _check(problem, read_solution(solution, problem))
