"""The polish of whole runs (solvers/capacity/polish.py): from any feasible plan of whole runs
it answers one of whole runs that keeps every row and is never worse."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.scenario import Scenario
from cadre.solvers.capacity.lp import INF, set_costs
from cadre.solvers.capacity.model import build_model
from cadre.solvers.capacity.polish import polish
from cadre.solvers.capacity.stages import UNMET_WEIGHT, final_costs
from tests.unit.solvers.test_capacity_properties import missions

TOLERANCE = 1e-5


@settings(max_examples=10, deadline=None)
@given(missions())
def test_the_polish_is_whole_keeps_every_row_and_is_never_worse(s: Scenario) -> None:
    model = build_model(build_problem(s, PlanMode.SIZING))
    highs = model.lp.to_highs()
    costs = final_costs(model) | dict.fromkeys(model.shortfall.values(), UNMET_WEIGHT)
    set_costs(highs, model.lp.columns, costs)
    highs.run()
    relaxed = np.asarray(highs.getSolution().col_value)
    runs = np.asarray(list(model.runs.values()), dtype=np.int64)
    # The poorest start there is: no run at all, everything else re-solved around that.
    columns = runs.astype(np.int32)
    highs.changeColsBounds(len(runs), columns, np.zeros(len(runs)), np.zeros(len(runs)))
    highs.run()
    start = np.asarray(highs.getSolution().col_value)
    highs.changeColsBounds(len(runs), columns, np.zeros(len(runs)), np.full(len(runs), INF))

    answer, gap = polish(highs, runs, relaxed, start, seconds=5.0)

    assert gap is not None
    assert np.allclose(answer[runs], np.round(answer[runs]), atol=TOLERANCE)

    def weigh(v: np.ndarray) -> float:
        return float(sum(v[c] * w for c, w in costs.items()))

    assert weigh(answer) <= weigh(start) + TOLERANCE
    assert weigh(answer) >= weigh(relaxed) - TOLERANCE  # the continuous plan bounds it
    # every row of the model holds (the HiGHS instance's own bounds were only on runs)
    lp = model.lp
    for r in range(lp.rows):
        span = slice(lp.row_start[r], lp.row_start[r + 1])
        activity = float(np.dot(np.asarray(lp.value[span]), answer[lp.index[span]]))
        assert lp.row_lower[r] - 1e-4 <= activity <= lp.row_upper[r] + 1e-4, lp.tags[r]
