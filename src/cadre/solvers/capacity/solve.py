"""The capacity planner's entry point: least unmet demand, then earliest handover, then fewest
instructors, solved in stages (stages.py), by independent parts when the mission has them
(decompose.py).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import numpy as np

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem
from cadre.domain.planning import Progress
from cadre.solvers.capacity.decompose import solve_by_components
from cadre.solvers.capacity.extract import extract_plan
from cadre.solvers.capacity.model import build_model
from cadre.solvers.capacity.sites import merge_pledges, merge_sites
from cadre.solvers.capacity.stages import (
    Stages,
    Unmet,
    fewest_instructors,
    first_plan,
    handover_months,
    least_unmet,
)


def solve_capacity(
    problem: CapacityProblem,
    *,
    seconds: float = 60.0,
    threads: int = 1,
    progress: Progress | None = None,
    handover_by: Mapping[str, int] | None = None,
) -> CapacityPlan:
    """Plan `problem`; with `handover_by` (discipline → month index), those handovers are
    imposed instead of searched for, and the rest of the plan is made around them."""
    report = progress or (lambda _what, _done: None)
    deadline = time.monotonic() + seconds

    def part(sub: CapacityProblem, left: float, index: int, count: int) -> CapacityPlan:
        def scaled(what: str, done: float) -> None:
            report(f"part {index + 1} of {count}: {what}", (index + done) / count)

        return _solve_whole(sub, left, threads, scaled, handover_by)

    plan = solve_by_components(problem, part, deadline)
    if plan is not None:
        return plan
    return _solve_whole(
        problem, max(0.01, deadline - time.monotonic()), threads, report, handover_by
    )


def _solve_whole(
    problem: CapacityProblem,
    seconds: float,
    threads: int,
    report: Progress,
    handover_by: Mapping[str, int] | None,
) -> CapacityPlan:
    """The four stages (stages.py) on one model of the whole problem, its sites and pledges
    merged where they are alike, and the plan read back from the last answer that holds."""
    deadline = time.monotonic() + seconds
    report("building the model", 0.0)
    merged = merge_sites(problem)
    pledges = merge_pledges(merged.problem)
    model = build_model(pledges.problem)
    stages = Stages(model, model.lp.to_highs(threads=threads), deadline, report)
    imposed = {d: min(max(0, m), model.horizon) for d, m in (handover_by or {}).items()}
    stages.ban_foreign(imposed)

    def plan(
        values: np.ndarray | None, unmet: Unmet | None, handovers: dict[str, int], status: str
    ) -> CapacityPlan:
        row_duals, col_duals = (unmet.row_duals, unmet.col_duals) if unmet else (None, None)
        members = (merged.members, pledges.members)
        return extract_plan(
            members,
            model,
            values,
            row_duals,
            col_duals,
            handovers,
            status,
            tuple(stages.done),
            tuple(stages.notes),
        )

    first = first_plan(stages)
    if first is None:
        stages.notes.append("no plan found")
        return plan(None, None, {}, "stopped")
    unmet = least_unmet(stages, first)
    if unmet is None:
        return plan(first, None, {}, "feasible")
    handovers, complete = handover_months(
        stages, first, imposed if handover_by is not None else None
    )
    final, handovers = fewest_instructors(stages, first, unmet.people, handovers)
    return plan(final, unmet, handovers, "optimal" if complete and not stages.notes else "feasible")
