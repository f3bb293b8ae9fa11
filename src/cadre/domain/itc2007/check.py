"""The independent checker of ITC-2007 timetables: hard violations and the soft cost, counted
plainly (`check_itc2007`, `itc2007_cost`).

It shares no code with the engine in `cadre.solvers.itc2007` (on purpose, so that a bug in
one is caught by the other) and counts as the official ITC-2007 validator does: a conflicting
pair of events counts once per period they share, a room once per session beyond the first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

from cadre.domain.itc2007.model import Event, Timetable, TimetableProblem


class Itc2007Rule(StrEnum):
    SESSIONS = "sessions"  # an event has more or fewer sessions (distinct starts) than required
    CLASH = "clash"  # two events sharing a resource meet in the same period
    UNAVAILABLE = "unavailable"  # a session starts in a period its event may not use
    ROOM_NOT_ALLOWED = "room_not_allowed"
    ROOM_OCCUPIED = "room_occupied"  # a room holds more than one session in a period
    UNKNOWN = "unknown"  # the timetable names an event, room or period the problem lacks


@dataclass(frozen=True)
class Itc2007Violation:
    kind: Itc2007Rule
    subject: str
    violations: int = 1


@dataclass(frozen=True)
class CostBreakdown:
    """The weighted soft cost, one figure per constraint (UD2 names in comments)."""

    room_capacity: int  # RoomCapacity
    min_working_days: int  # MinWorkingDays
    isolated_sessions: int  # IsolatedLectures (curriculum compactness)
    room_stability: int  # RoomStability

    @property
    def total(self) -> int:
        return (
            self.room_capacity
            + self.min_working_days
            + self.isolated_sessions
            + self.room_stability
        )


def hard_violations(violations: list[Itc2007Violation]) -> int:
    return sum(v.violations for v in violations)


def _starts(problem: TimetableProblem, timetable: Timetable) -> dict[str, set[int]]:
    """Distinct start periods per known event; two sessions at one start count once."""
    starts: dict[str, set[int]] = {event.code: set() for event in problem.events}
    for session in timetable.sessions:
        if session.event in starts:
            starts[session.event].add(session.period)
    return starts


def _occupied(event: Event, start: int) -> range:
    return range(start, start + event.duration)


def check_itc2007(problem: TimetableProblem, timetable: Timetable) -> list[Itc2007Violation]:
    """Every hard rule the timetable breaks, each with the number of violations it makes."""
    grid = problem.grid
    periods = grid.days * grid.periods_per_day
    events = {event.code: event for event in problem.events}
    rooms = {room.code for room in problem.rooms}
    found: list[Itc2007Violation] = []

    for session in timetable.sessions:
        if session.event not in events:
            found.append(Itc2007Violation(Itc2007Rule.UNKNOWN, f"event {session.event}"))
        if session.room not in rooms:
            found.append(Itc2007Violation(Itc2007Rule.UNKNOWN, f"room {session.room}"))
        if not 0 <= session.period < periods:
            found.append(Itc2007Violation(Itc2007Rule.UNKNOWN, f"period {session.period}"))

    starts = _starts(problem, timetable)
    for code, used in starts.items():
        missing = events[code].sessions - len(used)
        if missing:
            what = "missing" if missing > 0 else "extra"
            found.append(
                Itc2007Violation(
                    Itc2007Rule.SESSIONS, f"{code}: {abs(missing)} {what}", abs(missing)
                )
            )

    for code, used in starts.items():
        event = events[code]
        for start in sorted(used):
            slot = start % grid.periods_per_day
            allowed = event.allowed_periods is None or start in event.allowed_periods
            if not allowed or slot + event.duration > grid.periods_per_day:
                found.append(Itc2007Violation(Itc2007Rule.UNAVAILABLE, f"{code} at period {start}"))

    seen: set[tuple[str, str, int]] = set()
    for session in timetable.sessions:
        placed = events.get(session.event)
        key = (session.event, session.room, session.period)
        if placed is None or placed.allowed_rooms is None or key in seen:
            continue
        seen.add(key)
        if session.room not in placed.allowed_rooms:
            found.append(
                Itc2007Violation(Itc2007Rule.ROOM_NOT_ALLOWED, f"{session.event} in {session.room}")
            )

    found.extend(_clashes(problem, starts))
    found.extend(_room_occupancy(problem, timetable, events))
    return found


def _clashes(problem: TimetableProblem, starts: dict[str, set[int]]) -> list[Itc2007Violation]:
    events = {event.code: event for event in problem.events}
    at: dict[int, list[str]] = defaultdict(list)
    overlaps: list[Itc2007Violation] = []
    for code in sorted(starts):
        occupied: dict[int, int] = defaultdict(int)
        for start in starts[code]:
            for period in _occupied(events[code], start):
                occupied[period] += 1
        for period, count in sorted(occupied.items()):
            at[period].append(code)
            if count > 1:  # sessions of one event overlap (possible only with durations above 1)
                overlaps.append(
                    Itc2007Violation(
                        Itc2007Rule.CLASH, f"{code} twice at period {period}", count - 1
                    )
                )
    clashes: list[Itc2007Violation] = []
    for period in sorted(at):
        for first, second in combinations(at[period], 2):
            if set(events[first].resources) & set(events[second].resources):
                clashes.append(
                    Itc2007Violation(Itc2007Rule.CLASH, f"{first} and {second} at period {period}")
                )
    return clashes + overlaps


def _room_occupancy(
    problem: TimetableProblem, timetable: Timetable, events: dict[str, Event]
) -> list[Itc2007Violation]:
    held: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for session in timetable.sessions:
        event = events.get(session.event)
        if event is None:
            continue
        for period in _occupied(event, session.period):
            held[(session.room, period)].add((session.event, session.period))
    return [
        Itc2007Violation(Itc2007Rule.ROOM_OCCUPIED, f"{room} at period {period}", len(sessions) - 1)
        for (room, period), sessions in sorted(held.items())
        if len(sessions) > 1
    ]


def itc2007_cost(problem: TimetableProblem, timetable: Timetable) -> CostBreakdown:
    """The weighted soft cost of the timetable, as the UD2 validator counts it."""
    weights = problem.weights
    grid = problem.grid
    events = {event.code: event for event in problem.events}
    capacity = {room.code: room.capacity for room in problem.rooms}
    placed = {
        (s.event, s.room, s.period)
        for s in timetable.sessions
        if s.event in events and s.room in capacity
    }

    over = sum(max(0, events[e].size - capacity[r]) for e, r, _ in placed)

    days: dict[str, set[int]] = defaultdict(set)
    rooms: dict[str, set[str]] = defaultdict(set)
    for event, room, period in placed:
        days[event].add(period // grid.periods_per_day)
        rooms[event].add(room)
    short = sum(max(0, e.min_days - len(days[e.code])) for e in problem.events)
    moves = sum(len(used) - 1 for used in rooms.values())

    isolated = 0
    for resource in problem.resources:
        if not resource.compact:
            continue
        count: dict[int, int] = defaultdict(int)
        for event, start in {(e, p) for e, _, p in placed}:
            if resource.code in events[event].resources:
                for period in _occupied(events[event], start):
                    count[period] += 1
        for period, n in count.items():
            slot = period % grid.periods_per_day
            before = count.get(period - 1, 0) if slot > 0 else 0
            after = count.get(period + 1, 0) if slot < grid.periods_per_day - 1 else 0
            if before == 0 and after == 0:
                isolated += n

    return CostBreakdown(
        room_capacity=weights.room_capacity * over,
        min_working_days=weights.min_working_days * short,
        isolated_sessions=weights.isolated_sessions * isolated,
        room_stability=weights.room_stability * moves,
    )
