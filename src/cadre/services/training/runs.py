"""The timetable's runs as enrolment sees them: dates, teaching days, seats, the course's
language and prerequisites, and who teaches. Read from the timetable the mission runs by
(`load_timetable`), so a re-plan moves what enrolment checks against."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from cadre.domain.errors import NotFound
from cadre.domain.training.enrolment import RunSeats
from cadre.services.timetable.queries import KIND, load_timetable, view_of
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_marks


@dataclass(frozen=True)
class MissionRuns:
    number: int  # the timetable version they come from
    runs: dict[str, RunSeats]

    def run(self, code: str) -> RunSeats:
        found = self.runs.get(code)
        if found is None:
            raise NotFound(f"run {code} is not in the timetable", code="run.not_found", run=code)
        return found

    def taught_by(self, trainer: str) -> frozenset[str]:
        return frozenset(r.run for r in self.runs.values() if trainer in r.instructors)


# Readings of adopted timetables by (database, plan row, made at): a stored version never changes,
# so a reading holds while that version stays the adopted one. A few, the newest kept.
_READ: OrderedDict[tuple[str, int, dt.datetime], MissionRuns] = OrderedDict()
_KEEP = 8


def mission_runs(uow: UnitOfWork, mission: str | None) -> MissionRuns:
    """Every placed run of the mission's timetable; NotFound when there is none yet."""
    with uow.transaction() as session:
        adopted = training_marks.adopted_plan_stamp(session, mission, KIND)
    key = (str(uow.engine.url), *adopted) if adopted is not None else None
    if key is not None and key in _READ:
        _READ.move_to_end(key)
        return _READ[key]
    found = _read_runs(uow, mission)
    if key is not None:
        _READ[key] = found
        while len(_READ) > _KEEP:
            _READ.popitem(last=False)
    return found


def _read_runs(uow: UnitOfWork, mission: str | None) -> MissionRuns:
    version = load_timetable(uow, None, mission)
    found = {}
    for placed in view_of(version).runs:
        course = version.scenario.course(placed.course)
        found[placed.run] = RunSeats(
            run=placed.run,
            course=course.code,
            language=course.language,
            prerequisites=course.prerequisites,
            start=placed.start,
            end=placed.end,
            days=placed.days,
            seats=course.max_class_size,
            instructors=placed.instructors,
            site=placed.site,
        )
    return MissionRuns(version.number, found)


def no_runs(_trainer: str) -> frozenset[str]:
    return frozenset()


def taught_runs(uow: UnitOfWork, mission: str | None) -> MissionRuns | None:
    """The timetable's runs, or None when there is no timetable yet (nobody teaches)."""
    try:
        return mission_runs(uow, mission)
    except NotFound:
        return None
