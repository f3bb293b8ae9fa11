"""The simulated-annealing core: moves, swaps and Kempe chains of sessions, exact costs.

Each move is applied, its cost change read from the counters (see `counters`), and undone when
rejected; that keeps one code path for evaluation and for bookkeeping. A move that would add a
clash is first tested against its hard weight alone, without being made: most are refused there.
Hard violations are allowed during the search, at a high weight.
"""

from __future__ import annotations

import math
import random

from cadre.solvers.itc2007.counters import Costs, Ints, change, has_resource, jit
from cadre.solvers.itc2007.kempe import kempe_apply, kempe_undo


@jit
def _clashes_added(
    arrays: tuple[Ints, ...], state: tuple[Ints, ...], c: int, p0: int, r0: int, p1: int, r1: int
) -> int:
    """Hard violations a one-period move from (p0, r0) to (p1, r1) adds, read without writing."""
    res_ptr, res_idx = arrays[3], arrays[4]
    res_count, room_occ = state[2], state[3]
    added = 0
    if room_occ[r1, p1] >= 1 and not (r1 == r0 and p1 == p0):
        added += 1
    if room_occ[r0, p0] >= 2:
        added -= 1
    if p1 != p0:
        for k in range(res_ptr[c], res_ptr[c + 1]):
            q = res_idx[k]
            if res_count[q, p1] >= 1:
                added += 1
            if res_count[q, p0] >= 2:
                added -= 1
    return added


@jit
def _free_room(room_ptr: Ints, room_list: Ints, room_occ: Ints, c: int, p: int, r: int) -> int:
    """A room allowed to event c and free at period p, searched from a random one; else r."""
    count = room_ptr[c + 1] - room_ptr[c]
    offset = random.randrange(count)
    for k in range(count):
        s = room_list[room_ptr[c] + (offset + k) % count]
        if room_occ[s, p] == 0:
            return int(s)
    return r


@jit
def _swap_clashes_added(
    arrays: tuple[Ints, ...], state: tuple[Ints, ...], c: int, p0: int, e: int, p1: int
) -> int:
    """Hard violations that swapping one-period sessions of c (at p0) and e (at p1) adds;
    rooms keep their occupancy and resources of both events keep their counts."""
    res_ptr, res_idx, res_count = arrays[3], arrays[4], state[2]
    added = 0
    for k in range(res_ptr[c], res_ptr[c + 1]):
        q = res_idx[k]
        if not has_resource(res_ptr, res_idx, e, q):
            added += int(res_count[q, p1] >= 1) - int(res_count[q, p0] >= 2)
    for k in range(res_ptr[e], res_ptr[e + 1]):
        q = res_idx[k]
        if not has_resource(res_ptr, res_idx, c, q):
            added += int(res_count[q, p0] >= 1) - int(res_count[q, p1] >= 2)
    return added


@jit
def anneal(
    arrays: tuple[Ints, ...],
    state: tuple[Ints, ...],
    best: tuple[Ints, Ints, Ints],
    costs: Costs,
    iterations: int,
    temperatures: tuple[float, float],
    hard_weight: int,
    shares: tuple[float, float],
    seed: int,
) -> int:
    """Anneal for `iterations` steps cooling geometrically between the two temperatures.

    costs = [hard, soft, best hard, best soft]; best = (periods, rooms, Kempe scratch space);
    shares = the parts of swaps and of Kempe chains among the moves tried. Returns the number
    of moves accepted.
    """
    event_of, duration = arrays[0], arrays[1]
    start_ok, start_ptr, start_list = arrays[6], arrays[7], arrays[8]
    room_ok, room_ptr, room_list, session_ptr = arrays[9], arrays[10], arrays[11], arrays[16]
    period, room = state[0], state[1]
    best_period, best_room, memo = best
    random.seed(seed)
    sessions = event_of.shape[0]
    hard = int(costs[0])
    soft = int(costs[1])
    temp_from, temp_to = temperatures
    factor = (temp_to / temp_from) ** (1.0 / max(1, iterations))
    temp = temp_from
    accepted = 0
    for _ in range(iterations):
        temp *= factor
        i = random.randrange(sessions)
        c = event_of[i]
        p0 = period[i]
        r0 = room[i]
        p1 = p0
        r1 = r0
        j = -1  # the swap partner
        chain = 0  # the length of a Kempe chain
        draw = random.random()
        if draw < shares[1]:
            p1 = start_list[start_ptr[c] + random.randrange(start_ptr[c + 1] - start_ptr[c])]
            if p1 == p0:
                continue
            chain, dh, ds = kempe_apply(arrays, state, i, p1, memo)
            if chain == 0:
                continue
        elif draw < shares[0] + shares[1]:
            j = random.randrange(sessions)
            e = event_of[j]
            p1 = period[j]
            r1 = room[j]
            if e == c or p1 == p0 or start_ok[c, p1] == 0 or start_ok[e, p0] == 0:
                continue
            if room_ok[c, r1] == 0 or room_ok[e, r0] == 0:
                continue
            if duration[c] == 1 and duration[e] == 1:
                added = _swap_clashes_added(arrays, state, c, p0, e, p1)
                if added > 0 and random.random() >= math.exp(-hard_weight * added / temp):
                    continue
            dh, ds = change(arrays, state, i, p0, r0, -1)
            h2, s2 = change(arrays, state, j, p1, r1, -1)
            h3, s3 = change(arrays, state, i, p1, r1, 1)
            h4, s4 = change(arrays, state, j, p0, r0, 1)
            dh += h2 + h3 + h4
            ds += s2 + s3 + s4
        else:
            # 0: period only (into a free room when its own is taken), 1: room only, 2: both
            kind = random.randrange(3)
            if kind != 1:
                p1 = start_list[start_ptr[c] + random.randrange(start_ptr[c + 1] - start_ptr[c])]
            if kind != 0:
                if random.random() < 0.5:  # a room the event already uses: room stability
                    first = session_ptr[c]
                    r1 = room[first + random.randrange(session_ptr[c + 1] - first)]
                else:
                    r1 = room_list[room_ptr[c] + random.randrange(room_ptr[c + 1] - room_ptr[c])]
            elif duration[c] == 1 and state[3][r1, p1] > 0:
                r1 = _free_room(room_ptr, room_list, state[3], c, p1, r0)
            if p1 == p0 and r1 == r0:
                continue
            if duration[c] == 1:
                # Most random moves add a clash; such a move is rejected without being made
                # as often as its hard weight alone would have it rejected (two-stage test).
                added = _clashes_added(arrays, state, c, p0, r0, p1, r1)
                if added > 0 and random.random() >= math.exp(-hard_weight * added / temp):
                    continue
            dh, ds = change(arrays, state, i, p0, r0, -1)
            h3, s3 = change(arrays, state, i, p1, r1, 1)
            dh += h3
            ds += s3
        delta = hard_weight * dh + ds
        if delta <= 0 or random.random() < math.exp(-delta / temp):
            accepted += 1
            hard += dh
            soft += ds
            if hard < costs[2] or (hard == costs[2] and soft < costs[3]):
                costs[2] = hard
                costs[3] = soft
                best_period[:] = period
                best_room[:] = room
        elif chain > 0:
            kempe_undo(arrays, state, chain, memo)
        elif j < 0:
            change(arrays, state, i, p1, r1, -1)
            change(arrays, state, i, p0, r0, 1)
        else:
            change(arrays, state, j, p0, r0, -1)
            change(arrays, state, i, p1, r1, -1)
            change(arrays, state, j, p1, r1, 1)
            change(arrays, state, i, p0, r0, 1)
    costs[0] = hard
    costs[1] = soft
    return accepted
