"""The independent checker of mission timetables (`check_timetable`): every hard rule,
recomputed from scratch.

It shares no code with the solver (`cadre.solvers.timetable`): it reads the problem
and the timetable as a commandant would, one rule per function, so a bug on either side shows.
Spans are calendar days from a run's first to its last teaching day: a person or room is
committed to a run over the weekends and holidays inside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

from cadre.domain.timetable.problem import MissionProblem, MissionTimetable, PlacedRun
from cadre.domain.timetable.rules import (
    allowed_at,
    certified_for,
    may_start,
    prerequisite_closure,
    under_certification_for,
)


class MissionRule(StrEnum):
    UNKNOWN = "unknown"
    WINDOW = "window"
    WORKING_DAYS = "working_days"
    START_DAY = "start_day"
    TEAM_SIZE = "team_size"
    QUALIFIED = "qualified"
    HOST_LED = "host_led"
    IN_THEATRE = "in_theatre"
    CAVEAT = "caveat"
    CO_TEACHING = "co_teaching"
    ROOM = "room"
    INSTRUCTOR_CLASH = "instructor_clash"
    COHORT_CLASH = "cohort_clash"
    ROOM_CLASH = "room_clash"
    PREREQUISITE = "prerequisite"


@dataclass(frozen=True)
class TimetableViolation:
    rule: MissionRule
    run: str
    detail: str


Check = Callable[[MissionProblem, list[PlacedRun]], Iterator[TimetableViolation]]


def check_timetable(
    problem: MissionProblem, timetable: MissionTimetable
) -> list[TimetableViolation]:
    """Every hard rule the timetable breaks; empty when it keeps them all."""
    found = list(_unknown(problem, timetable))
    known = [
        p
        for p in timetable.placed
        if problem.has("run", p.run) and all(problem.has("trainer", t) for t in p.instructors)
    ]
    for check in CHECKS:
        found.extend(check(problem, known))
    return found


def _unknown(problem: MissionProblem, timetable: MissionTimetable) -> Iterator[TimetableViolation]:
    """A timetable names only runs and trainers of the problem, and places each run once."""
    seen: set[str] = set()
    for p in timetable.placed:
        if not problem.has("run", p.run):
            yield TimetableViolation(MissionRule.UNKNOWN, p.run, "no such run")
        elif p.run in seen:
            yield TimetableViolation(MissionRule.UNKNOWN, p.run, "placed twice")
        seen.add(p.run)
        for code in p.instructors:
            if not problem.has("trainer", code):
                yield TimetableViolation(MissionRule.UNKNOWN, p.run, f"no such trainer {code}")


def within_window(problem: MissionProblem, placed: list[PlacedRun]) -> Iterator[TimetableViolation]:
    """A run starts no earlier than its earliest day and ends no later than its latest, within
    the horizon."""
    for p in placed:
        run = problem.run(p.run)
        first, last = max(run.earliest, problem.start), min(run.latest, problem.end)
        if p.start < first or p.end > last or p.end < p.start:
            yield TimetableViolation(
                MissionRule.WINDOW, p.run, f"{p.start}–{p.end} is outside {first}–{last}"
            )


def on_working_days(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """A run of d days starts on a working day of its site and ends on the d-th working day
    from there, so it skips the site's weekends and holidays and nothing else."""
    for p in placed:
        run = problem.run(p.run)
        site = problem.site(run.site)
        wanted = problem.course(run.course).duration_days
        days = site.working_days(p.start, p.end)
        if (
            not site.is_working_day(p.start)
            or not site.is_working_day(p.end)
            or len(days) != wanted
        ):
            yield TimetableViolation(
                MissionRule.WORKING_DAYS,
                p.run,
                f"{p.start}–{p.end} holds {len(days)} working days at {site.code}, not {wanted}",
            )


def starts_on_allowed_day(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """A run starts on a day the start rule allows (by default the first working day after a
    day off, or its earliest day)."""
    for p in placed:
        if not may_start(problem, problem.run(p.run), p.start):
            yield TimetableViolation(
                MissionRule.START_DAY, p.run, f"{p.start} is not a start day ({problem.starts})"
            )


def team_is_complete(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """A run has exactly as many different instructors as its course asks for."""
    for p in placed:
        wanted = problem.course(problem.run(p.run).course).instructors_per_run
        if len(set(p.instructors)) != wanted or len(p.instructors) != wanted:
            yield TimetableViolation(
                MissionRule.TEAM_SIZE, p.run, f"{len(p.instructors)} instructors, not {wanted}"
            )


def instructors_qualified(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """Each instructor is certified for the course, or a host instructor under certification;
    a host-led run has host instructors only."""
    for p in placed:
        run = problem.run(p.run)
        for code in p.instructors:
            trainer = problem.trainer(code)
            if not (
                certified_for(problem, trainer, run.course)
                or under_certification_for(problem, trainer, run.course)
            ):
                yield TimetableViolation(
                    MissionRule.QUALIFIED, p.run, f"{code} is not qualified for {run.course}"
                )
            if run.host_led and trainer.nation != problem.host:
                yield TimetableViolation(
                    MissionRule.HOST_LED, p.run, f"{code} ({trainer.nation}) in a host-led run"
                )


def instructors_in_theatre(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """Each instructor is in theatre from the run's first day to its last."""
    for p in placed:
        for code in p.instructors:
            trainer = problem.trainer(code)
            if not (trainer.in_theatre_from <= p.start and p.end <= trainer.in_theatre_to):
                yield TimetableViolation(
                    MissionRule.IN_THEATRE,
                    p.run,
                    f"{code} is in theatre {trainer.in_theatre_from}–{trainer.in_theatre_to}",
                )


def caveats_respected(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """Each instructor's caveats allow the run's site and delivery mode."""
    for p in placed:
        run = problem.run(p.run)
        for code in p.instructors:
            if not allowed_at(problem, problem.trainer(code), run):
                yield TimetableViolation(
                    MissionRule.CAVEAT, p.run, f"{code} may not teach at {run.site} ({run.mode})"
                )


def co_teaching(problem: MissionProblem, placed: list[PlacedRun]) -> Iterator[TimetableViolation]:
    """A host instructor under certification teaches only beside a certified instructor."""
    for p in placed:
        course = problem.run(p.run).course
        learners = [
            c for c in p.instructors if under_certification_for(problem, problem.trainer(c), course)
        ]
        certified = [c for c in p.instructors if certified_for(problem, problem.trainer(c), course)]
        if learners and not certified:
            yield TimetableViolation(
                MissionRule.CO_TEACHING, p.run, f"{', '.join(learners)} without a certified peer"
            )


def room_fits(problem: MissionProblem, placed: list[PlacedRun]) -> Iterator[TimetableViolation]:
    """A run is held in a room of its site that seats its class."""
    for p in placed:
        run = problem.run(p.run)
        rooms = {r.code: r.capacity for r in problem.site(run.site).rooms}
        size = problem.class_size(run)
        if p.room not in rooms:
            yield TimetableViolation(
                MissionRule.ROOM, p.run, f"{p.room} is not a room of {run.site}"
            )
        elif rooms[p.room] < size:
            yield TimetableViolation(
                MissionRule.ROOM, p.run, f"{p.room} seats {rooms[p.room]}, the class is {size}"
            )


def _overlap(a: PlacedRun, b: PlacedRun) -> bool:
    return a.start <= b.end and b.start <= a.end


def _clashes(
    groups: dict[str, list[PlacedRun]], rule: MissionRule, what: str
) -> Iterator[TimetableViolation]:
    for key in sorted(groups):
        ordered = sorted(groups[key], key=lambda p: (p.start, p.run))
        for a, b in combinations(ordered, 2):
            if _overlap(a, b):
                yield TimetableViolation(rule, b.run, f"{what} {key} is also in {a.run}")


def instructor_once(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """An instructor is never in two runs whose spans overlap."""
    groups: dict[str, list[PlacedRun]] = defaultdict(list)
    for p in placed:
        for code in set(p.instructors):
            groups[code].append(p)
    return _clashes(groups, MissionRule.INSTRUCTOR_CLASH, "instructor")


def cohort_once(problem: MissionProblem, placed: list[PlacedRun]) -> Iterator[TimetableViolation]:
    """A cohort is never in two runs whose spans overlap."""
    groups: dict[str, list[PlacedRun]] = defaultdict(list)
    for p in placed:
        cohort = problem.run(p.run).cohort
        if cohort is not None:
            groups[cohort].append(p)
    return _clashes(groups, MissionRule.COHORT_CLASH, "cohort")


def room_once(problem: MissionProblem, placed: list[PlacedRun]) -> Iterator[TimetableViolation]:
    """A room holds one run at a time."""
    groups: dict[str, list[PlacedRun]] = defaultdict(list)
    for p in placed:
        groups[f"{problem.run(p.run).site}/{p.room}"].append(p)
    return _clashes(groups, MissionRule.ROOM_CLASH, "room")


def prerequisites_first(
    problem: MissionProblem, placed: list[PlacedRun]
) -> Iterator[TimetableViolation]:
    """A cohort's run of a course starts after each of its runs of a course required before it
    has ended; and is placed only when those are."""
    by_code = {p.run: p for p in placed}
    for p in placed:
        run = problem.run(p.run)
        if run.cohort is None:
            continue
        before = prerequisite_closure(problem, run.course)
        for other in problem.runs:
            if other.cohort != run.cohort or other.course not in before:
                continue
            earlier = by_code.get(other.code)
            if earlier is None:
                yield TimetableViolation(
                    MissionRule.PREREQUISITE, p.run, f"{other.code} ({other.course}) is unplaced"
                )
            elif earlier.end >= p.start:
                yield TimetableViolation(
                    MissionRule.PREREQUISITE,
                    p.run,
                    f"starts {p.start}, before {other.code} ({other.course}) ends {earlier.end}",
                )


CHECKS: tuple[Check, ...] = (
    within_window,
    on_working_days,
    starts_on_allowed_day,
    team_is_complete,
    instructors_qualified,
    instructors_in_theatre,
    caveats_respected,
    co_teaching,
    room_fits,
    instructor_once,
    cohort_once,
    room_once,
    prerequisites_first,
)
