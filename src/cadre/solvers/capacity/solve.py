"""Lexicographic solving: least unmet demand, then earliest handover, then fewest instructors.

1. A first plan weighing people far above instructor-months, by the interior-point method
   (much faster than simplex on this degenerate model); its basis starts what follows.
2. The least unmet demand on its own (a re-solve from that basis); its duals explain shortfalls.
3. The earliest handover month per discipline, by bisection on small sub-models (handover.py).
4. With those months as bans and the unmet demand held, the fewest foreign instructor-months,
   and among equals the lowest peak per qualification.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

import highspy
import numpy as np

from cadre.domain.capacity.plan import CapacityPlan, Stage
from cadre.domain.capacity.problem import CapacityProblem
from cadre.solvers.capacity.decompose import solve_by_components
from cadre.solvers.capacity.extract import extract_plan
from cadre.solvers.capacity.handover import ban, earliest_handovers, foreign_columns, held
from cadre.solvers.capacity.lp import INF, set_costs
from cadre.solvers.capacity.model import CapacityModel, build_model
from cadre.solvers.capacity.sites import merge_pledges, merge_sites

Progress = Callable[[str, float], None]  # what is being done, share of the work done

RUN_COST = 1e-4  # keeps runs nobody needs out of the plan without trading against people
PEAK_WEIGHT = 1e-2  # among plans with equally few instructor-months, the flattest
UNMET_WEIGHT = 1e3  # a first guess only: stage two then minimises unmet demand alone


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
    deadline = time.monotonic() + seconds
    report("building the model", 0.0)
    merged = merge_sites(problem)
    pledges = merge_pledges(merged.problem)
    model = build_model(pledges.problem)
    highs = model.lp.to_highs(threads=threads)
    size = model.lp.columns
    stages: list[Stage] = []
    notes: list[str] = []

    def run(name: str, solver: str) -> str:
        highs.setOptionValue("solver", solver)
        status = _run(highs, deadline, name, stages)
        if status not in ("optimal", "infeasible", "time limit"):
            # Either method now and then ends without a verdict on a large model (the
            # interior-point crossover, or the simplex on numerical trouble); the other one,
            # started afresh, settles it.
            other = "simplex" if solver == "ipm" else "ipm"
            highs.setOptionValue("solver", other)
            if other == "ipm":
                highs.clearSolver()
            status = _run(highs, deadline, f"{name}, settled by {other}", stages)
        return status

    imposed = {d: min(max(0, m), model.horizon) for d, m in (handover_by or {}).items()}
    _apply(model, highs, imposed)

    report("a first plan", 0.05)
    set_costs(
        highs, size, _final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT)
    )
    if run("first plan (people weighed above instructors)", "ipm") != "optimal":
        return extract_plan(
            (merged.members, pledges.members),
            model,
            None,
            None,
            None,
            {},
            "stopped",
            tuple(stages),
            ("no plan found",),
        )
    first = np.asarray(highs.getSolution().col_value)

    report("least unmet demand", 0.3)
    first_unmet = float(sum(first[c] for c in model.shortfall.values()))
    if first_unmet <= 1e-9:
        # Nothing is unmet, so nothing less can be: stage two is proven without solving,
        # and there is no shortfall for duals to explain.
        unmet, row_duals, col_duals = 0.0, None, None
        stages.append(Stage("least unmet demand (none in the first plan)", "optimal", 0.0, 0.0))
    else:
        set_costs(highs, size, dict.fromkeys(model.shortfall.values(), 1.0))
        if run("least unmet demand", "simplex") != "optimal":
            notes.append(
                "stopped before the least unmet demand was proven; the first plan is shown"
            )
            return extract_plan(
                (merged.members, pledges.members),
                model,
                first,
                None,
                None,
                {},
                "feasible",
                tuple(stages),
                tuple(notes),
            )
        solution = highs.getSolution()
        unmet = highs.getInfo().objective_function_value
        row_duals, col_duals = np.asarray(solution.row_dual), np.asarray(solution.col_dual)

    started = time.monotonic()
    if handover_by is None:
        handovers, complete, probes = earliest_handovers(
            model, first, deadline, lambda what: report(f"earliest handover: {what}", 0.5)
        )
        stages.append(
            Stage(
                f"earliest handover ({probes} probes)",
                "optimal" if complete else "time limit",
                float(sum(handovers.values())),
                time.monotonic() - started,
            )
        )
    else:
        handovers, complete = _imposed(model, first, imposed), True
    if not complete:
        notes.append(
            "the handover search stopped at the time limit: handovers may be later "
            "than the earliest possible"
        )

    report("fewest foreign instructor-months", 0.8)
    if _respects(model, first, handovers) and sum(
        first[c] for c in model.shortfall.values()
    ) <= held(unmet):
        # The first plan minimised the same costs over more plans and is among these: it is
        # already the answer of this stage.
        stages.append(
            Stage(
                "fewest foreign instructor-months (the first plan)",
                "optimal",
                float(sum(first[c] for c in model.force.values())),
                0.0,
            )
        )
        report("done", 1.0)
        return extract_plan(
            (merged.members, pledges.members),
            model,
            first,
            row_duals,
            col_duals,
            handovers,
            "optimal" if complete else "feasible",
            tuple(stages),
            tuple(notes),
        )
    _apply(model, highs, handovers)
    highs.changeRowBounds(model.shortfall_row, -INF, held(unmet))
    set_costs(highs, size, _final_costs(model))
    status = run("fewest foreign instructor-months", "ipm")
    if status == "infeasible":
        # The disciplines' months were found one component at a time; sharing rooms, they
        # did not all fit together. Without bans the plan still holds the least unmet demand.
        notes.append(
            "the handover months found separately did not fit together; the months "
            "shown are those of the plan itself"
        )
        handovers = {}
        _apply(model, highs, {d: model.horizon for d, _ in problem.disciplines})
        status = run("fewest foreign instructor-months (no bans)", "ipm")
    if status != "optimal":
        notes.append("the last stage stopped early: the first plan is shown")
        return extract_plan(
            (merged.members, pledges.members),
            model,
            first,
            row_duals,
            col_duals,
            handovers,
            "feasible",
            tuple(stages),
            tuple(notes),
        )
    final = np.asarray(highs.getSolution().col_value)
    report("done", 1.0)
    return extract_plan(
        (merged.members, pledges.members),
        model,
        final,
        row_duals,
        col_duals,
        handovers,
        "optimal" if complete and not notes else "feasible",
        tuple(stages),
        tuple(notes),
    )


def _imposed(model: CapacityModel, first: np.ndarray, imposed: dict[str, int]) -> dict[str, int]:
    """Imposed months where given; elsewhere the month after the plan's last foreign work."""
    found = {}
    for discipline, _ in model.problem.disciplines:
        if discipline in imposed:
            found[discipline] = imposed[discipline]
        else:
            active = [last for col, last in foreign_columns(model, discipline) if first[col] > 1e-7]
            found[discipline] = min(model.horizon, max(active, default=-1) + 1)
    return found


def _respects(model: CapacityModel, values: np.ndarray, handovers: dict[str, int]) -> bool:
    return all(
        values[col] <= 1e-7
        for discipline, month in handovers.items()
        for col, last in foreign_columns(model, discipline)
        if last >= month
    )


def _apply(model: CapacityModel, highs: highspy.Highs, handovers: dict[str, int]) -> None:
    for discipline, month in handovers.items():
        ban(highs, foreign_columns(model, discipline), month)


def _final_costs(model: CapacityModel) -> dict[int, float]:
    costs = dict.fromkeys(model.force.values(), 1.0)
    costs.update(dict.fromkeys(model.peak.values(), PEAK_WEIGHT))
    costs.update(dict.fromkeys(model.runs.values(), RUN_COST))
    return costs


def _run(highs: highspy.Highs, deadline: float, name: str, stages: list[Stage]) -> str:
    started = time.monotonic()
    highs.setOptionValue("time_limit", max(deadline - started, 0.01))
    highs.run()
    model_status = highs.getModelStatus()
    if model_status == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif model_status == highspy.HighsModelStatus.kTimeLimit:
        status = "time limit"
    elif model_status == highspy.HighsModelStatus.kInfeasible:
        status = "infeasible"
    else:
        status = highs.modelStatusToString(model_status).lower()
    objective = highs.getInfo().objective_function_value
    stages.append(Stage(name, status, objective, time.monotonic() - started))
    return status
