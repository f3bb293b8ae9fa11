"""What the empty posts cost: the course runs that cannot happen, and the caveats that alone
keep ready people off posts that need them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.domain.catalogue import Course
from cadre.domain.force.problem import Allocation, ForceProblem
from cadre.domain.months import months_of
from cadre.domain.requirements import PostKind, RequirementLine


@dataclass(frozen=True)
class RunsLost:
    """Course runs that cannot be taught, counted in run-months (one run going for a month)."""

    course: str
    run_months: float


@dataclass(frozen=True)
class Shortfall:
    line: RequirementLine
    post_months: int
    first_month: dt.date
    last_month: dt.date
    worst: int  # most posts empty in one month
    runs_lost: tuple[RunsLost, ...]

    @property
    def run_months_lost(self) -> float:
        return sum(r.run_months for r in self.runs_lost)


def empty_posts(
    problem: ForceProblem, allocations: Sequence[Allocation]
) -> dict[str, dict[dt.date, int]]:
    """For each line, the posts left empty in each month it needs them (only months with any)."""
    placed: Counter[tuple[str, dt.date]] = Counter()
    for a in allocations:
        for month in months_of(a.first_month, a.last_month):
            placed[a.line, month] += a.people
    empty: dict[str, dict[dt.date, int]] = {}
    for line in problem.lines:
        short = {
            m: line.count - placed[line.number, m]
            for m in months_of(line.start, line.end)
            if placed[line.number, m] < line.count
        }
        if short:
            empty[line.number] = short
    return empty


def shortfalls(
    problem: ForceProblem, allocations: Sequence[Allocation], courses: Sequence[Course] = ()
) -> tuple[Shortfall, ...]:
    """Every line with empty posts, worst first: critical lines first, then by the course
    run-months lost, then by the post-months empty.

    A teaching line's missing instructors stop runs of its courses (or of the courses taught
    with its qualification), shared evenly between them, at each course's instructors per
    run. A mobile team short of force protection does not go out: its protected share of the
    team is lost as if those instructors were missing.
    """
    empty = empty_posts(problem, allocations)
    lines = problem.lines_by_number
    found: list[Shortfall] = []
    for number, short in empty.items():
        line = lines[number]
        lost: dict[str, float] = defaultdict(float)
        teaching = line
        missing: dict[dt.date, float] = dict(short)
        if line.kind is PostKind.FORCE_PROTECTION and line.protects in lines:
            teaching = lines[line.protects]
            ratio = teaching.count / line.count
            missing = {m: s * ratio for m, s in short.items()}
        if teaching.kind is PostKind.TEACHING:
            taught = _courses_of(teaching, courses)
            for course in taught:
                for people in missing.values():
                    lost[course.code] += people / len(taught) / course.instructors_per_run
        found.append(
            Shortfall(
                line,
                sum(short.values()),
                min(short),
                max(short),
                max(short.values()),
                tuple(RunsLost(c, round(v, 2)) for c, v in sorted(lost.items())),
            )
        )
    found.sort(key=lambda s: (s.line.criticality.priority, -s.run_months_lost, -s.post_months))
    return tuple(found)


def _courses_of(line: RequirementLine, courses: Sequence[Course]) -> list[Course]:
    if line.courses:
        return [c for c in courses if c.code in line.courses]
    return [c for c in courses if c.instructor_qualification == line.qualification]
