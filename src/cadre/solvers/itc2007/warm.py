"""The annealer's compiled core, made ready before any clock starts.

numba compiles the kernels on their first call (tens of seconds) and keeps them in its cache
(`cache=True`), beside the source or under NUMBA_CACHE_DIR; later processes load them in about
a second. The kernels' types are the same for every problem, so solving a made-up problem of
two courses once fills the cache for all of them: an installation does it once, ahead.
"""

from __future__ import annotations

import time

from cadre.domain.itc2007 import (
    Event,
    Resource,
    ResourceKind,
    TimeGrid,
    TimetableProblem,
    TimetableRoom,
)
from cadre.solvers.itc2007.compiled import compile_problem
from cadre.solvers.itc2007.engine import warm_up

_SMALLEST = TimetableProblem(
    name="warm-up",
    grid=TimeGrid(days=2, periods_per_day=2),
    rooms=(TimetableRoom("R1", 10), TimetableRoom("R2", 5)),
    resources=(
        Resource("t1", ResourceKind.INSTRUCTOR),
        Resource("q1", ResourceKind.CURRICULUM, compact=True),
    ),
    events=(
        Event("A", sessions=2, size=10, resources=("t1", "q1"), min_days=2),
        Event("B", sessions=1, size=5, resources=("q1",)),
    ),
)


def compile_core() -> float:
    """Compile the annealer's kernels, or load them from numba's cache; the seconds it took."""
    began = time.perf_counter()
    warm_up(compile_problem(_SMALLEST))
    return time.perf_counter() - began
