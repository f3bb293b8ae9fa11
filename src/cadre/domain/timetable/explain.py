"""Why a run is not in the timetable: each cause checked on its own, from the problem and the
timetable, never taken from the solver. Causes that need no other run come first (no room,
no qualified trainer in theatre, ...); then what the placed runs hold at every possible start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from cadre.domain.contributors import Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable, PlacedRun
from cadre.domain.timetable.result import Blocker, BlockerKind, UnplacedRun
from cadre.domain.timetable.rules import (
    allowed_at,
    certified_for,
    may_start,
    may_teach,
    prerequisite_closure,
    teaching_days,
)

LISTED = 4  # names quoted in a reason before "and n more"


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + (f" and {len(items) - LISTED} more" if len(items) > LISTED else "")


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date


def possible_spans(problem: MissionProblem, run: CourseRun) -> list[Span]:
    """Every span the run could take on its own: from each working day in its window."""
    site = problem.site(run.site)
    length = problem.course(run.course).duration_days
    first, last = max(run.earliest, problem.start), min(run.latest, problem.end)
    spans = []
    day = first
    while day <= last:
        if may_start(problem, run, day):
            days = teaching_days(site, day, length, last)
            if len(days) < length:
                break
            spans.append(Span(day, days[-1]))
        day += dt.timedelta(days=1)
    return spans


def explain_unplaced(
    problem: MissionProblem, timetable: MissionTimetable, *, proved: bool = False
) -> tuple[UnplacedRun, ...]:
    """Each unplaced run with what blocks it. `proved`: the timetable is optimal, so a run
    held out by others could not be placed without leaving out another."""
    placed = {p.run for p in timetable.placed}
    busy = _Busy.of(problem, timetable)
    return tuple(
        UnplacedRun(run.code, tuple(_blockers(problem, run, timetable, busy, proved)))
        for run in problem.runs
        if run.code not in placed
    )


def _blockers(
    problem: MissionProblem,
    run: CourseRun,
    timetable: MissionTimetable,
    busy: _Busy,
    proved: bool,
) -> Iterator[Blocker]:
    site, course = problem.site(run.site), problem.course(run.course)
    spans = possible_spans(problem, run)
    if not spans:
        yield Blocker(
            BlockerKind.NO_START,
            f"{run.earliest}–{run.latest} holds fewer than the {course.duration_days} working "
            f"days {course.code} lasts at {site.code}",
        )
        return
    size = problem.class_size(run)
    rooms = [r.code for r in site.rooms if r.capacity >= size]
    if not rooms:
        largest = max((r.capacity for r in site.rooms), default=0)
        yield Blocker(
            BlockerKind.NO_ROOM,
            f"no room at {site.code} seats a class of {size} (the largest seats {largest})",
        )
    found = _teams(problem, run, spans)
    if isinstance(found, Blocker):
        yield found
        return
    teams, present = found
    if not rooms:
        return
    blocker = _prerequisite(problem, run, timetable, teams[-1].start)
    if blocker is not None:
        yield blocker
        return
    after = _prerequisites_end(problem, run, timetable)
    teams = [s for s in teams if after is None or s.start > after]
    yield _held_by_others(run, _pressure(problem, run, teams, present, rooms, busy), proved)


Present = dict[Span, list[Trainer]]  # per span, who may teach the run and is in theatre


def _teams(
    problem: MissionProblem, run: CourseRun, spans: list[Span]
) -> tuple[list[Span], Present] | Blocker:
    """The spans in which a team for the run could be found on its own, with who is there;
    or why there are none: nobody qualified, caveats, nobody in theatre, too few together."""
    site, course = problem.site(run.site), problem.course(run.course)
    teachers = _qualified(problem, run)
    if teachers is None:
        return _no_qualified(problem, run)
    allowed = [t for t in teachers if allowed_at(problem, t, run)]
    if not allowed:
        barred = [f"{t.code} ({_caveat_codes(problem, t, run)})" for t in teachers]
        return Blocker(
            BlockerKind.CAVEATS,
            f"caveats bar every trainer qualified for {course.code} from {site.code} "
            f"({run.mode.value}): {_names(barred)}",
        )
    present = {span: [t for t in allowed if _in_theatre(t, span)] for span in spans}
    if not any(present.values()):
        windows = [f"{t.code} {t.in_theatre_from}–{t.in_theatre_to}" for t in allowed]
        return Blocker(
            BlockerKind.NOT_IN_THEATRE,
            f"no trainer qualified and allowed at {site.code} is in theatre for a whole run "
            f"between {spans[0].start} and {spans[-1].end}: {_names(windows)}",
        )
    teams = [s for s in spans if _can_team(problem, run, present[s])]
    if not teams:
        most = max(len(p) for p in present.values())
        return Blocker(
            BlockerKind.TOO_FEW,
            f"{course.code} needs {course.instructors_per_run} instructors, one of them "
            f"certified; at most {most} qualified and allowed at {site.code} are in theatre "
            "together for a whole run",
        )
    return teams, present


def _qualified(problem: MissionProblem, run: CourseRun) -> list[Trainer] | None:
    found = [t for t in problem.trainers if may_teach(problem, t, run)]
    return found or None


def _no_qualified(problem: MissionProblem, run: CourseRun) -> Blocker:
    course = problem.course(run.course)
    if run.host_led and any(
        certified_for(problem, t, course.code) for t in problem.trainers if t.nation != problem.host
    ):
        reason = f"it is host-led and no host instructor is qualified for {course.code}"
    else:
        reason = (
            f"no trainer holds {course.instructor_qualification} or a higher "
            f"{course.discipline} qualification"
        )
    return Blocker(BlockerKind.NO_QUALIFIED, reason)


def _caveat_codes(problem: MissionProblem, trainer: Trainer, run: CourseRun) -> str:
    site = problem.site(run.site)
    return ", ".join(
        c.code
        for c in problem.caveats.get(trainer.code, ())
        if not (c.allows_site(site.code, site.region) and c.allows_mode(run.mode))
    )


def _in_theatre(trainer: Trainer, span: Span) -> bool:
    return trainer.in_theatre_from <= span.start and span.end <= trainer.in_theatre_to


def _can_team(problem: MissionProblem, run: CourseRun, people: list[Trainer]) -> bool:
    wanted = problem.course(run.course).instructors_per_run
    return len(people) >= wanted and any(certified_for(problem, t, run.course) for t in people)


def _prerequisite(
    problem: MissionProblem, run: CourseRun, timetable: MissionTimetable, last_start: dt.date
) -> Blocker | None:
    if run.cohort is None:
        return None
    before = prerequisite_closure(problem, run.course)
    for other in problem.runs:
        if other.cohort != run.cohort or other.course not in before:
            continue
        earlier = timetable.of(other.code)
        if earlier is None:
            return Blocker(
                BlockerKind.PREREQUISITE,
                f"cohort {run.cohort} must first take {other.course}, and its run {other.code} "
                "is not placed",
            )
        if earlier.end >= last_start:
            return Blocker(
                BlockerKind.PREREQUISITE,
                f"cohort {run.cohort} finishes {other.course} ({other.code}) on {earlier.end}, "
                f"too late to start {run.course} by {last_start}",
            )
    return None


def _prerequisites_end(
    problem: MissionProblem, run: CourseRun, timetable: MissionTimetable
) -> dt.date | None:
    """The last day of the cohort's placed runs of courses required before this one."""
    if run.cohort is None:
        return None
    before = prerequisite_closure(problem, run.course)
    ends = [
        placed.end
        for other in problem.runs
        if other.cohort == run.cohort and other.course in before
        if (placed := timetable.of(other.code)) is not None
    ]
    return max(ends, default=None)


@dataclass(frozen=True)
class _Busy:
    """Spans the placed runs hold, per instructor, per room and per cohort."""

    instructors: dict[str, list[PlacedRun]]
    rooms: dict[tuple[str, str], list[PlacedRun]]
    cohorts: dict[str, list[PlacedRun]]

    @classmethod
    def of(cls, problem: MissionProblem, timetable: MissionTimetable) -> _Busy:
        instructors: dict[str, list[PlacedRun]] = defaultdict(list)
        rooms: dict[tuple[str, str], list[PlacedRun]] = defaultdict(list)
        cohorts: dict[str, list[PlacedRun]] = defaultdict(list)
        for p in timetable.placed:
            if not problem.has("run", p.run):
                continue
            run = problem.run(p.run)
            for code in p.instructors:
                instructors[code].append(p)
            rooms[(run.site, p.room)].append(p)
            if run.cohort is not None:
                cohorts[run.cohort].append(p)
        return cls(instructors, rooms, cohorts)


def _held(held: list[PlacedRun], span: Span) -> list[str]:
    return [p.run for p in held if p.start <= span.end and span.start <= p.end]


@dataclass(frozen=True)
class Pressure:
    """What the placed runs hold at each possible start of a run: the starts counted, at how
    many of them its instructors, every room that seats it, or its cohort are taken, the runs
    holding them, and the first start at which nothing is (None: none)."""

    starts: int
    short: dict[str, int]  # "instructors", "rooms", "cohort": starts at which they are taken
    holders: frozenset[str]
    free: Span | None


def pressure(
    problem: MissionProblem,
    run: CourseRun,
    timetable: MissionTimetable,
    spans: list[Span] | None = None,
) -> Pressure:
    """The pressure on `run` from the runs `timetable` places, at every start at which a team
    for it could be found on its own and its cohort's earlier courses are over (`spans`: its
    `possible_spans`, when known)."""
    spans = possible_spans(problem, run) if spans is None else spans
    size = problem.class_size(run)
    rooms = [r.code for r in problem.site(run.site).rooms if r.capacity >= size]
    found = _teams(problem, run, spans) if spans and rooms else None
    if found is None or isinstance(found, Blocker):
        return Pressure(0, {"instructors": 0, "rooms": 0, "cohort": 0}, frozenset(), None)
    teams, present = found
    after = _prerequisites_end(problem, run, timetable)
    teams = [s for s in teams if after is None or s.start > after]
    return _pressure(problem, run, teams, present, rooms, _Busy.of(problem, timetable))


def _pressure(
    problem: MissionProblem,
    run: CourseRun,
    spans: list[Span],
    present: Present,
    rooms: list[str],
    busy: _Busy,
) -> Pressure:
    short = {"instructors": 0, "rooms": 0, "cohort": 0}
    holders: set[str] = set()
    for span in spans:
        free = [t for t in present[span] if not _held(busy.instructors.get(t.code, []), span)]
        taken = [_held(busy.rooms.get((run.site, r), []), span) for r in rooms]
        cohort = _held(busy.cohorts.get(run.cohort, []), span) if run.cohort else []
        blocked = False
        if not _can_team(problem, run, free):
            short["instructors"] += 1
            blocked = True
            for t in present[span]:
                holders.update(_held(busy.instructors.get(t.code, []), span))
        if all(taken):
            short["rooms"] += 1
            blocked = True
            holders.update(code for held in taken for code in held)
        if cohort:
            short["cohort"] += 1
            blocked = True
            holders.update(cohort)
        if not blocked:
            return Pressure(len(spans), short, frozenset(holders), span)
    return Pressure(len(spans), short, frozenset(holders), None)


def _held_by_others(run: CourseRun, found: Pressure, proved: bool) -> Blocker:
    short, holders = found.short, sorted(found.holders)
    if found.free is not None:
        return Blocker(
            BlockerKind.UNSOLVED,
            f"it fits from {found.free.start} beside the runs as placed; the solver stopped "
            "before placing it (give it more time)",
        )
    if short["cohort"] == found.starts and not short["instructors"] and not short["rooms"]:
        return Blocker(
            BlockerKind.COHORT_FULL,
            f"cohort {run.cohort} is in other runs at every possible start: {_names(holders)}",
        )
    counts = ", ".join(f"{what} at {n}" for what, n in short.items() if n)
    ending = (
        "no timetable places it without leaving out another run"
        if proved
        else "the solver found no way to place it beside them in the time it had"
    )
    return Blocker(
        BlockerKind.COMPETITION,
        f"at each of its {found.starts} possible starts other runs hold what it needs "
        f"({counts}): {_names(holders)}; {ending}",
    )
