"""Rooms for sessions whose periods are fixed: biggest session first, into the smallest room
that seats it (the largest free one otherwise), which leaves the fewest seats missing."""

from __future__ import annotations

import numpy as np

from cadre.solvers.itc2007.compiled import Compiled, Ints


def assign_rooms(compiled: Compiled, periods: Ints) -> Ints:
    rooms = np.zeros(compiled.sessions, dtype=np.int32)
    taken = np.zeros((compiled.rooms, compiled.periods), dtype=bool)
    favourite: dict[int, int] = {}
    order = sorted(
        range(compiled.sessions),
        key=lambda i: (-int(compiled.size[compiled.session_event[i]]), int(periods[i])),
    )
    for i in order:
        c = int(compiled.session_event[i])
        span = slice(int(periods[i]), int(periods[i]) + int(compiled.duration[c]))
        allowed = compiled.room_list[compiled.room_ptr[c] : compiled.room_ptr[c + 1]]
        free = [int(r) for r in allowed if not taken[r, span].any()]
        candidates = free or [int(r) for r in allowed] or [0]
        # Least missing seats, then the room this event already uses, then the smallest room.
        best = min(
            candidates,
            key=lambda r: (
                int(compiled.room_penalty[c, r]),
                r != favourite.get(c),
                int(compiled.capacity[r]),
            ),
        )
        rooms[i] = best
        taken[best, span] = True
        favourite.setdefault(c, best)
    return rooms
