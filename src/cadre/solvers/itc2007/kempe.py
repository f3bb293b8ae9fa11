"""Kempe-chain moves: swap two periods for a closed group of clashing sessions.

Starting from one session, the chain takes in every session of the other period that shares a
resource with a session already in it, and so on; exchanging the two periods for the whole
chain adds no clash between its members. Rooms follow where free (else the cheapest free one).
"""

from __future__ import annotations

from cadre.solvers.itc2007.counters import Ints, change, jit


@jit
def _conflict(res_ptr: Ints, res_idx: Ints, c: int, e: int) -> bool:
    for k in range(res_ptr[c], res_ptr[c + 1]):
        for m in range(res_ptr[e], res_ptr[e + 1]):
            if res_idx[k] == res_idx[m]:
                return True
    return False


@jit
def _free_room(arrays: tuple[Ints, ...], state: tuple[Ints, ...], c: int, p: int, r: int) -> int:
    """The session's room if free at p, else the free allowed room seating most, else r."""
    room_ok, room_ptr, room_list, penalty = arrays[9], arrays[10], arrays[11], arrays[12]
    room_occ = state[3]
    if room_occ[r, p] == 0 and room_ok[c, r] == 1:
        return r
    best = r
    for k in range(room_ptr[c], room_ptr[c + 1]):
        s = room_list[k]
        if room_occ[s, p] == 0 and (best == r or penalty[c, s] < penalty[c, best]):
            best = s
    return best


@jit
def kempe_apply(
    arrays: tuple[Ints, ...], state: tuple[Ints, ...], i: int, p1: int, memo: Ints
) -> tuple[int, int, int]:
    """Swap periods p0 (of session i) and p1 along i's chain; (chain length, hard, soft).

    memo[0] holds the chain's sessions, memo[1] and memo[2] their periods and rooms before;
    memo[3] is scratch space.
    A length of 0 means no move was made (a session of the chain may not use the other period).
    """
    event_of, duration, res_ptr, res_idx = arrays[0], arrays[1], arrays[3], arrays[4]
    start_ok = arrays[6]
    period, room = state[0], state[1]
    chain, near = memo[0], memo[3]
    p0 = period[i]
    m = 0  # sessions in either period, other than i: one scan, then the chain grows among them
    for t in range(event_of.shape[0]):
        if (period[t] == p0 or period[t] == p1) and t != i:
            near[m] = t
            m += 1
    n = 1
    chain[0] = i
    head = 0
    while head < n:
        s = chain[head]
        for k in range(m):
            t = near[k]
            clashing = t >= 0 and period[t] != period[s]
            if clashing and _conflict(res_ptr, res_idx, event_of[s], event_of[t]):
                chain[n] = t
                n += 1
                near[k] = -1  # taken
        head += 1
    for k in range(n):
        s = chain[k]
        target = p1 if period[s] == p0 else p0
        if duration[event_of[s]] != 1 or start_ok[event_of[s], target] == 0:
            return 0, 0, 0
    hard = 0
    soft = 0
    for k in range(n):
        s = chain[k]
        memo[1, k] = period[s]
        memo[2, k] = room[s]
        dh, ds = change(arrays, state, s, period[s], room[s], -1)
        hard += dh
        soft += ds
    for k in range(n):
        s = chain[k]
        target = p1 if memo[1, k] == p0 else p0
        r = _free_room(arrays, state, event_of[s], target, memo[2, k])
        dh, ds = change(arrays, state, s, target, r, 1)
        hard += dh
        soft += ds
    return n, hard, soft


@jit
def kempe_undo(arrays: tuple[Ints, ...], state: tuple[Ints, ...], n: int, memo: Ints) -> None:
    """Put the chain of the last `kempe_apply` back where it was."""
    period, room = state[0], state[1]
    for k in range(n):
        s = memo[0, k]
        change(arrays, state, s, period[s], room[s], -1)
    for k in range(n):
        change(arrays, state, memo[0, k], memo[1, k], memo[2, k], 1)
