"""A timetable as it is kept: the runs asked for, the answer, the notes on how the runs were
made, and the changes applied since the first timetable of the series."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from cadre.domain.course_runs import CourseRun
from cadre.domain.timetable.changes import Change
from cadre.domain.timetable.problem import MissionProblem, PlacedRun, StartRule
from cadre.domain.timetable.result import MissionResult, Move, UnplacedRun
from cadre.domain.timetable.rules import certified_for, under_certification_for


@dataclass(frozen=True)
class TimetablePlan:
    runs: tuple[CourseRun, ...]
    start: dt.date
    end: dt.date
    result: MissionResult
    starts: StartRule = StartRule.AFTER_DAY_OFF
    notes: tuple[str, ...] = ()  # e.g. how the capacity plan was rounded, runs left open
    changes: tuple[Change, ...] = ()  # applied to the scenario, oldest first

    @cached_property
    def _runs(self) -> dict[str, CourseRun]:
        return {r.code: r for r in self.runs}

    def run(self, code: str) -> CourseRun:
        return self._runs[code]


@dataclass(frozen=True)
class CoTeaching:
    """A host instructor under certification and the certified instructor they teach beside."""

    learner: str
    mentor: str


def co_teaching(problem: MissionProblem, placed: PlacedRun) -> tuple[CoTeaching, ...]:
    """Each learner in the run paired with a certified colleague, host ones first (they will
    certify them), spreading learners over mentors."""
    course = problem.run(placed.run).course
    people = [problem.trainer(code) for code in placed.instructors if problem.has("trainer", code)]
    learners = [t for t in people if under_certification_for(problem, t, course)]
    mentors = sorted(
        (t for t in people if certified_for(problem, t, course)),
        key=lambda t: (t.nation != problem.host, t.code),
    )
    if not mentors:
        return ()
    return tuple(
        CoTeaching(learner.code, mentors[k % len(mentors)].code)
        for k, learner in enumerate(learners)
    )


@dataclass(frozen=True)
class CalendarRun:
    """A placed run as calendar views show it (site, instructor or cohort views)."""

    uid: str  # stable across re-plans: the same run keeps it
    run: str
    course: str
    title: str
    site: str
    room: str
    start: dt.date
    end: dt.date  # the last teaching day
    days: tuple[dt.date, ...]  # the teaching days: the site's working days in between
    instructors: tuple[str, ...]
    cohort: str | None
    co_teaching: tuple[CoTeaching, ...]


@dataclass(frozen=True)
class TimetableView:
    number: int
    created_at: dt.datetime
    status: str
    time_zone: str
    runs: tuple[CalendarRun, ...]  # placed, by first day
    unplaced: tuple[UnplacedRun, ...]
    moves: tuple[Move, ...]  # what the re-plan that made this version moved, and why
