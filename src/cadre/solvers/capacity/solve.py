"""The capacity planner's entry point: least unmet demand, then fewest instructor-months and
least turbulence, then the scenario's handover targets, solved in stages (stages.py), by
independent parts when the mission has them (decompose.py); handover read from the plan.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping

import numpy as np

from cadre.domain.capacity.handover import read_handovers, with_floor
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem
from cadre.domain.planning import Progress, SolveResult, SolveStatus
from cadre.solvers.capacity import phases
from cadre.solvers.capacity.decompose import solve_by_components
from cadre.solvers.capacity.earliest import earliest_handovers
from cadre.solvers.capacity.extract import extract_plan, plan_result
from cadre.solvers.capacity.model import build_model
from cadre.solvers.capacity.sites import MergedSites, merge_pledges, merge_sites
from cadre.solvers.capacity.stages import (
    Stages,
    Unmet,
    fewest_instructors,
    final_costs,
    first_plan,
    least_unmet,
    toward_targets,
)
from cadre.solvers.capacity.vars import CapacityModel
from cadre.solvers.capacity.whole import whole_runs


def solve_capacity(
    problem: CapacityProblem,
    *,
    seconds: float = 60.0,
    threads: int = 1,
    progress: Progress | None = None,
    handover_by: Mapping[str, int] | None = None,
    whole_runs: bool = False,
    earliest: bool = False,
) -> SolveResult[CapacityPlan]:
    """Plan `problem`; with `handover_by` (discipline → month index), those handovers are
    imposed instead of searched for, and the rest of the plan is made around them. With
    `whole_runs`, the continuous plan is made one of whole runs (whole.py) and what that cost
    is on the plan (`rounding`, and a note); its status is then `feasible` unless nothing was
    lost, since the repair proves no optimum. With `earliest`, each discipline's handover
    also carries the earliest month the host could carry it in any plan (earliest.py), in
    what is left of `seconds`: about six more solves a discipline.

    `objective` is the last stage's: foreign instructor-months, plus the small weights on the
    peak and on runs, of the plan shown (None when there is none). `bound` is the same figure
    when that stage proved it best given the handover months before it, else None; when those
    months are not proved earliest (the status then says feasible), no plan with months as
    early needs fewer, so the gap reads 0."""
    started = time.monotonic()
    report = progress or (lambda _what, _done: None)
    deadline = started + seconds

    def part(
        sub: CapacityProblem, left: float, index: int, count: int
    ) -> SolveResult[CapacityPlan]:
        def scaled(what: str, done: float) -> None:
            report(phases.in_part(what, index, count), (index + done) / count)

        # Whole runs take what time they are given (the repair's steps are timed): each part's
        # repair ends within its share of what is left, so the parts after it have theirs;
        # the continuous stages may run on, a part without a plan failing the whole.
        share = time.monotonic() + left / (count - index)
        return _solve_whole(sub, left, threads, scaled, handover_by, whole_runs, share)

    result = solve_by_components(problem, part, deadline)
    if result is None:
        result = _solve_whole(
            problem,
            max(0.01, deadline - time.monotonic()),
            threads,
            report,
            handover_by,
            whole_runs,
        )
    plan = result.solution
    if result.status.usable:
        # Handover is read from the plan as a whole, never claimed by the search for it.
        possible = None
        if earliest:
            left = max(0.01, deadline - time.monotonic())
            possible = earliest_handovers(problem, seconds=left, threads=threads)
        handovers, site_handovers = read_handovers(problem, plan, possible)
        plan = dataclasses.replace(plan, handovers=handovers, site_handovers=site_handovers)
        plan = with_floor(problem, plan)
    return dataclasses.replace(result, solution=plan, seconds=time.monotonic() - started)


def _solve_whole(
    problem: CapacityProblem,
    seconds: float,
    threads: int,
    report: Progress,
    handover_by: Mapping[str, int] | None,
    whole: bool = False,
    whole_until: float | None = None,
) -> SolveResult[CapacityPlan]:
    """The four stages (stages.py) on one model of the whole problem, its sites and pledges
    merged where they are alike, and the plan read back from the last answer that holds.
    Sites are not merged for whole runs: a whole run cannot be split among them by rooms.
    The whole-run repair ends by `whole_until` when given (a part's share of the time)."""
    started = time.monotonic()
    deadline = started + seconds
    report(phases.BUILDING, 0.0)
    merged = merge_sites(problem) if not whole else MergedSites(problem, _alone(problem))
    pledges = merge_pledges(merged.problem)
    model = build_model(pledges.problem)
    stages = Stages(model, model.lp.to_highs(threads=threads), deadline, report)
    imposed = {d: min(max(0, m), model.horizon) for d, m in (handover_by or {}).items()}
    stages.ban_foreign(imposed)

    def answer(
        values: np.ndarray | None,
        unmet: Unmet | None,
        status: SolveStatus,
        proved: bool = False,
    ) -> SolveResult[CapacityPlan]:
        row_duals, col_duals = (unmet.row_duals, unmet.col_duals) if unmet else (None, None)
        plan = extract_plan(
            (merged.members, pledges.members),
            model,
            values,
            row_duals,
            col_duals,
            status,
            tuple(stages.done),
            tuple(stages.notes),
        )
        objective = None if values is None else _final_cost(model, values)
        bound = objective if proved else None
        return plan_result(plan, objective, bound, time.monotonic() - started)

    first = first_plan(stages)
    if first is None:
        stages.notes.append("no plan found")
        return answer(None, None, SolveStatus.STOPPED)
    unmet = least_unmet(stages, first)
    if unmet is None:
        return answer(first, None, SolveStatus.FEASIBLE)
    final = fewest_instructors(stages, first, unmet.people)
    proved = stages.done[-1].status == "optimal"  # else stage three stopped: the first plan
    cost = _final_cost(model, final)
    targets = {d: m for d, m in problem.handover_by if d not in imposed}
    if targets and proved:
        final = toward_targets(stages, final, unmet.people, targets)
    rounding = None
    if whole:
        if whole_until is not None:
            stages.deadline = min(stages.deadline, whole_until)
        final, rounding = whole_runs(stages, final)
        if rounding.unmet > 0 or rounding.instructor_months > 1e-6:
            stages.notes.append(rounding.sentence())
    status = SolveStatus.OPTIMAL if not stages.notes else SolveStatus.FEASIBLE
    plan = answer(final, unmet, status, proved)
    plan = dataclasses.replace(plan, solution=dataclasses.replace(plan.solution, rounding=rounding))
    if rounding is not None:
        cost = _final_cost(model, final)  # of the plan shown; the continuous one bounds it
        return dataclasses.replace(plan, objective=cost, bound=None)
    return dataclasses.replace(plan, objective=cost, bound=cost if proved else None)


def _alone(problem: CapacityProblem) -> dict[str, tuple[tuple[str, float], ...]]:
    return {s.code: ((s.code, 1.0),) for s in problem.sites}


def _final_cost(model: CapacityModel, values: np.ndarray) -> float:
    return float(sum(values[col] * cost for col, cost in final_costs(model).items()))
