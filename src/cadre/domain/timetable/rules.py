"""Who may teach a run, and on which days a run falls: the mission's rules as plain predicates.

The checker and the explanation of unplaced runs read them; the solver does not (it builds its
own candidate lists), so that a misreading on either side shows up as a conflict in the tests.
"""

from __future__ import annotations

import datetime as dt

from cadre.domain.catalogue import InstructorLevel
from cadre.domain.contributors import Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.sites import Site
from cadre.domain.timetable.problem import MissionProblem, StartRule


def certified_for(problem: MissionProblem, trainer: Trainer, course_code: str) -> bool:
    """A trainer is certified for a course who holds its instructor qualification, or an
    instructor-level (or higher) qualification of its discipline at least as high."""
    course = problem.course(course_code)
    if course.instructor_qualification in trainer.qualifications:
        return True
    wanted = problem.qualification(course.instructor_qualification)
    if wanted is None:
        return False
    for code in trainer.qualifications:
        held = problem.qualification(code)
        if (
            held is not None
            and held.discipline == course.discipline
            and held.level.value >= max(wanted.level.value, InstructorLevel.INSTRUCTOR.value)
        ):
            return True
    return False


def under_certification_for(problem: MissionProblem, trainer: Trainer, course_code: str) -> bool:
    """A host instructor is under certification for a course who holds only an assistant-
    instructor qualification of its discipline, and the course is taught at instructor level
    (an assistant never co-teaches a master trainer course)."""
    if trainer.nation != problem.host or certified_for(problem, trainer, course_code):
        return False
    course = problem.course(course_code)
    wanted = problem.qualification(course.instructor_qualification)
    if wanted is None or wanted.level.value > InstructorLevel.INSTRUCTOR.value:
        return False
    return any(
        (held := problem.qualification(code)) is not None
        and held.discipline == course.discipline
        and held.level is InstructorLevel.ASSISTANT_INSTRUCTOR
        for code in trainer.qualifications
    )


def may_teach(problem: MissionProblem, trainer: Trainer, run: CourseRun) -> bool:
    """Qualified (or under certification), and a host instructor when the run is host-led."""
    if run.host_led and trainer.nation != problem.host:
        return False
    return certified_for(problem, trainer, run.course) or under_certification_for(
        problem, trainer, run.course
    )


def allowed_at(problem: MissionProblem, trainer: Trainer, run: CourseRun) -> bool:
    """Every caveat the trainer serves under allows the run's site and its delivery mode."""
    site = problem.site(run.site)
    return all(
        caveat.allows_site(site.code, site.region) and caveat.allows_mode(run.mode)
        for caveat in problem.caveats.get(trainer.code, ())
    )


def may_start(problem: MissionProblem, run: CourseRun, day: dt.date) -> bool:
    """A run begins on a working day of its site allowed by the problem's start rule."""
    site = problem.site(run.site)
    if not site.is_working_day(day):
        return False
    if problem.starts is StartRule.ANY_WORKING_DAY:
        return True
    return day == run.earliest or not site.is_working_day(day - dt.timedelta(days=1))


def teaching_days(site: Site, start: dt.date, count: int, until: dt.date) -> list[dt.date]:
    """The first `count` working days of the site from `start`, looking no further than
    `until`; fewer when the site does not have that many by then."""
    days: list[dt.date] = []
    day = start
    while len(days) < count and day <= until:
        if site.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def prerequisite_closure(problem: MissionProblem, course_code: str) -> frozenset[str]:
    """Every course that must come before `course_code`, directly or through another."""
    found: set[str] = set()
    stack = list(problem.course(course_code).prerequisites)
    while stack:
        code = stack.pop()
        if code in found or not problem.has("course", code):
            continue
        found.add(code)
        stack.extend(problem.course(code).prerequisites)
    return frozenset(found)
