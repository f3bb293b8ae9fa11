"""Earliest handover per discipline, by bisection on small sub-models.

Disciplines interact only through what they share: rooms, budgets and prerequisite chains.
Courses linked by prerequisites or instructor qualifications form a component; each component
gets its own small model, with the rooms the first plan left to it, and its disciplines are
bisected there: banning foreign work from month h on either keeps the component's least unmet
demand or does not, and that is monotone in h. The full model then confirms the months jointly.
Small models solve in a fraction of the time of the whole (the simplex work grows much faster
than the size), which is what makes bisection affordable.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable

import highspy
import numpy as np

from cadre.domain.capacity.problem import CapacityProblem, CourseSpec
from cadre.solvers.capacity.lp import INF, set_costs, set_upper_bounds
from cadre.solvers.capacity.model import build_model
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


def sub_problem(full: CapacityModel, first: np.ndarray, courses: set[str]) -> CapacityProblem:
    """The part of the problem about `courses`, with the rooms other courses used left out."""
    p = full.problem
    used: dict[tuple[str, int], float] = defaultdict(float)
    for (code, t, site, _), col in full.runs.items():
        if code not in courses:
            for k, share in enumerate(full.courses[code].occupancy):
                used[site, t + k] += share * float(first[col])
    sites = tuple(
        dataclasses.replace(
            s,
            availability=tuple(
                max(0.0, (s.rooms * a - used[s.code, t]) / s.rooms) if s.rooms else 0.0
                for t, a in enumerate(s.availability)
            ),
        )
        for s in p.sites
    )
    kept: tuple[CourseSpec, ...] = tuple(c for c in p.courses if c.code in courses)
    qualifications = {c.instructor_qualification for c in kept} | {
        c.grants for c in kept if c.grants
    }
    return dataclasses.replace(
        p,
        courses=kept,
        sites=sites,
        demands=tuple(d for d in p.demands if d.courses and set(d.courses) <= courses),
        supplies=tuple(s for s in p.supplies if any(s.fills(q) for q in qualifications)),
        seats=tuple(s for s in p.seats if s.course in courses),
        cadre_qualifications=tuple(q for q in p.cadre_qualifications if q in qualifications),
        disciplines=tuple(d for d in p.disciplines if any(c.discipline == d[0] for c in kept)),
        budgets=(),  # the joint check below holds the budgets
    )


def earliest_handovers(
    full: CapacityModel,
    first: np.ndarray,
    deadline: float,
    report: Callable[[str], None],
) -> tuple[dict[str, int], bool, int]:
    """Handover month index per discipline, whether the search finished, and probes made."""
    horizon = full.horizon
    found: dict[str, int] = {}
    probes = 0
    complete = True
    for group in components(full.problem):
        model = build_model(sub_problem(full, first, group))
        highs = model.lp.to_highs()
        set_costs(highs, model.lp.columns, dict.fromkeys(model.shortfall.values(), 1.0))
        highs.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            complete = False
            continue
        allowed = held(highs.getInfo().objective_function_value)
        start = np.asarray(highs.getSolution().col_value)
        for discipline, _ in model.problem.disciplines:
            report(discipline)
            columns = foreign_columns(model, discipline)
            active = [last for col, last in columns if start[col] > 1e-7]
            low, high = 0, min(horizon, max(active, default=-1) + 1)
            while low < high:
                if time.monotonic() >= deadline:
                    complete = False
                    break
                middle = (low + high) // 2
                probes += 1
                if _keeps_demand(highs, columns, middle, allowed, deadline):
                    high = middle
                else:
                    low = middle + 1
            found[discipline] = high
            ban(highs, columns, high)
    return found, complete, probes


def _keeps_demand(
    highs: highspy.Highs,
    columns: list[tuple[int, int]],
    month: int,
    allowed: float,
    deadline: float,
) -> bool:
    """Whether banning foreign work from `month` keeps the least unmet demand.

    Each probe starts afresh: after a ban the old basis is far from the new optimum, and a
    fresh solve with presolve was measured many times faster than a warm start here. A probe
    that ends without a proof counts as a no, so a handover is never claimed too early.
    """
    ban(highs, columns, month)
    highs.clearSolver()
    highs.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
    highs.run()
    return (
        highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        and highs.getInfo().objective_function_value <= allowed
    )


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
