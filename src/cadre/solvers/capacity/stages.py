"""The stages of the lexicographic solve, one function each, on one HiGHS instance.

1. A first plan weighing people far above instructor-months, by the interior-point method
   (much faster than simplex on this degenerate model); its basis starts what follows.
2. The least unmet demand on its own (a re-solve from that basis); its duals explain shortfalls.
3. The earliest handover month per discipline, by bisection on small sub-models (handover.py),
   or the months imposed by the caller.
4. With those months as bans and the unmet demand held, the fewest foreign instructor-months,
   and among equals the lowest peak per qualification.

A stage that stops before its proof says so in a note; the caller then shows the first plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

import highspy
import numpy as np

from cadre.domain.capacity.plan import Stage
from cadre.domain.planning import Progress
from cadre.solvers.capacity.handover import ban, earliest_handovers, foreign_columns, held
from cadre.solvers.capacity.lp import INF, set_costs
from cadre.solvers.capacity.vars import CapacityModel

RUN_COST = 1e-4  # keeps runs nobody needs out of the plan without trading against people
PEAK_WEIGHT = 1e-2  # among plans with equally few instructor-months, the flattest
UNMET_WEIGHT = 1e3  # a first guess only: stage two then minimises unmet demand alone


@dataclass
class Stages:
    """What the stages share: the model, its HiGHS instance, the deadline, the follower, the
    stages run so far and the notes for the planner."""

    model: CapacityModel
    highs: highspy.Highs
    deadline: float
    report: Progress
    done: list[Stage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def run(self, name: str, solver: str) -> str:
        """Solve with `solver` ("ipm" or "simplex"); the status HiGHS ends with."""
        self.highs.setOptionValue("solver", solver)
        status = _run(self.highs, self.deadline, name, self.done)
        if status not in ("optimal", "infeasible", "time limit"):
            # Either method now and then ends without a verdict on a large model (the
            # interior-point crossover, or the simplex on numerical trouble); the other one,
            # started afresh, settles it.
            other = "simplex" if solver == "ipm" else "ipm"
            self.highs.setOptionValue("solver", other)
            if other == "ipm":
                self.highs.clearSolver()
            status = _run(self.highs, self.deadline, f"{name}, settled by {other}", self.done)
        return status

    def ban_foreign(self, handovers: dict[str, int]) -> None:
        """No foreign-led work in a discipline from its handover month on."""
        for discipline, month in handovers.items():
            ban(self.highs, foreign_columns(self.model, discipline), month)


class Unmet(NamedTuple):
    """The least unmet demand, with the duals that explain it (None when nothing is unmet)."""

    people: float
    row_duals: np.ndarray | None
    col_duals: np.ndarray | None


def first_plan(stages: Stages) -> np.ndarray | None:
    """Stage one; None when it stops without a plan."""
    model, highs = stages.model, stages.highs
    stages.report("a first plan", 0.05)
    costs = final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT)
    set_costs(highs, model.lp.columns, costs)
    if stages.run("first plan (people weighed above instructors)", "ipm") != "optimal":
        return None
    return np.asarray(highs.getSolution().col_value)


def least_unmet(stages: Stages, first: np.ndarray) -> Unmet | None:
    """Stage two; None (and a note) when it stops before its proof."""
    model, highs = stages.model, stages.highs
    stages.report("least unmet demand", 0.3)
    if float(sum(first[c] for c in model.shortfall.values())) <= 1e-9:
        # Nothing is unmet, so nothing less can be: stage two is proven without solving,
        # and there is no shortfall for duals to explain.
        stages.done.append(
            Stage("least unmet demand (none in the first plan)", "optimal", 0.0, 0.0)
        )
        return Unmet(0.0, None, None)
    set_costs(highs, model.lp.columns, dict.fromkeys(model.shortfall.values(), 1.0))
    if stages.run("least unmet demand", "simplex") != "optimal":
        stages.notes.append(
            "stopped before the least unmet demand was proven; the first plan is shown"
        )
        return None
    solution = highs.getSolution()
    return Unmet(
        highs.getInfo().objective_function_value,
        np.asarray(solution.row_dual),
        np.asarray(solution.col_dual),
    )


def handover_months(
    stages: Stages, first: np.ndarray, imposed: dict[str, int] | None
) -> tuple[dict[str, int], bool]:
    """Stage three: the handover month per discipline, searched for (`imposed` None) or as
    imposed, and whether the search finished."""
    model = stages.model
    started = time.monotonic()
    if imposed is None:
        handovers, complete, probes = earliest_handovers(
            model,
            first,
            stages.deadline,
            lambda what: stages.report(f"earliest handover: {what}", 0.5),
        )
        stages.done.append(
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
        stages.notes.append(
            "the handover search stopped at the time limit: handovers may be later "
            "than the earliest possible"
        )
    return handovers, complete


def fewest_instructors(
    stages: Stages, first: np.ndarray, unmet: float, handovers: dict[str, int]
) -> tuple[np.ndarray, dict[str, int]]:
    """Stage four: the plan and the handover months it keeps. The first plan when it already
    is the answer, or (with a note) when the stage stops early."""
    model, highs = stages.model, stages.highs
    stages.report("fewest foreign instructor-months", 0.8)
    if _respects(model, first, handovers) and sum(
        first[c] for c in model.shortfall.values()
    ) <= held(unmet):
        # The first plan minimised the same costs over more plans and is among these: it is
        # already the answer of this stage.
        stages.done.append(
            Stage(
                "fewest foreign instructor-months (the first plan)",
                "optimal",
                float(sum(first[c] for c in model.force.values())),
                0.0,
            )
        )
        stages.report("done", 1.0)
        return first, handovers
    stages.ban_foreign(handovers)
    highs.changeRowBounds(model.shortfall_row, -INF, held(unmet))
    set_costs(highs, model.lp.columns, final_costs(model))
    status = stages.run("fewest foreign instructor-months", "ipm")
    if status == "infeasible":
        # The disciplines' months were found one component at a time; sharing rooms, they
        # did not all fit together. Without bans the plan still holds the least unmet demand.
        stages.notes.append(
            "the handover months found separately did not fit together; the months "
            "shown are those of the plan itself"
        )
        handovers = {}
        stages.ban_foreign({d: model.horizon for d, _ in model.problem.disciplines})
        status = stages.run("fewest foreign instructor-months (no bans)", "ipm")
    if status != "optimal":
        stages.notes.append("the last stage stopped early: the first plan is shown")
        return first, handovers
    stages.report("done", 1.0)
    return np.asarray(highs.getSolution().col_value), handovers


def final_costs(model: CapacityModel) -> dict[int, float]:
    """The costs of stage four: instructor-months, then the peak, then runs nobody needs."""
    costs = dict.fromkeys(model.force.values(), 1.0)
    costs.update(dict.fromkeys(model.peak.values(), PEAK_WEIGHT))
    costs.update(dict.fromkeys(model.runs.values(), RUN_COST))
    return costs


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
