"""ITC-2007 track 3 use cases: solve an instance file into a solution file, check a solution.

Both report the figures of the independent checker, not the engine's own count, so that what a
user reads is what the competition's validator would say.
"""

from __future__ import annotations

import pathlib
import tempfile
import time
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
from cadre.solvers.itc2007 import compile_core, solve_itc2007


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
    written: pathlib.Path  # where the solution is: the file asked for, or a kept copy
    not_written: str | None = None  # why the file asked for could not be written


def _check(problem: TimetableProblem, timetable: Timetable) -> CheckOutcome:
    return CheckOutcome(
        problem.name,
        tuple(check_itc2007(problem, timetable)),
        itc2007_cost(problem, timetable),
    )


# What the search leaves for checking and writing the timetable when it must finish by a time.
_AFTER_SEARCH = 0.1
# The least search a solve gets even when the time is already spent, so that it answers.
_LEAST_SEARCH = 0.5


def prepare_engine() -> float:
    """Compile the engine's core into numba's cache now (once per installation, tens of
    seconds; later a second to load); the seconds it took."""
    return compile_core()


def solve_file(
    instance: pathlib.Path,
    out: pathlib.Path,
    seconds: float,
    seed: int = 0,
    workers: int = 2,
    finish_by: float | None = None,
) -> SolveOutcome:
    """Solve the .ctt instance within `seconds` and write the best timetable found to `out`.

    With `finish_by` (a `time.monotonic()` instant), the search gets what is left until then
    once the compiled core is loaded, so that the whole solve, its start included, ends then.
    """
    require_within(seconds=seconds, seed=seed, workers=workers)
    problem = read_instance(instance)
    if finish_by is not None:
        compile_core()
        seconds = min(seconds, max(_LEAST_SEARCH, finish_by - time.monotonic() - _AFTER_SEARCH))
    result = solve_itc2007(problem, seconds, seed=seed, workers=workers)
    checked = _check(problem, result.solution)
    try:
        write_solution(out, problem, result.solution)
    except OSError as error:  # the search is not lost: the solution goes where it can
        with tempfile.NamedTemporaryFile(
            "w", prefix=f"{instance.stem}-", suffix=".sol", delete=False
        ) as kept:
            kept_path = pathlib.Path(kept.name)
        write_solution(kept_path, problem, result.solution)
        return SolveOutcome(result, checked, kept_path, error.strerror or str(error))
    return SolveOutcome(result, checked, out)


def check_files(instance: pathlib.Path, solution: pathlib.Path) -> CheckOutcome:
    """The hard violations and the UD2 cost of a solution file for an instance file."""
    problem = read_instance(instance)
    return _check(problem, read_solution(solution, problem))
