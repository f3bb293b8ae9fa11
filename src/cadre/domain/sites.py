"""Where teaching happens: sites with rooms, their working week and holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from cadre.domain.record_names import NO_NAMES, Names


class SiteKind(StrEnum):
    SCHOOL = "school"
    ACADEMY = "academy"
    TRAINING_CENTRE = "training_centre"
    HEADQUARTERS = "headquarters"
    ABROAD = "abroad"


class Weekday(IntEnum):
    """Numbered as `datetime.date.weekday()` numbers them, so a date maps straight onto one."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def label(self) -> str:
        return self.name.lower()


IRAQI_WORKING_WEEK = frozenset(
    {Weekday.SUN, Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU},
)


@dataclass(frozen=True)
class Room:
    code: str
    capacity: int


@dataclass(frozen=True)
class Holiday:
    """A closure from `start` to `end`, both days included."""

    name: str
    start: dt.date
    end: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Site:
    code: str
    name: str
    kind: SiteKind
    region: str  # governorate at home, country abroad
    time_zone: str = "Asia/Baghdad"
    rooms: tuple[Room, ...] = ()
    working_week: frozenset[Weekday] = IRAQI_WORKING_WEEK
    holidays: tuple[Holiday, ...] = ()
    disciplines: frozenset[str] = frozenset()  # what it can teach; empty: any discipline
    names: Names = NO_NAMES  # the name in other languages; `name` is the English one

    def teaches(self, discipline: str) -> bool:
        return not self.disciplines or discipline in self.disciplines

    def is_working_day(self, day: dt.date) -> bool:
        if Weekday(day.weekday()) not in self.working_week:
            return False
        return not any(holiday.covers(day) for holiday in self.holidays)

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days from `start` to `end`, both included."""
        days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        return [day for day in days if self.is_working_day(day)]
