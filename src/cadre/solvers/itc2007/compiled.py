"""The problem as flat integer arrays, the form both the CP-SAT model and the annealer read.

Sessions are numbered 0..L-1 (event by event); every event also counts as a resource of its own,
so that two sessions of one event never meet at the same time, by the same rule as any clash.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cadre.domain.itc2007 import Session, Timetable, TimetableProblem

Ints = npt.NDArray[np.int32]


def _ints(values: object) -> Ints:
    return np.ascontiguousarray(np.asarray(values, dtype=np.int32))


@dataclass(frozen=True)
class Compiled:
    days: int
    per_day: int
    periods: int
    rooms: int
    session_event: Ints  # [L] event of each session
    duration: Ints  # [C]
    min_days: Ints  # [C]
    resource_ptr: Ints  # [C+1] CSR rows into resource_idx
    resource_idx: Ints  # resources of each event, its own resource last
    compact: Ints  # [NR] 1 when isolated sessions of the resource cost
    start_ok: Ints  # [C, P] 1 when a session may start there and fits in its day
    start_ptr: Ints  # [C+1] CSR rows into start_list
    start_list: Ints
    room_ok: Ints  # [C, R]
    room_ptr: Ints  # [C+1] CSR rows into room_list
    room_list: Ints
    room_penalty: Ints  # [C, R] weighted seats missing when the event meets in the room
    day_of: Ints  # [P]
    slot_of: Ints  # [P]
    weights: Ints  # isolated, min working days, room stability
    session_ptr: Ints  # [C+1] sessions of event c are session_ptr[c]..session_ptr[c+1]-1
    size: Ints  # [C] attendees of each event
    capacity: Ints  # [R] seats of each room
    event_codes: tuple[str, ...]
    room_codes: tuple[str, ...]
    resource_count: int

    @property
    def arrays(self) -> tuple[Ints, ...]:
        """The arrays in the order the kernel unpacks them."""
        return (
            self.session_event,
            self.duration,
            self.min_days,
            self.resource_ptr,
            self.resource_idx,
            self.compact,
            self.start_ok,
            self.start_ptr,
            self.start_list,
            self.room_ok,
            self.room_ptr,
            self.room_list,
            self.room_penalty,
            self.day_of,
            self.slot_of,
            self.weights,
            self.session_ptr,
        )

    @property
    def sessions(self) -> int:
        return len(self.session_event)


def _csr(rows: list[list[int]]) -> tuple[Ints, Ints]:
    pointers = np.zeros(len(rows) + 1, dtype=np.int32)
    pointers[1:] = np.cumsum([len(row) for row in rows])
    return pointers, _ints([value for row in rows for value in row])


def compile_problem(problem: TimetableProblem) -> Compiled:
    """The problem as flat integer arrays, events, rooms, resources and periods by index."""
    grid = problem.grid
    periods, per_day = grid.periods, grid.periods_per_day
    events = problem.events
    # Resources named by events but not declared are still resources (never compact).
    compact_of = {resource.code: resource.compact for resource in problem.resources}
    for event in events:
        for code in event.resources:
            compact_of.setdefault(code, False)
    resource_index = {code: k for k, code in enumerate(compact_of)}
    shared = len(resource_index)
    room_index = {room.code: k for k, room in enumerate(problem.rooms)}
    start_ok, room_ok, penalty = _permissions(problem)
    resource_ptr, resource_idx = _csr(
        [
            [*sorted({resource_index[code] for code in event.resources}), shared + c]
            for c, event in enumerate(events)
        ]
    )
    start_ptr, start_list = _csr([list(np.flatnonzero(row)) for row in start_ok])
    room_ptr, room_list = _csr([list(np.flatnonzero(row)) for row in room_ok])
    weights = problem.weights
    return Compiled(
        days=grid.days,
        per_day=per_day,
        periods=periods,
        rooms=len(problem.rooms),
        session_event=_ints([c for c, event in enumerate(events) for _ in range(event.sessions)]),
        duration=_ints([event.duration for event in events]),
        min_days=_ints([event.min_days for event in events]),
        resource_ptr=resource_ptr,
        resource_idx=resource_idx,
        compact=_ints([int(flag) for flag in compact_of.values()] + [0] * len(events)),
        start_ok=start_ok,
        start_ptr=start_ptr,
        start_list=start_list,
        room_ok=room_ok,
        room_ptr=room_ptr,
        room_list=room_list,
        room_penalty=penalty,
        day_of=_ints([p // per_day for p in range(periods)]),
        slot_of=_ints([p % per_day for p in range(periods)]),
        weights=_ints(
            [weights.isolated_sessions, weights.min_working_days, weights.room_stability]
        ),
        size=_ints([event.size for event in events]),
        capacity=_ints([room.capacity for room in problem.rooms]),
        session_ptr=_csr([[0] * event.sessions for event in events])[0],
        event_codes=tuple(event.code for event in events),
        room_codes=tuple(room_index),
        resource_count=shared + len(events),
    )


def _permissions(problem: TimetableProblem) -> tuple[Ints, Ints, Ints]:
    """Per event: the periods a session may start in (within its day), the rooms it may use,
    and the weighted seats each room lacks."""
    periods, per_day = problem.grid.periods, problem.grid.periods_per_day
    events, rooms = problem.events, problem.rooms
    start_ok = np.zeros((len(events), periods), dtype=np.int32)
    room_ok = np.zeros((len(events), len(rooms)), dtype=np.int32)
    penalty = np.zeros((len(events), len(rooms)), dtype=np.int32)
    for c, event in enumerate(events):
        for p in range(periods):
            fits = p % per_day + event.duration <= per_day
            if fits and (event.allowed_periods is None or p in event.allowed_periods):
                start_ok[c, p] = 1
        for r, room in enumerate(rooms):
            room_ok[c, r] = event.allowed_rooms is None or room.code in event.allowed_rooms
            penalty[c, r] = problem.weights.room_capacity * max(0, event.size - room.capacity)
    return start_ok, room_ok, penalty


def decode(compiled: Compiled, period: Ints, room: Ints) -> Timetable:
    return Timetable(
        tuple(
            Session(
                compiled.event_codes[int(compiled.session_event[i])],
                compiled.room_codes[int(room[i])],
                int(period[i]),
            )
            for i in range(compiled.sessions)
        )
    )
