"""The earliest month the host could carry each discipline: a reading of the problem, not of
one plan (docs/capacity.md, "The earliest possible handover").

Month m is possible for discipline d when some plan of the same model (the other disciplines
free) has, in every month from m to the horizon's end, foreign-led teaching within the
handover tolerance (counted as domain/capacity/handover.py counts it: the courses host
instructors may lead then), a host cadre of every qualification d's courses need that can lead
one run (its smallest crew), and no demand of d unmet from m's year on (none above UNMET, the
reading's threshold). A later month asks less, so the earliest is found by bisection; each
step changes bounds only and re-solves by the dual simplex from the last basis.

Less attrition only grows the host cadre, which the model uses as a capacity and never bounds
from above, so every plan possible under more attrition stays possible under less: this month
never comes sooner with more attrition. The plan's own handover can (the plan of fewest
instructor-months may train more instructors early when more are lost).
"""

from __future__ import annotations

import time
from collections import defaultdict

import highspy

from cadre.domain.capacity.handover import NOISE, UNMET, crews
from cadre.domain.capacity.problem import CapacityProblem
from cadre.solvers.capacity.decompose import independent_parts, restricted
from cadre.solvers.capacity.lp import INF, set_upper_bounds, time_limit
from cadre.solvers.capacity.model import build_model
from cadre.solvers.capacity.sites import merge_pledges, merge_sites
from cadre.solvers.capacity.vars import CapacityModel


class _Stopped(Exception):
    """The time ran out, or HiGHS ended without a verdict: the month is not known."""


def earliest_handovers(
    problem: CapacityProblem, *, seconds: float = 60.0, threads: int = 1
) -> dict[str, int | None]:
    """Per discipline, the earliest possible handover month (an index), None when no month
    within the horizon is possible. A discipline whose search ran out of time is left out."""
    deadline = time.monotonic() + seconds
    found: dict[str, int | None] = {}
    for courses in _groups(problem):
        sub = problem if len(courses) == len(problem.courses) else restricted(problem, courses)
        model = build_model(merge_pledges(merge_sites(sub).problem).problem)
        search = _Search(model, threads, deadline)
        for code, _ in sub.disciplines:
            try:
                found[code] = search.earliest(code)
            except _Stopped:
                continue
    for code, _ in problem.disciplines:
        if not any(c.discipline == code for c in problem.courses):
            found[code] = None  # no course: no host instructor may lead it
    return found


def _groups(problem: CapacityProblem) -> list[set[str]]:
    """The independent parts (decompose.py), joined where a discipline spans several: its
    foreign share is counted over all its courses at once."""
    parts = independent_parts(problem) if not problem.budgets else []
    if len(parts) < 2:
        return [{c.code for c in problem.courses}] if problem.courses else []
    discipline = {c.code: c.discipline for c in problem.courses}
    groups: list[set[str]] = []
    for part in parts:
        mine = {discipline[c] for c in part}
        joined = [g for g in groups if mine & {discipline[c] for c in g}]
        merged = set(part).union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


class _Search:
    """One HiGHS instance per group of courses; each discipline's conditions are bounds on it,
    imposed from a month on and lifted again."""

    def __init__(self, model: CapacityModel, threads: int, deadline: float) -> None:
        self.model, self.deadline = model, deadline
        self.rows = _share_rows(model)
        self.highs = model.lp.to_highs(threads=threads)  # no costs: feasibility alone
        self.highs.setOptionValue("solver", "ipm")  # the first solve: fast, and its basis

    def earliest(self, discipline: str) -> int | None:
        model, p = self.model, self.model.problem
        last = model.horizon - p.handover_sustained
        needed = crews(p, tuple(c for c in p.courses if c.discipline == discipline))
        if last < 0 or not needed or any(q not in p.cadre_qualifications for q in needed):
            return None
        try:
            if not self.possible(discipline, needed, last):
                return None
            lo, hi = -1, last  # lo is not possible (or before the start), hi is
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if self.possible(discipline, needed, mid):
                    hi = mid
                else:
                    lo = mid
            return hi
        finally:
            self.impose(discipline, needed, model.horizon)  # lifted for the next discipline

    def possible(self, discipline: str, needed: dict[str, int], month: int) -> bool:
        self.impose(discipline, needed, month)
        status = self.run()
        if status not in ("optimal", "infeasible"):
            # Either method now and then ends without a verdict; the other, afresh, settles it.
            self.highs.clearSolver()
            self.highs.setOptionValue("solver", "ipm")
            status = self.run()
        if status not in ("optimal", "infeasible"):
            raise _Stopped(status)
        return status == "optimal"

    def impose(self, discipline: str, needed: dict[str, int], month: int) -> None:
        """The discipline's conditions from `month` on (none with the horizon's end)."""
        model, lp, h = self.model, self.model.lp, self.highs
        p = model.problem
        rows = [(t, row) for (d, t), row in self.rows.items() if d == discipline]
        for t, row in rows:
            h.changeRowBounds(row, -INF, 0.0 if t >= month else INF)
        cadre = [
            (model.cadre[q, t], crew if t >= month else 0.0)
            for q, crew in needed.items()
            for t in range(model.horizon)
        ]
        set_upper_bounds(
            h,
            [col for col, _ in cadre],
            [max(lp.lower[col], crew - NOISE) for col, crew in cadre],
            [lp.upper[col] for col, _ in cadre],
        )
        year = p.months[month].year if month < model.horizon else None
        shortfall = [
            (col, i) for i, col in model.shortfall.items() if _discipline(model, i) == discipline
        ]
        set_upper_bounds(
            h,
            [col for col, _ in shortfall],
            [lp.lower[col] for col, _ in shortfall],
            [
                min(lp.upper[col], UNMET)
                if year is not None and p.demands[i].year >= year
                else lp.upper[col]
                for col, i in shortfall
            ],
        )

    def run(self) -> str:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _Stopped("time limit")
        time_limit(self.highs, left)
        self.highs.run()
        self.highs.setOptionValue("solver", "simplex")  # from the last basis: bounds changed only
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status == highspy.HighsModelStatus.kInfeasible:
            return "infeasible"
        return self.highs.modelStatusToString(status).lower()


def _discipline(model: CapacityModel, demand: int) -> str:
    courses = model.problem.demands[demand].courses
    return model.courses[courses[0]].discipline if courses else ""


def _share_rows(model: CapacityModel) -> dict[tuple[str, int], int]:
    """Per discipline and month, a row that foreign-led teaching is within the tolerance of all
    teaching under way then, of the courses host instructors may lead by then; free (no
    bounds) until a search imposes it. Added to the model's programme before HiGHS gets it."""
    tol, horizon = model.problem.handover_tolerance, model.horizon
    terms: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for (code, t, _, mode), col in model.runs.items():
        c = model.courses[code]
        weight = (1.0 - tol) if mode.foreign_led else -tol
        for k, share in enumerate(c.occupancy):
            if c.host_from <= t + k < horizon:
                terms[c.discipline, t + k].append((col, weight * share * c.instructors))
    return {
        key: model.lp.row(row, -INF, INF, ("handover share", key)) for key, row in terms.items()
    }
