"""Why a run the adopted capacity plan asks for is not in the timetable, named as a cause from
upstream: the plan (a window too short), force generation (nobody to teach it, a caveat, the
trainers arrive too late, too few together, too few for all the plan's runs), the site (no room
seats the class, too few rooms, rooms taken), the cohort (an earlier course, other runs); and
only when nothing upstream explains it, the solver.

A closed set of codes, each with the capacity plan line the run came from, so the chain from
the plan to the timetable can be followed run by run. The causes come from what `explain.py`
found (stored with the timetable); runs held out by other runs are looked at again here, to
tell a site with too few rooms from rooms that are only taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import RunMode
from cadre.domain.catalogue import DeliveryMode
from cadre.domain.course_runs import CourseRun
from cadre.domain.timetable.explain import Span, possible_spans, pressure
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable
from cadre.domain.timetable.result import BlockerKind, UnplacedRun
from cadre.domain.timetable.rules import allowed_at, may_teach
from cadre.domain.timetable.runs import plan_month


class Cause(StrEnum):
    WINDOW_TOO_SHORT = "plan.window_too_short"  # its window holds too few working days
    FORCE_GAP = "force.gap"  # force generation left the post unfilled
    FORCE_CAVEAT = "force.caveat"  # a national caveat forbids every qualified trainer
    BEFORE_ARRIVAL = "force.before_arrival"  # its trainers are not in theatre in the window
    TOO_FEW = "force.too_few"  # never enough of them in theatre together
    ROOM_TOO_SMALL = "site.room_too_small"  # no room at the site seats the class
    ROOMS_SHORT = "site.rooms_short"  # the site's rooms cannot hold all the plan's runs
    ROOMS_TAKEN = "site.rooms_taken"  # rooms enough overall, taken at each of its starts
    PREREQUISITE = "cohort.prerequisite"  # the cohort's earlier course is unplaced or late
    COHORT_BUSY = "cohort.busy"  # the cohort is in other runs at every start
    UNSOLVED = "solver.unsolved"  # nothing upstream explains it: the solver's time ran out


_OF_BLOCKER = {
    BlockerKind.NO_START: Cause.WINDOW_TOO_SHORT,
    BlockerKind.NO_ROOM: Cause.ROOM_TOO_SMALL,
    BlockerKind.NO_QUALIFIED: Cause.FORCE_GAP,
    BlockerKind.CAVEATS: Cause.FORCE_CAVEAT,
    BlockerKind.NOT_IN_THEATRE: Cause.BEFORE_ARRIVAL,
    BlockerKind.TOO_FEW: Cause.TOO_FEW,
    BlockerKind.PREREQUISITE: Cause.PREREQUISITE,
    BlockerKind.COHORT_FULL: Cause.COHORT_BUSY,
    BlockerKind.UNSOLVED: Cause.UNSOLVED,
}


@dataclass(frozen=True)
class PlanLine:
    """The capacity plan's line a run was rounded from: runs of a course at a site started in
    a month, in one mode (`runs` the plan's figure, a fraction of runs being possible)."""

    course: str
    site: str
    month: dt.date
    mode: str
    runs: float


@dataclass(frozen=True)
class LeftOut:
    """A run the timetable does not place, its cause and the plan line it came from (None:
    listed in the scenario, not rounded from a plan). For a caveat, the trainers it bars and
    the caveats barring them, so that a reader who may not see them is told it neutrally."""

    run: str
    cause: Cause
    line: PlanLine | None
    detail: str
    barred: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoomDays:
    """Room-days in a run's window at the rooms that seat it: held by placed runs, and what
    there are."""

    held: int
    needed: int  # the run's own shortest span
    available: int

    @property
    def short(self) -> bool:
        return self.held + self.needed > self.available


def left_out(
    problem: MissionProblem,
    timetable: MissionTimetable,
    unplaced: Sequence[UnplacedRun],
    plan: CapacityPlan | None = None,
) -> tuple[LeftOut, ...]:
    """Every run of `problem` that `timetable` does not place, with its cause; `unplaced`
    is what explained them when the timetable was made, `plan` the capacity plan the runs
    were rounded from."""
    placed = {p.run for p in timetable.placed}
    why = {u.run: u for u in unplaced}
    found = []
    for run in problem.runs:
        if run.code in placed:
            continue
        blockers = why[run.code].blockers if run.code in why else ()
        kind = blockers[0].kind if blockers else BlockerKind.UNSOLVED
        detail = blockers[0].reason if blockers else "the solver left it out"
        if kind is BlockerKind.COMPETITION:
            cause, detail = _competition(problem, timetable, run, detail)
        else:
            cause = _OF_BLOCKER[kind]
        barred, caveats = _barring(problem, run) if cause is Cause.FORCE_CAVEAT else ((), ())
        found.append(LeftOut(run.code, cause, plan_line(plan, run), detail, barred, caveats))
    return tuple(found)


def _competition(
    problem: MissionProblem, timetable: MissionTimetable, run: CourseRun, detail: str
) -> tuple[Cause, str]:
    """A run other runs hold out: by rooms (too few at the site, or taken), instructors (the
    force too small for the plan's runs) or its cohort, whichever holds it at most starts."""
    spans = possible_spans(problem, run)  # the slow part: counted once
    held = pressure(problem, run, timetable, spans)
    if held.free is not None or not held.starts:
        return Cause.UNSOLVED, detail
    short = held.short
    most = max(short.values())
    if short["rooms"] == most:
        days = room_days(problem, timetable, run, spans)
        site = run.site
        if days.short and short["rooms"] == held.starts:
            return Cause.ROOMS_SHORT, (
                f"the rooms at {site} that seat the class are held {days.held} of "
                f"{days.available} room-days in its window by other runs of the plan, and it "
                f"needs {days.needed} more"
            )
        return Cause.ROOMS_TAKEN, (
            f"the rooms at {site} that seat the class are taken at {short['rooms']} of its "
            f"{held.starts} possible starts (with {days.available - days.held} room-days free "
            "in its window, none for the whole run)"
        )
    if short["instructors"] == most:
        return Cause.FORCE_GAP, (
            f"the force holds too few instructors for {run.course}: those who may teach it "
            f"teach other runs at {short['instructors']} of its {held.starts} possible starts"
        )
    return Cause.COHORT_BUSY, detail


def room_days(
    problem: MissionProblem,
    timetable: MissionTimetable,
    run: CourseRun,
    spans: Sequence[Span] | None = None,
) -> RoomDays:
    """Calendar room-days, from the run's first possible start to its last possible end, of
    the rooms at its site that seat its class: held by the placed runs, the fewest the run
    itself takes, and all there are (`spans`: the run's `possible_spans`, when known)."""
    spans = possible_spans(problem, run) if spans is None else spans
    size = problem.class_size(run)
    rooms = {r.code for r in problem.site(run.site).rooms if r.capacity >= size}
    if not spans or not rooms:
        return RoomDays(0, 0, 0)
    first, last = spans[0].start, max(s.end for s in spans)
    held = 0
    for p in timetable.placed:
        if p.room in rooms and problem.has("run", p.run) and problem.run(p.run).site == run.site:
            start, end = max(p.start, first), min(p.end, last)
            held += max(0, (end - start).days + 1)
    needed = min((s.end - s.start).days + 1 for s in spans)
    return RoomDays(held, needed, len(rooms) * ((last - first).days + 1))


def _barring(problem: MissionProblem, run: CourseRun) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The qualified trainers barred from the run, and the caveats that bar them."""
    site = problem.site(run.site)
    barred: list[str] = []
    caveats: dict[str, None] = {}
    for t in problem.trainers:
        if may_teach(problem, t, run) and not allowed_at(problem, t, run):
            barred.append(t.code)
            caveats.update(
                (c.code, None)
                for c in problem.caveats.get(t.code, ())
                if not (c.allows_site(site.code, site.region) and c.allows_mode(run.mode))
            )
    return tuple(barred), tuple(caveats)


def _mode(run: CourseRun) -> RunMode:
    if run.host_led:
        return RunMode.HOST
    if run.mode is DeliveryMode.MOBILE_TRAINING_TEAM:
        return RunMode.MOBILE
    return RunMode.RESIDENT


def plan_line(plan: CapacityPlan | None, run: CourseRun) -> PlanLine | None:
    """The capacity plan's line `run` was rounded from; None when it was not."""
    found = plan_month(run.code)
    if plan is None or found is None:
        return None
    course, site, month = found
    mode = _mode(run)
    index = next((k for k, m in enumerate(plan.months) if f"{m:%Y-%m}" == month), None)
    if index is None:
        return None
    lines = [r for r in plan.runs if (r.course, r.site, r.month) == (course, site, index)]
    # Rounding is cumulative, so a whole run may take a mode its own month gave nothing to.
    runs = sum(r.runs for r in lines if r.mode is mode) or sum(r.runs for r in lines)
    return PlanLine(course, site, plan.months[index], mode.value, round(runs, 2))
