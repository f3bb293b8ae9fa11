"""The columns of foreign work per discipline, and bans on them from a month on.

The solver no longer searches for the earliest handover: handover is read from the plan
(domain/capacity/handover.py); the earliest *possible* month, in any plan, is a separate
search made when asked (earliest.py). These serve the months a caller imposes and the scenario's
handover targets (stages.py); `components` groups courses for decompose.py.
"""

from __future__ import annotations

from collections import defaultdict

import highspy

from cadre.domain.capacity.problem import CapacityProblem
from cadre.solvers.capacity.lp import INF, set_upper_bounds
from cadre.solvers.capacity.vars import CapacityModel


def held(unmet: float) -> float:
    """Stage one's unmet demand with room for the solver's rounding, and no more."""
    return unmet * (1 + 1e-8) + 1e-6


def components(problem: CapacityProblem) -> list[set[str]]:
    """Groups of courses tied by prerequisites or by the instructors they share."""
    parent = {c.code: c.code for c in problem.courses}

    def root(code: str) -> str:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_qualification: dict[str, str] = {}
    for c in problem.courses:
        for pre in c.prerequisites:
            join(c.code, pre)
        for q in (c.instructor_qualification, c.grants):
            if q is not None:
                if q in by_qualification:
                    join(c.code, by_qualification[q])
                by_qualification[q] = c.code
    groups: dict[str, set[str]] = defaultdict(set)
    for c in problem.courses:
        groups[root(c.code)].add(c.code)
    return list(groups.values())


def foreign_columns(model: CapacityModel, discipline: str) -> list[tuple[int, int]]:
    """Columns of foreign work in a discipline, with the last month each one occupies."""
    columns = []
    qualifications = set()
    for (code, t, _, mode), col in model.runs.items():
        course = model.courses[code]
        if course.discipline == discipline:
            qualifications.add(course.instructor_qualification)
            if mode.foreign_led:
                columns.append((col, t + course.months - 1))
    columns.extend(
        (col, t) for (q, t), col in model.foreign_mentoring.items() if q in qualifications
    )
    return columns


def ban(highs: highspy.Highs, columns: list[tuple[int, int]], month: int) -> None:
    """No foreign work from `month` on; before it, no limit."""
    set_upper_bounds(
        highs,
        [col for col, _ in columns],
        [0.0] * len(columns),
        [0.0 if last >= month else INF for _, last in columns],
    )
