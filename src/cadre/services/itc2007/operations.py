"""ITC-2007 track 3 use cases: solve an instance file into a solution file, check a solution.

Both report the figures of the independent checker, not the engine's own count, so that what a
user reads is what the competition's validator would say.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from cadre.domain.itc2007 import (
    Conflict,
    CostBreakdown,
    Timetable,
    TimetableProblem,
    TimetableResult,
    evaluate_cost,
    find_conflicts,
    hard_violations,
)
from cadre.interchange.itc2007 import read_instance, read_solution, write_solution
from cadre.solvers.itc2007 import solve


@dataclass(frozen=True)
class CheckOutcome:
    instance: str
    conflicts: tuple[Conflict, ...]
    cost: CostBreakdown

    @property
    def hard_violations(self) -> int:
        return hard_violations(list(self.conflicts))


@dataclass(frozen=True)
class SolveOutcome:
    result: TimetableResult
    check: CheckOutcome
    written: pathlib.Path


def _check(problem: TimetableProblem, timetable: Timetable) -> CheckOutcome:
    return CheckOutcome(
        problem.name,
        tuple(find_conflicts(problem, timetable)),
        evaluate_cost(problem, timetable),
    )


def solve_file(
    instance: pathlib.Path,
    out: pathlib.Path,
    seconds: float,
    seed: int = 0,
    workers: int = 2,
) -> SolveOutcome:
    """Solve the .ctt instance within `seconds` and write the best timetable found to `out`."""
    problem = read_instance(instance)
    result = solve(problem, seconds, seed=seed, workers=workers)
    write_solution(out, problem, result.timetable)
    return SolveOutcome(result, _check(problem, result.timetable), out)


def check_files(instance: pathlib.Path, solution: pathlib.Path) -> CheckOutcome:
    """The hard violations and the UD2 cost of a solution file for an instance file."""
    problem = read_instance(instance)
    return _check(problem, read_solution(solution, problem))
