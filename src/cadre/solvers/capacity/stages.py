"""The stages of the lexicographic solve, one function each, on one HiGHS instance.

1. A first plan weighing people far above instructor-months, by the interior-point method
   (much faster than simplex on this degenerate model); its basis starts what follows.
2. The least unmet demand on its own (a re-solve from that basis); its duals explain shortfalls.
3. With the unmet demand held, the fewest foreign instructor-months and the least turbulence
   (month-to-month change of each discipline's foreign force), and among equals the lowest
   peak per qualification. Months a caller imposes are bans from the start.
4. The scenario's handover targets: the least foreign-led teaching from each target month on,
   with stage three's cost held within a small slack.

Handover is not a stage: it is read from the plan (domain/capacity/handover.py).

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
from cadre.solvers.capacity import phases
from cadre.solvers.capacity.handover import ban, foreign_columns, held
from cadre.solvers.capacity.lp import INF, set_costs, time_limit
from cadre.solvers.capacity.vars import CapacityModel

RUN_COST = 1e-4  # keeps runs nobody needs out of the plan without trading against people
PEAK_WEIGHT = 1e-2  # among plans with equally few instructor-months, the flattest
UNMET_WEIGHT = 1e3  # a first guess only: stage two then minimises unmet demand alone
# Instructor-months charged per person the foreign force of a discipline gains or loses in a
# month: a quarter of the shortest tour (4 months), so a one-month post costs two more months.
TURBULENCE = 1.0
FOREIGN_LED_WEIGHT = 1e-3  # per instructor-month of foreign-led teaching: host-led when equal
# People the first plan may leave unmet beyond stage two's least and still be stage three's
# answer: below what a plan reports (whole people), and it spares a large re-solve where the
# first plan traded a twentieth of a person for instructor-months and turbulence.
PEOPLE_SLACK = 0.1
TARGET_SLACK = 1e-3  # share of stage three's cost the handover targets may add


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
    stages.report(phases.FIRST, 0.05)
    costs = final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT)
    set_costs(highs, model.lp.columns, costs)
    if stages.run("first plan (people weighed above instructors)", "ipm") != "optimal":
        return None
    return np.asarray(highs.getSolution().col_value)


def least_unmet(stages: Stages, first: np.ndarray) -> Unmet | None:
    """Stage two; None (and a note) when it stops before its proof."""
    model, highs = stages.model, stages.highs
    stages.report(phases.UNMET, 0.3)
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


def fewest_instructors(stages: Stages, first: np.ndarray, unmet: float) -> np.ndarray:
    """Stage three: with the least unmet demand held, the fewest foreign instructor-months
    and the least turbulence. The first plan when it already is the answer, or (with a note)
    when the stage stops early."""
    model, highs = stages.model, stages.highs
    stages.report(phases.MONTHS, 0.6)
    more = float(sum(first[c] for c in model.shortfall.values())) - unmet
    if more <= held(unmet) - unmet or more <= PEOPLE_SLACK:
        # The first plan minimised the same costs over more plans and is among these (or
        # leaves less than PEOPLE_SLACK more unmet in all): it is the answer of this stage.
        within = "" if more <= held(unmet) - unmet else f", {more:.3f} more unmet"
        stages.done.append(
            Stage(
                f"fewest foreign instructor-months (the first plan{within})",
                "optimal",
                _cost(model, first),
                0.0,
            )
        )
        return first
    highs.changeRowBounds(model.shortfall_row, -INF, held(unmet))
    set_costs(highs, model.lp.columns, final_costs(model))
    if stages.run("fewest foreign instructor-months", "ipm") != "optimal":
        stages.notes.append("the last stage stopped early: the first plan is shown")
        return first
    return np.asarray(highs.getSolution().col_value)


def toward_targets(
    stages: Stages, values: np.ndarray, unmet: float, targets: dict[str, int]
) -> np.ndarray:
    """Stage four: the scenario's handover targets, last in the order. With the unmet demand
    and (within TARGET_SLACK) the instructor-months and turbulence held, the least foreign-led
    teaching from each discipline's target month on. Its notes say when it could not help."""
    model, highs = stages.model, stages.highs
    # Foreign-led runs under way from the target on, of courses host instructors may lead by
    # then (instructor courses kept with foreign staff do not count against a handover).
    late = {
        col: 1.0
        for (code, t, _, mode), col in model.runs.items()
        if mode.foreign_led
        and (c := model.courses[code]).discipline in targets
        and t + c.months - 1 >= max(targets[c.discipline], c.host_from)
    }
    if not any(values[col] > 1e-7 for col in late):
        stages.done.append(Stage("handover by target (already met)", "optimal", 0.0, 0.0))
        stages.report(phases.DONE, 1.0)
        return values
    stages.report(phases.HANDOVER, 0.85)
    costs = final_costs(model)
    cost = _cost(model, values)
    highs.changeRowBounds(model.shortfall_row, -INF, held(unmet))
    columns = np.asarray(list(costs), dtype=np.int32)
    highs.addRow(
        -INF,
        cost * (1 + TARGET_SLACK) + 1e-6,
        len(columns),
        columns,
        np.asarray([costs[c] for c in columns], dtype=np.float64),
    )
    set_costs(highs, model.lp.columns, late)
    status = stages.run("handover by target", "simplex")
    highs.deleteRows(1, np.asarray([highs.getNumRow() - 1], dtype=np.int32))
    if status != "optimal":
        stages.notes.append("the handover targets' stage stopped early: targets may be missed")
        return values
    stages.report(phases.DONE, 1.0)
    return np.asarray(highs.getSolution().col_value)


def final_costs(model: CapacityModel) -> dict[int, float]:
    """The costs of stage three: instructor-months and turbulence, then the peak, then
    foreign-led teaching
    (so that the advisory floor, which may teach at no cost in instructor-months, does not
    keep runs host instructors can lead), then runs nobody needs."""
    costs = dict.fromkeys(model.force.values(), 1.0)
    costs.update(dict.fromkeys(model.peak.values(), PEAK_WEIGHT))
    costs.update(dict.fromkeys((c for pair in model.turbulence.values() for c in pair), TURBULENCE))
    horizon = model.horizon
    for (code, t, _, mode), col in model.runs.items():
        c = model.courses[code]
        # Later foreign-led teaching weighs more: the plan hands over as early as it can.
        led = sum(share * (1 + (t + k) / horizon) for k, share in enumerate(c.occupancy))
        foreign = FOREIGN_LED_WEIGHT * c.instructors * led if mode.foreign_led else 0.0
        costs[col] = RUN_COST + foreign
    return costs


def _cost(model: CapacityModel, values: np.ndarray) -> float:
    return float(sum(values[col] * cost for col, cost in final_costs(model).items()))


def _run(highs: highspy.Highs, deadline: float, name: str, stages: list[Stage]) -> str:
    started = time.monotonic()
    time_limit(highs, max(deadline - started, 0.01))
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
