"""The timetable's runs as enrolment sees them: dates, teaching days, seats, the course's
language and prerequisites, and who teaches. Read from the timetable the mission runs by
(`load_timetable`), so a re-plan moves what enrolment checks against."""

from __future__ import annotations

from dataclasses import dataclass

from cadre.domain.errors import NotFound
from cadre.domain.training.enrolment import RunSeats
from cadre.services.timetable.queries import load_timetable, view_of
from cadre.services.unit_of_work import UnitOfWork


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


def mission_runs(uow: UnitOfWork, mission: str | None) -> MissionRuns:
    """Every placed run of the mission's timetable; NotFound when there is none yet."""
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
