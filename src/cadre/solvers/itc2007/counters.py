"""The search state of the annealer: periods, rooms and the counters that make costs local.

`change` adds or removes one session and returns the exact change of the hard and soft cost,
read from the counters it touches. The functions compile with numba when it is installed (tens
of times faster) and run as plain Python otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int32]
Costs = npt.NDArray[np.int64]
F = TypeVar("F", bound=Callable[..., Any])

try:
    _numba: Any = importlib.import_module("numba")
    COMPILED = True
except ImportError:  # pragma: no cover - exercised only where numba is absent
    _numba = None
    COMPILED = False


def jit(function: F) -> F:
    if _numba is None:  # pragma: no cover
        return function
    compiled: F = _numba.njit(cache=True, nogil=True)(function)
    return compiled


@jit
def isolated_near(count: Ints, q: int, t: int, per_day: int, slot_of: Ints) -> int:
    """Sessions of resource q in periods t-1..t+1 (same day) with no neighbour that day."""
    total = 0
    slot = slot_of[t]
    low = t - 1 if slot > 0 else t
    high = t + 1 if slot < per_day - 1 else t
    for u in range(low, high + 1):
        n = count[q, u]
        if n > 0:
            s = slot_of[u]
            if (s == 0 or count[q, u - 1] == 0) and (s == per_day - 1 or count[q, u + 1] == 0):
                total += n
    return int(total)


@jit
def change(
    arrays: tuple[Ints, ...], state: tuple[Ints, ...], i: int, p: int, r: int, sign: int
) -> tuple[int, int]:
    """Add (sign 1) or remove (sign -1) session i at period p in room r; the cost change."""
    (event_of, duration, min_days, res_ptr, res_idx, compact, _, _, _, _, _, _) = arrays[:12]
    penalty, day_of, slot_of, weights = arrays[12], arrays[13], arrays[14], arrays[15]
    period, room, res_count, room_occ, day_count, days_used, room_count, rooms_used = state
    per_day = day_of.shape[0] // day_count.shape[1]
    c = event_of[i]
    hard = 0
    soft = 0
    for t in range(p, p + duration[c]):
        n = room_occ[r, t]
        if (sign > 0 and n >= 1) or (sign < 0 and n >= 2):
            hard += sign
        room_occ[r, t] = n + sign
        for k in range(res_ptr[c], res_ptr[c + 1]):
            q = res_idx[k]
            n = res_count[q, t]
            if (sign > 0 and n >= 1) or (sign < 0 and n >= 2):
                hard += sign
            if compact[q]:
                before = isolated_near(res_count, q, t, per_day, slot_of)
                res_count[q, t] = n + sign
                soft += weights[0] * (isolated_near(res_count, q, t, per_day, slot_of) - before)
            else:
                res_count[q, t] = n + sign
    soft += sign * penalty[c, r]
    d = day_of[p]
    n = day_count[c, d]
    if (sign > 0 and n == 0) or (sign < 0 and n == 1):
        used = days_used[c]
        short_before = max(0, min_days[c] - used)
        days_used[c] = used + sign
        soft += weights[1] * (max(0, min_days[c] - used - sign) - short_before)
    day_count[c, d] = n + sign
    n = room_count[c, r]
    if (sign > 0 and n == 0) or (sign < 0 and n == 1):
        used = rooms_used[c]
        rooms_used[c] = used + sign
        soft += weights[2] * (max(0, used + sign - 1) - max(0, used - 1))
    room_count[c, r] = n + sign
    if sign > 0:
        period[i] = p
        room[i] = r
    return int(hard), int(soft)


@jit
def has_resource(res_ptr: Ints, res_idx: Ints, c: int, q: int) -> bool:
    for k in range(res_ptr[c], res_ptr[c + 1]):  # noqa: SIM110 - numba compiles loops, not any()
        if res_idx[k] == q:
            return True
    return False


@jit
def place_all(arrays: tuple[Ints, ...], state: tuple[Ints, ...], costs: Costs) -> None:
    """Fill the counters of an empty state from its periods and rooms; costs = [hard, soft]."""
    event_of, min_days, weights = arrays[0], arrays[2], arrays[15]
    period, room = state[0], state[1]
    hard = 0
    soft = 0
    for c in range(min_days.shape[0]):
        soft += weights[1] * min_days[c]  # no session yet: every working day is missing
    for i in range(event_of.shape[0]):
        dh, ds = change(arrays, state, i, period[i], room[i], 1)
        hard += dh
        soft += ds
    costs[0] = hard
    costs[1] = soft


def new_state(periods: Ints, rooms: Ints, shape: dict[str, int]) -> tuple[Ints, ...]:
    """Empty counters around the given periods and rooms (copied), for `place_all` to fill."""
    zeros = np.zeros
    return (
        np.array(periods, dtype=np.int32),
        np.array(rooms, dtype=np.int32),
        zeros((shape["resources"], shape["periods"]), dtype=np.int32),
        zeros((shape["rooms"], shape["periods"]), dtype=np.int32),
        zeros((shape["events"], shape["days"]), dtype=np.int32),
        zeros(shape["events"], dtype=np.int32),
        zeros((shape["events"], shape["rooms"]), dtype=np.int32),
        zeros(shape["events"], dtype=np.int32),
    )
