"""Any small feasible problem: the engine's timetable has no hard conflict per the checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre.domain.itc2007 import (
    Event,
    Resource,
    ResourceKind,
    TimeGrid,
    TimetableProblem,
    TimetableRoom,
    check_itc2007,
    itc2007_cost,
)
from cadre.solvers.itc2007 import solve_itc2007


@st.composite
def feasible_problems(draw: st.DrawFn) -> TimetableProblem:
    """Problems feasible by construction: a planted timetable gives every session a period of
    its own, and each event may use its planted periods and rooms (and others drawn at random)."""
    grid = TimeGrid(draw(st.integers(1, 3)), draw(st.integers(2, 4)))
    rooms = tuple(
        TimetableRoom(f"R{k}", draw(st.integers(5, 40))) for k in range(draw(st.integers(1, 3)))
    )
    resources = tuple(
        Resource(f"Q{k}", ResourceKind.CURRICULUM, compact=True) for k in range(3)
    ) + tuple(Resource(f"T{k}", ResourceKind.INSTRUCTOR) for k in range(2))
    periods = draw(st.permutations(range(grid.periods)))
    free = list(periods[: draw(st.integers(1, grid.periods))])
    events = []
    while free and len(events) < 5:
        sessions = draw(st.integers(1, min(3, len(free))))
        planted, free = free[:sessions], free[sessions:]
        extra = draw(st.sets(st.integers(0, grid.periods - 1), max_size=grid.periods))
        room = draw(st.sampled_from(rooms)).code
        events.append(
            Event(
                code=f"E{len(events)}",
                sessions=sessions,
                size=draw(st.integers(1, 50)),
                resources=tuple(draw(st.sets(st.sampled_from([r.code for r in resources])))),
                min_days=draw(st.integers(1, grid.days)),
                allowed_periods=frozenset(planted) | extra if draw(st.booleans()) else None,
                allowed_rooms=frozenset({room}) if draw(st.booleans()) else None,
            )
        )
    return TimetableProblem("generated", grid, rooms, resources, tuple(events))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=feasible_problems(), seed=st.integers(0, 1000))
def test_solutions_of_feasible_problems_have_no_hard_conflict(
    problem: TimetableProblem, seed: int
) -> None:
    result = solve_itc2007(problem, seconds=0.5, seed=seed)
    hard = result.diagnostics["hard_violations"]
    assert (check_itc2007(problem, result.solution), hard) == ([], 0)
    assert result.objective == itc2007_cost(problem, result.solution).total
