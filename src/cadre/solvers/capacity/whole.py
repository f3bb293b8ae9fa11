"""Whole runs from the continuous plan: rounding and repair, with its loss reported.

A mixed-integer programme over all the runs was measured first (HiGHS, integrality on the run
columns): on the NMI example it had not closed its root node after 4 s and its best plan left
2,000 people unmet against none. So the plan is made whole in three steps:

1. Up (a dive): the fractional runs with the largest fractions are fixed at their ceiling, a
   batch at a time, and the linear programme re-solved over everything else (entrants,
   cadre, force) from the last basis. A batch that makes it infeasible is halved; a single
   run that cannot go up is held at its floor, or left for step 2 if it can go neither way.
2. Repair: the runs still fractional become integers between their floor and ceiling, the
   others held; a small mixed-integer programme (a few hundred binary choices on the NMI
   example) whose relative gap is reported.
3. In time order, only when step 2 finds nothing in time: from the continuous plan again,
   the runs are fixed a quarter of start months at a time, up when the plan allows it, and
   everything later re-solved (rolling.py); what that leaves fractional goes down: runs may
   only fall to their floor, re-solved until none is fractional. No run at all is a feasible
   plan (all demand unmet), and each round floors at least one more run, so it ends.
4. Polish: every run free again within one of the continuous plan, a mixed-integer
   programme started from the plan of steps 1-3 (polish.py); kept when it is better.

The continuous plan is a relaxation of the whole-run one, so its unmet demand bounds every
whole-run plan's: the loss reported is the distance to it (RoundingLoss), with the
integrality gap of the objective the steps weigh (unmet people far above instructor-months).
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from cadre.domain.capacity.plan import RoundingLoss, Stage
from cadre.domain.capacity.problem import RunMode
from cadre.solvers.capacity import phases
from cadre.solvers.capacity.lp import INF, set_costs, time_limit
from cadre.solvers.capacity.polish import polish
from cadre.solvers.capacity.rolling import FRACTION, in_time_order, whole_mask
from cadre.solvers.capacity.stages import UNMET_WEIGHT, Stages, final_costs

UP_SHARE = 0.3  # of the fractional runs, the share tried upwards at once
UP_TIME_SHARE = 0.5  # of the time left, the most step 1 may take
UP_SOLVES = 60  # re-solves step 1 may take (measured on the NMI example: more bought little)
REPAIR_SECONDS = 10.0  # the least time the repair gets, when there is that much left
# Re-solves step 3 may take beyond those before it: on the NMI example a whole pass takes
# 300–900 a part; each part has its share of the time as well (solve.py).
ROLL_SOLVES = 600
# The least time the polish gets, when there is that much left; more when the steps before
# it took longer (a larger part), up to the part's deadline. On the NMI example 10 s a part
# left 243 people unmet, 20 s 207.
POLISH_SECONDS = 20.0


def whole_runs(stages: Stages, relaxed: np.ndarray) -> tuple[np.ndarray, RoundingLoss]:
    """The plan with whole runs nearest `relaxed` that the dive finds, and its loss."""
    model, highs = stages.model, stages.highs
    started = time.monotonic()
    runs = np.asarray(list(model.runs.values()), dtype=np.int64)
    if not len(runs) or _whole(relaxed[runs]):
        values = relaxed.copy()
        values[runs] = np.round(values[runs])
        return values, _loss(stages, relaxed, values, 0, 0.0)
    stages.report(phases.WHOLE, 0.9)
    highs.changeRowBounds(model.shortfall_row, -INF, INF)
    set_costs(
        highs,
        model.lp.columns,
        final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT),
    )
    highs.setOptionValue("solver", "simplex")
    dive = _Dive(highs, runs, stages.deadline)
    # Counted in re-solves, not seconds, so that a loaded machine gets the same plan, slower;
    # the repair then has at least REPAIR_SECONDS (or the continuous stages' time) of what is
    # left.
    spent = sum(s.seconds for s in stages.done)
    left = max(0.0, stages.deadline - started)
    values = dive.up(relaxed, started + UP_TIME_SHARE * left)
    mip_until = time.monotonic() + min(UP_TIME_SHARE * left, max(REPAIR_SECONDS, spent))
    repaired = dive.neighbourhood(values, time.monotonic() + (mip_until - time.monotonic()) / 2)
    if repaired is None:  # held runs in the way: they may fall by one as well
        repaired = dive.neighbourhood(values, mip_until, widen=True)
    if repaired is None:
        # Counted in re-solves like step 1 (a loaded machine gets the same plan, slower),
        # within four fifths of this part's time left; the dive down takes the rest.
        now = time.monotonic()
        until = now + 0.8 * max(0.0, stages.deadline - now)
        values = dive.in_time_order(relaxed, model.runs, until)
        values = dive.down(values)
    else:
        values = repaired
    values[runs] = np.round(values[runs])
    now = time.monotonic()
    weighed = final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT)
    if _weigh(weighed, values) > _weigh(weighed, relaxed) + 1e-6:  # the bound is not met
        seconds = min(stages.deadline - now, max(POLISH_SECONDS, now - started + spent))
        polished, gap = polish(highs, runs, relaxed, values, seconds)
        dive.solves += 1
        polished[runs] = np.round(polished[runs])
        if gap is not None and _weigh(weighed, polished) < _weigh(weighed, values) - 1e-6:
            values, dive.gap = polished, gap
    cost = float(sum(values[c] * w for c, w in final_costs(model).items()))
    name = f"whole runs ({dive.solves} re-solves)"
    stages.done.append(Stage(name, "feasible", cost, time.monotonic() - started))
    return values, _loss(stages, relaxed, values, dive.solves, dive.gap)


class _Dive:
    def __init__(self, highs: highspy.Highs, runs: np.ndarray, deadline: float) -> None:
        self.highs, self.runs, self.deadline = highs, runs, deadline
        self.lower = np.zeros(len(runs))
        self.upper = np.full(len(runs), INF)
        self.solves = 0
        self.gap: float | None = None  # the neighbourhood's, when it found a plan

    def solve(self) -> np.ndarray | None:
        self.solves += 1
        h = self.highs
        h.changeColsBounds(len(self.runs), self.runs.astype(np.int32), self.lower, self.upper)
        time_limit(h, max(self.deadline - time.monotonic(), 1.0))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(h.getSolution().col_value)

    def fix(self, batch: np.ndarray, value: np.ndarray) -> np.ndarray | None:
        """The plan with the runs at positions `batch` held at `value`; None (and the bounds
        as they were) when that is refused."""
        lower, upper = self.lower[batch].copy(), self.upper[batch].copy()
        self.lower[batch] = self.upper[batch] = value
        found = self.solve()
        if found is None:
            self.lower[batch], self.upper[batch] = lower, upper
        return found

    def in_time_order(
        self, relaxed: np.ndarray, keys: dict[tuple[str, int, str, RunMode], int], until: float
    ) -> np.ndarray:
        """From the continuous plan again, runs fixed quarter by quarter (rolling.py), until
        `until` or ROLL_SOLVES more re-solves (the dive down takes what it leaves)."""
        self.lower[:] = 0.0
        self.upper[:] = INF
        months = np.asarray([t for _, t, _, _ in keys], dtype=np.int64)
        cap = self.solves + ROLL_SOLVES

        def go_on() -> bool:
            return time.monotonic() < until and self.solves < cap

        return in_time_order(relaxed, self.runs, months, self.fix, go_on)

    def up(self, values: np.ndarray, until: float) -> np.ndarray:
        stuck = np.zeros(len(self.runs), dtype=bool)
        while time.monotonic() < until and self.solves < UP_SOLVES:
            v = values[self.runs]
            fraction = v - np.floor(v + FRACTION)
            candidates = np.flatnonzero((fraction > FRACTION) & ~stuck)
            if not len(candidates):
                break
            ordered = candidates[np.argsort(-fraction[candidates], kind="stable")]
            batch = ordered[: max(1, int(len(ordered) * UP_SHARE))]
            found = None
            while found is None:
                lower, upper = self.lower[batch].copy(), self.upper[batch].copy()
                self.lower[batch] = self.upper[batch] = np.ceil(v[batch] - FRACTION)
                found = self.solve()
                if found is not None:
                    break
                self.lower[batch], self.upper[batch] = lower, upper
                if len(batch) > 1:
                    batch = batch[: len(batch) // 2]
                    continue
                self.upper[batch] = np.floor(v[batch] + FRACTION)
                found = self.solve()
                if found is None:
                    self.upper[batch] = upper
                    stuck[batch] = True
                    found = self.solve()
                    if found is None:  # numerical trouble: keep what held before
                        return values
            values = found
        return values

    def neighbourhood(
        self, values: np.ndarray, until: float, widen: bool = False
    ) -> np.ndarray | None:
        """The best whole runs within one of the dive's plan: the runs still fractional are
        integer between their floor and ceiling, the others held (with `widen`, free to fall
        by one); a small mixed-integer programme whose gap is kept. None when it finds no
        plan in time."""
        v = values[self.runs]
        fractional = ~whole_mask(v)
        if not fractional.any():
            self.gap = 0.0
            return values
        held = np.round(v)
        self.lower = np.where(fractional, np.floor(v + FRACTION), held)
        if widen:
            self.lower = np.where(fractional, self.lower, np.maximum(held - 1.0, 0.0))
        self.upper = np.where(fractional, np.ceil(v - FRACTION), held)
        h = self.highs
        free = self.runs[self.upper > self.lower].astype(np.int32)
        integer = np.full(len(free), highspy.HighsVarType.kInteger, dtype=np.uint8)
        h.changeColsIntegrality(len(free), free, integer)
        h.setOptionValue("solver", "choose")
        h.changeColsBounds(len(self.runs), self.runs.astype(np.int32), self.lower, self.upper)
        time_limit(h, max(until - time.monotonic(), 0.5))
        h.run()
        self.solves += 1
        found = h.getInfo().primal_solution_status == 2  # a feasible whole-run plan
        solution = np.asarray(h.getSolution().col_value) if found else None
        self.gap = float(h.getInfo().mip_gap) if found else None
        h.changeColsIntegrality(
            len(free), free, np.full(len(free), highspy.HighsVarType.kContinuous, dtype=np.uint8)
        )
        h.setOptionValue("solver", "simplex")
        self.lower = np.where(fractional, 0.0, held)  # for the dive down, should it be needed
        self.upper = np.where(fractional, INF, held)
        return solution

    def down(self, values: np.ndarray) -> np.ndarray:
        fractional = ~whole_mask(values[self.runs])
        if not fractional.any():
            return values
        self.upper[fractional] = np.floor(values[self.runs][fractional] + FRACTION)
        self.lower[fractional] = np.minimum(self.lower[fractional], self.upper[fractional])
        found = self.solve()
        if found is None:
            self.lower[:] = 0.0  # the safe dive: nothing held up, so no run is needed
        else:
            values = found
        while not _whole(values[self.runs]):
            v = values[self.runs]
            self.upper = np.minimum(self.upper, np.floor(v + FRACTION))
            self.lower = np.minimum(self.lower, self.upper)
            found = self.solve()
            if found is None and self.lower.any():  # held runs in the way: they may fall
                self.lower[:] = 0.0
                found = self.solve()
            if found is None:
                raise RuntimeError("whole runs: a plan with fewer runs was refused")
            values = found
        return values


def _weigh(costs: dict[int, float], values: np.ndarray) -> float:
    return float(sum(values[c] * w for c, w in costs.items()))


def _whole(v: np.ndarray) -> bool:
    return bool(whole_mask(v).all())


def _loss(
    stages: Stages, relaxed: np.ndarray, values: np.ndarray, solves: int, gap: float | None
) -> RoundingLoss:
    model = stages.model
    unmet = list(model.shortfall.values())
    force = list(model.force.values())
    weighed = final_costs(model) | dict.fromkeys(unmet, UNMET_WEIGHT)
    columns = np.asarray(list(weighed), dtype=np.int64)
    weights = np.asarray(list(weighed.values()))
    return RoundingLoss(
        unmet=max(0.0, float(values[unmet].sum() - relaxed[unmet].sum())),
        instructor_months=float(values[force].sum() - relaxed[force].sum()),
        bound_unmet=float(relaxed[unmet].sum()),
        bound_instructor_months=float(relaxed[force].sum()),
        solves=solves,
        gap=gap,
        objective=float(values[columns] @ weights),
        bound_objective=float(relaxed[columns] @ weights),
    )
