"""The mission problem as numbers for CP-SAT: days as offsets from the horizon's start, each
run's possible starts with the end each implies, its rooms and its candidate instructors.

Working out who may teach what is done here on its own terms (not with the domain's checker
predicates), so that the checker stays an independent second reading of the rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from cadre.domain.catalogue import Course, InstructorLevel
from cadre.domain.contributors import Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.timetable.problem import MissionProblem, StartRule

INSTRUCTOR = InstructorLevel.INSTRUCTOR.value
ASSISTANT = InstructorLevel.ASSISTANT_INSTRUCTOR.value


@dataclass(frozen=True)
class Candidate:
    """A trainer who may teach a run when it starts at `starts[first..last]` (in theatre)."""

    trainer: str
    certified: bool
    first: int
    last: int


@dataclass(frozen=True)
class RunTable:
    run: CourseRun
    days: int  # teaching days
    team: int
    starts: tuple[int, ...]  # possible first days, as offsets, increasing
    ends: tuple[int, ...]  # the day after the last teaching day for each start
    rooms: tuple[str, ...]  # rooms of the site that seat the class
    candidates: tuple[Candidate, ...]

    @property
    def placeable(self) -> bool:
        """Whether the run could be placed at all, ignoring every other run."""
        return (
            bool(self.starts)
            and bool(self.rooms)
            and len(self.candidates) >= self.team
            and any(c.certified for c in self.candidates)
        )


def offset(problem: MissionProblem, day: dt.date) -> int:
    return (day - problem.start).days


def _working_offsets(problem: MissionProblem) -> dict[str, list[int]]:
    span = (problem.end - problem.start).days + 1
    out = {}
    for site in problem.sites:
        out[site.code] = [
            k for k in range(span) if site.is_working_day(problem.start + dt.timedelta(days=k))
        ]
    return out


class _Ladder:
    """Each trainer's highest rung per discipline, and what each course asks for."""

    def __init__(self, problem: MissionProblem) -> None:
        levels = {q.code: (q.discipline, q.level.value) for q in problem.qualifications}
        self._levels = levels
        self._rungs: dict[str, dict[str, int]] = {}
        for t in problem.trainers:
            rungs: dict[str, int] = {}
            for code in t.qualifications:
                if code in levels:
                    discipline, level = levels[code]
                    rungs[discipline] = max(rungs.get(discipline, 0), level)
            self._rungs[t.code] = rungs

    def role(self, trainer: Trainer, course: Course, host: str) -> bool | None:
        """True certified, False under certification (co-teaching), None not qualified."""
        if course.instructor_qualification in trainer.qualifications:
            return True
        discipline, wanted = self._levels.get(course.instructor_qualification, ("", 99))
        rung = self._rungs[trainer.code].get(course.discipline, 0)
        if discipline == course.discipline and rung >= max(wanted, INSTRUCTOR):
            return True
        if trainer.nation == host and rung == ASSISTANT and wanted <= INSTRUCTOR:
            return False
        return None


def _barred(problem: MissionProblem, trainer: Trainer, run: CourseRun) -> bool:
    site = problem.site(run.site)
    for caveat in problem.caveats.get(trainer.code, ()):
        if caveat.allowed_sites and site.code not in caveat.allowed_sites:
            return True
        if site.code in caveat.forbidden_sites or site.region in caveat.forbidden_regions:
            return True
        if caveat.allowed_regions and site.region not in caveat.allowed_regions:
            return True
        if run.mode in caveat.forbidden_modes:
            return True
    return False


def tabulate(problem: MissionProblem) -> list[RunTable]:
    working = _working_offsets(problem)
    # A day is "after a day off" unless the day before it is worked (before the horizon too).
    worked = {
        site.code: set(working[site.code])
        | ({-1} if site.is_working_day(problem.start - dt.timedelta(days=1)) else set())
        for site in problem.sites
    }
    every_day = problem.starts is StartRule.ANY_WORKING_DAY
    ladder = _Ladder(problem)
    tables = []
    for run in problem.runs:
        course = problem.course(run.course)
        days = working[run.site]
        low = offset(problem, max(run.earliest, problem.start))
        high = offset(problem, min(run.latest, problem.end))
        starts, ends = [], []
        first = bisect.bisect_left(days, low)
        earliest = offset(problem, run.earliest)
        for i in range(first, len(days) - course.duration_days + 1):
            last = days[i + course.duration_days - 1]
            if last > high:
                break
            if every_day or days[i] == earliest or days[i] - 1 not in worked[run.site]:
                starts.append(days[i])
                ends.append(last + 1)
        size = problem.class_size(run)
        rooms = tuple(r.code for r in problem.site(run.site).rooms if r.capacity >= size)
        candidates = []
        for t in problem.trainers:
            if run.host_led and t.nation != problem.host:
                continue
            role = ladder.role(t, course, problem.host)
            if role is None or _barred(problem, t, run):
                continue
            a = bisect.bisect_left(starts, offset(problem, t.in_theatre_from))
            b = bisect.bisect_right(ends, offset(problem, t.in_theatre_to) + 1) - 1
            if a <= b:
                candidates.append(Candidate(t.code, role, a, b))
        tables.append(
            RunTable(
                run,
                course.duration_days,
                course.instructors_per_run,
                tuple(starts),
                tuple(ends),
                rooms,
                tuple(candidates),
            )
        )
    return tables
