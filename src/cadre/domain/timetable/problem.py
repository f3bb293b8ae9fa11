"""The mission timetable's vocabulary: whole course runs over calendar days, placed at a site's
room with named instructors, for a cohort.

Unlike the general model (`model.py`, periods of a repeating week), a run here occupies the
next `duration_days` working days of its site from its first day, skipping weekends and
holidays, so its calendar span depends on when it starts; and its instructors are chosen
from the trainers actually pledged rather than fixed in advance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from cadre.domain.catalogue import Course, Qualification
from cadre.domain.contributors import Caveat, Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.host import Cohort
from cadre.domain.sites import Site


@dataclass(frozen=True)
class MissionWeights:
    """What a commandant trades off once every run that can be placed is placed.

    Leaving a run out always costs more than all of these together (`MissionProblem.
    unplaced_penalty`). A re-plan's changes cost far more than any gain a preference could
    plausibly bring (one changed instructor outweighs 40 sites or 400 thousandths of load), so
    a re-plan changes a run to keep runs placed, not to polish.
    """

    extra_site: int = 20  # per instructor, per site taught at beyond the first
    cohort_finish_day: int = 1  # per cohort, per day from the horizon's start to its last run's end
    max_load: int = 2  # per thousandth of in-theatre days the busiest instructor teaches
    moved_run: int = 2000  # re-planning: a run that starts on another day
    changed_instructor: int = 800  # re-planning: an instructor no longer in a run's team
    changed_room: int = 300  # re-planning: a run in another room


class StartRule(StrEnum):
    """On which days a run may begin."""

    # The first working day after a day off (a week's first day, or the day after a holiday),
    # or the run's earliest day: how schools start courses, and a fifth of the choices.
    AFTER_DAY_OFF = "after_day_off"
    ANY_WORKING_DAY = "any_working_day"


@dataclass(frozen=True)
class MissionProblem:
    """Runs to place between `start` and `end` (both included) and the people and places."""

    mission: str
    host: str  # the host nation's code: its trainers are host instructors
    start: dt.date
    end: dt.date
    sites: tuple[Site, ...]
    courses: tuple[Course, ...]
    qualifications: tuple[Qualification, ...]
    trainers: tuple[Trainer, ...]
    caveats: Mapping[str, tuple[Caveat, ...]]  # by trainer: the caveats they serve under
    cohorts: tuple[Cohort, ...]
    runs: tuple[CourseRun, ...]
    weights: MissionWeights = field(default_factory=MissionWeights)
    starts: StartRule = StartRule.AFTER_DAY_OFF

    @cached_property
    def _sites(self) -> dict[str, Site]:
        return {s.code: s for s in self.sites}

    @cached_property
    def _courses(self) -> dict[str, Course]:
        return {c.code: c for c in self.courses}

    @cached_property
    def _trainers(self) -> dict[str, Trainer]:
        return {t.code: t for t in self.trainers}

    @cached_property
    def _cohorts(self) -> dict[str, Cohort]:
        return {c.code: c for c in self.cohorts}

    @cached_property
    def _runs(self) -> dict[str, CourseRun]:
        return {r.code: r for r in self.runs}

    @cached_property
    def _qualifications(self) -> dict[str, Qualification]:
        return {q.code: q for q in self.qualifications}

    def site(self, code: str) -> Site:
        return self._sites[code]

    def course(self, code: str) -> Course:
        return self._courses[code]

    def trainer(self, code: str) -> Trainer:
        return self._trainers[code]

    def cohort(self, code: str) -> Cohort:
        return self._cohorts[code]

    def run(self, code: str) -> CourseRun:
        return self._runs[code]

    def qualification(self, code: str) -> Qualification | None:
        return self._qualifications.get(code)

    def has(self, kind: str, code: str) -> bool:
        """Whether the problem knows a site, course, trainer, cohort or run of that code."""
        indexes: dict[str, Mapping[str, object]] = {
            "site": self._sites,
            "course": self._courses,
            "trainer": self._trainers,
            "cohort": self._cohorts,
            "run": self._runs,
        }
        return code in indexes[kind]

    def class_size(self, run: CourseRun) -> int:
        """Seats the room must hold: as written, the cohort's size, or for an open class the
        seats per run the capacity plan assumed (the class maximum, up to the largest room)."""
        if run.class_size is not None:
            return run.class_size
        if run.cohort is not None:
            return self.cohort(run.cohort).size
        largest = max((room.capacity for room in self.site(run.site).rooms), default=0)
        return min(self.course(run.course).max_class_size, largest)

    def unplaced_penalty(self) -> int:
        """More than every other term can add up to, so placing runs always comes first."""
        w = self.weights
        days = (self.end - self.start).days + 2
        team = max((c.instructors_per_run for c in self.courses), default=0)
        ceiling = (
            w.extra_site * len(self.trainers) * max(0, len(self.sites) - 1)
            + w.cohort_finish_day * days * len(self.cohorts)
            + w.max_load * 1000
            + len(self.runs) * (w.moved_run + team * w.changed_instructor + w.changed_room)
        )
        return ceiling + 1


@dataclass(frozen=True)
class PlacedRun:
    """A run in the timetable: from its first to its last teaching day, in one room."""

    run: str
    start: dt.date
    end: dt.date  # the last teaching day, included
    room: str
    instructors: tuple[str, ...]


@dataclass(frozen=True)
class MissionTimetable:
    """The runs placed; a run of the problem that is not here is unplaced."""

    placed: tuple[PlacedRun, ...]

    def of(self, run: str) -> PlacedRun | None:
        return next((p for p in self.placed if p.run == run), None)
