"""Solving a mission as independent parts when it is made of them.

Courses tied by prerequisites or shared instructors form components (handover.components);
components that can use the same site share its rooms and are joined too. What remains are
parts that share nothing (without a budget, which ties everything): each stage's objective is
a sum over the parts, so the plans of the parts, each optimal, together are the optimal plan of
the whole. The simplex and interior-point work grows much faster than the size of a model, so
many small models are far cheaper than one large one.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable

from cadre.domain.capacity.plan import CapacityPlan, DemandOutcome, RoundingLoss, Stage
from cadre.domain.capacity.problem import CapacityProblem
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.solvers.capacity.extract import plan_result
from cadre.solvers.capacity.handover import components

# part, seconds, index, count
Solve = Callable[[CapacityProblem, float, int, int], SolveResult[CapacityPlan]]


def solve_by_components(
    problem: CapacityProblem, solve: Solve, deadline: float
) -> SolveResult[CapacityPlan] | None:
    """The plan of the whole from plans of its parts, or None when it has only one part (or a
    part stopped without a plan). Objective and bound are the sums of the parts'."""
    parts = independent_parts(problem)
    if problem.budgets or len(parts) < 2:
        return None
    results = []
    for index, part in enumerate(parts):
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        results.append(solve(restricted(problem, part), left, index, len(parts)))
    if any(r.status is SolveStatus.STOPPED for r in results):
        return None
    plan = _union(problem, [r.solution for r in results], len(parts))
    bounds = [r.bound for r in results]
    return plan_result(
        plan,
        sum(r.objective or 0.0 for r in results),
        None if None in bounds else sum(b or 0.0 for b in bounds),
        sum(r.seconds for r in results),
        len(parts),
    )


def independent_parts(problem: CapacityProblem) -> list[set[str]]:
    """Components of courses, joined when they may use a site or a pledge in common."""
    groups = components(problem)
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sites_of = {c.code: {s for s, _ in c.sites} for c in problem.courses}
    # A pledge that may teach a lower rung too shares its people between the courses of both.
    taught_with = {c.code: c.instructor_qualification for c in problem.courses}
    pledges_of = {
        c: {f"pledge {s.pledge}" for s in problem.supplies if s.fills(q)}
        for c, q in taught_with.items()
    }
    first_user: dict[str, int] = {}
    for i, group in enumerate(groups):
        for shared in set().union(*(sites_of[c] | pledges_of[c] for c in group)):
            if shared in first_user:
                parent[root(i)] = root(first_user[shared])
            else:
                first_user[shared] = i
    parts: dict[int, set[str]] = defaultdict(set)
    for i, group in enumerate(groups):
        parts[root(i)] |= group
    return sorted(parts.values(), key=min)


def restricted(p: CapacityProblem, courses: set[str]) -> CapacityProblem:
    kept = tuple(c for c in p.courses if c.code in courses)
    qualifications = {c.instructor_qualification for c in kept} | {
        c.grants for c in kept if c.grants
    }
    return dataclasses.replace(
        p,
        courses=kept,
        demands=tuple(d for d in p.demands if d.courses and set(d.courses) <= courses),
        supplies=tuple(s for s in p.supplies if any(s.fills(q) for q in qualifications)),
        seats=tuple(s for s in p.seats if s.course in courses),
        cadre_qualifications=tuple(q for q in p.cadre_qualifications if q in qualifications),
        disciplines=tuple(d for d in p.disciplines if any(c.discipline == d[0] for c in kept)),
        initial_graduates=tuple(g for g in p.initial_graduates if g[0] in courses),
    )


def _union(problem: CapacityProblem, plans: list[CapacityPlan], parts: int) -> CapacityPlan:
    runs = tuple(r for p in plans for r in p.runs)
    optimal = all(p.status is SolveStatus.OPTIMAL for p in plans)
    status = SolveStatus.OPTIMAL if optimal else SolveStatus.FEASIBLE
    return CapacityPlan(
        status=status,
        mode=problem.mode,
        months=problem.months,
        runs=runs,
        trainees={k: v for p in plans for k, v in p.trainees.items()},
        abroad={k: v for p in plans for k, v in p.abroad.items()},
        foreign={k: v for p in plans for k, v in p.foreign.items()},
        foreign_mentoring={k: v for p in plans for k, v in p.foreign_mentoring.items()},
        host_mentoring={k: v for p in plans for k, v in p.host_mentoring.items()},
        host_cadre={k: v for p in plans for k, v in p.host_cadre.items()},
        outcomes=_outcomes(problem, plans),
        handovers=(),  # read from the whole plan by the caller
        site_handovers=(),
        marginal_values={k: v for p in plans for k, v in p.marginal_values.items()},
        assignments=tuple(a for p in plans for a in p.assignments),
        stages=_stages(plans, parts),
        variables=sum(p.variables for p in plans),
        constraints=sum(p.constraints for p in plans),
        notes=(
            f"planned as {parts} independent parts, which share no instructors and no rooms",
            *(n for p in plans for n in p.notes),
        ),
        rounding=_rounding(plans),
    )


def _rounding(plans: list[CapacityPlan]) -> RoundingLoss | None:
    """The parts' losses summed, as their bounds are; None when a part kept continuous runs."""
    losses = [p.rounding for p in plans]
    if any(r is None for r in losses):
        return None
    kept = [r for r in losses if r is not None]
    gaps = [r.gap for r in kept]
    return RoundingLoss(
        sum(r.unmet for r in kept),
        sum(r.instructor_months for r in kept),
        sum(r.bound_unmet for r in kept),
        sum(r.bound_instructor_months for r in kept),
        sum(r.solves for r in kept),
        None if None in gaps else max((g or 0.0 for g in gaps), default=0.0),
        sum(r.objective for r in kept),
        sum(r.bound_objective for r in kept),
    )


def _outcomes(problem: CapacityProblem, plans: list[CapacityPlan]) -> tuple[DemandOutcome, ...]:
    found = {o.key: o for p in plans for o in p.outcomes}
    outcomes = []
    for d in problem.demands:
        o = found.get(d.key)
        outcomes.append(
            o
            if o is not None
            else DemandOutcome(
                d.target,
                d.year,
                d.trained,
                0.0,
                float(d.trained),
                "",
                f"no course in the catalogue grants {d.target}",
                d.period,
                d.intake,
            )
        )
    return tuple(outcomes)


def _stages(plans: list[CapacityPlan], parts: int) -> tuple[Stage, ...]:
    totals: dict[str, list[float]] = {}
    statuses: dict[str, set[str]] = defaultdict(set)
    for p in plans:
        for s in p.stages:
            name = s.name.split(" (")[0]
            objective, seconds = totals.get(name, [0.0, 0.0])
            totals[name] = [objective + s.objective, seconds + s.seconds]
            statuses[name].add(s.status)
    return tuple(
        Stage(
            f"{name} ({parts} parts)",
            "optimal" if statuses[name] == {"optimal"} else ", ".join(sorted(statuses[name])),
            objective,
            seconds,
        )
        for name, (objective, seconds) in totals.items()
    )
