"""The last step of whole runs: a mixed-integer programme near the continuous plan, started
from the repair's plan.

The dive and the repair (whole.py) fix runs one batch at a time and never undo a choice, so a
run rounded up early can block the runs a later month needed; the repair's small programme
only moves the runs left fractional. Here every run is free again, an integer within one of
the continuous plan (and of the repair's plan, so that plan is always a start), and HiGHS's
branch and bound improves on the repair's plan for as long as it is given. Measured on the
NMI example in sizing mode (7 Dec 2026, 10 s a part): 580 people unmet after the repair,
243 after this step; with 60 s a part, 151.

It is timed, not counted: HiGHS offers no work limit that stops a root node (on the NMI
example the largest part is still at its root after 10 s), so a loaded machine may stop it
sooner. HiGHS looks at its own time limit only between steps: on the parts of the generated
100-course mission (about 5,000 runs) a limit of 20 s took 30–40 s, which left the parts after
them no time and the whole mission without a plan. So the polish also interrupts HiGHS from
its branch-and-bound and simplex callbacks once its time is up (measured: 22–24 s for 20 s).
It never returns a plan worse than its start: the start is HiGHS's first incumbent.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from cadre.solvers.capacity.lp import time_limit

WIDTH = 1.0  # runs within this many of the continuous plan's (one more or one fewer a month)
FRACTION = 1e-6


def polish(
    highs: highspy.Highs,
    runs: np.ndarray,
    relaxed: np.ndarray,
    start: np.ndarray,
    seconds: float,
) -> tuple[np.ndarray, float | None]:
    """The best whole-run plan HiGHS finds in about `seconds` near
    `relaxed`, starting from `start` (whole runs, feasible), on the objective already set;
    and its relative gap (against the best plan of that neighbourhood, not of all plans).
    `start` and None when it finds none."""
    columns = runs.astype(np.int32)
    near, whole = relaxed[runs], np.round(start[runs])
    lower = np.minimum(np.maximum(0.0, np.floor(near + FRACTION) - WIDTH), whole)
    upper = np.maximum(np.ceil(near - FRACTION) + WIDTH, whole)
    highs.changeColsBounds(len(columns), columns, lower, upper)
    kinds = np.full(len(columns), highspy.HighsVarType.kInteger, dtype=np.uint8)
    highs.changeColsIntegrality(len(columns), columns, kinds)
    highs.setOptionValue("solver", "choose")
    first = highspy.HighsSolution()
    first.col_value = list(start)
    first.value_valid = True
    highs.setSolution(first)
    until = time.monotonic() + max(seconds, 0.5)
    time_limit(highs, until - time.monotonic())

    def late(event: highspy.HighsCallbackEvent) -> None:
        if time.monotonic() > until:
            event.interrupt()

    # HiGHS's own limit is looked at between nodes; these are asked inside them as well.
    interrupts = (highs.cbMipInterrupt, highs.cbSimplexInterrupt)
    for interrupt in interrupts:
        interrupt.subscribe(late)
    try:
        highs.run()
    finally:
        for interrupt in interrupts:
            interrupt.unsubscribe(late)
    info = highs.getInfo()
    found = info.primal_solution_status == 2  # a feasible whole-run plan
    answer = np.asarray(highs.getSolution().col_value) if found else start
    gap = float(info.mip_gap) if found else None
    kinds[:] = highspy.HighsVarType.kContinuous
    highs.changeColsIntegrality(len(columns), columns, kinds)
    highs.setOptionValue("solver", "simplex")
    return answer, gap
