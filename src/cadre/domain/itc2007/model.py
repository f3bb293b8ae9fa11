"""The timetabling vocabulary: a time grid, rooms, resources and the events to place in them.

An event is something taught in `sessions` separate meetings of `duration` periods each (an
ITC-2007 course is an event whose sessions are its lectures). Resources (instructors, cohorts,
curricula) cannot be in two places at once; two events conflict when they share one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class TimeGrid:
    """Days of equal length; period `p` is slot `p % periods_per_day` of day `p // ...`."""

    days: int
    periods_per_day: int

    @property
    def periods(self) -> int:
        return self.days * self.periods_per_day


@dataclass(frozen=True)
class TimetableRoom:
    code: str
    capacity: int


class ResourceKind(StrEnum):
    INSTRUCTOR = "instructor"
    CURRICULUM = "curriculum"
    COHORT = "cohort"


@dataclass(frozen=True)
class Resource:
    """Someone or something that attends every session of its events.

    `compact` resources (curricula, cohorts) prefer days without isolated sessions.
    """

    code: str
    kind: ResourceKind
    compact: bool = False


@dataclass(frozen=True)
class Event:
    """A course (or course run) to schedule: `sessions` meetings, each in one room.

    `allowed_periods` are the periods a session may start in (None: any); `allowed_rooms`
    likewise (None: any). Sessions should fall on at least `min_days` distinct days.
    """

    code: str
    sessions: int
    size: int
    resources: tuple[str, ...]
    min_days: int = 1
    duration: int = 1
    allowed_periods: frozenset[int] | None = None
    allowed_rooms: frozenset[str] | None = None


@dataclass(frozen=True)
class SoftWeights:
    """Weights of the soft constraints; the defaults are those of ITC-2007 UD2."""

    room_capacity: int = 1
    min_working_days: int = 5
    isolated_sessions: int = 2
    room_stability: int = 1


@dataclass(frozen=True)
class TimetableProblem:
    name: str
    grid: TimeGrid
    rooms: tuple[TimetableRoom, ...]
    resources: tuple[Resource, ...]
    events: tuple[Event, ...]
    weights: SoftWeights = field(default_factory=SoftWeights)


@dataclass(frozen=True)
class Session:
    """One meeting of an event: in `room`, starting at `period` (day-major index)."""

    event: str
    room: str
    period: int


@dataclass(frozen=True)
class Timetable:
    sessions: tuple[Session, ...]
