"""Whole runs from a capacity plan: the plan's continuous runs per course, site, month and mode
rounded to whole runs at their months, and cohorts matched to them.

Rounding is cumulative per course and site (a month gets a run when the running total crosses
the next half), so no run is lost or invented over the months; each whole run takes the mode
with the largest share not yet given a run. A run planned for month m may start from the first
of m and must end by the end of the month after the one the plan has it end in.

A sizing plan takes foreign instructors as free from its first month, so it can put runs before
anyone who may teach them is in theatre; such a run waits for the first team that can teach it
and keeps the length of its window (`wait_for_teams`), instead of being asked for where no
timetable can place it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import RunMode, first_of_month, occupancy
from cadre.domain.catalogue import DeliveryMode
from cadre.domain.course_runs import CourseRun
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.build import mission_problem
from cadre.domain.timetable.problem import MissionProblem
from cadre.domain.timetable.rules import (
    allowed_at,
    certified_for,
    may_teach,
    teaching_days,
)

EPSILON = 1e-6  # the LP's runs are floats; 2.4999999 runs are 2.5


@dataclass(frozen=True)
class RunsFromPlan:
    runs: tuple[CourseRun, ...]
    notes: tuple[str, ...]  # what was left aside or could not be matched, said plainly


def _whole(total: float) -> int:
    return math.floor(total + 0.5 + EPSILON)


def round_runs(scenario: Scenario, plan: CapacityPlan, months: int) -> RunsFromPlan:
    """The plan's first `months` months as whole runs, without cohorts yet."""
    notes = []
    abroad = sum(r.runs for r in plan.runs if r.month < months and r.site is None)
    if abroad > EPSILON:
        notes.append(
            f"{abroad:.1f} runs abroad are not timetabled here (taught by the host school)"
        )
    shares: dict[tuple[str, str], dict[int, dict[RunMode, float]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(float))
    )
    for r in plan.runs:
        if r.month < months and r.site is not None and r.mode is not RunMode.ABROAD:
            shares[(r.course, r.site)][r.month][r.mode] += r.runs
    runs = []
    for (course, site), by_month in sorted(shares.items()):
        total, given = 0.0, 0
        done: dict[RunMode, float] = defaultdict(float)
        cumulative: dict[RunMode, float] = defaultdict(float)
        for month in sorted(by_month):
            for mode, amount in by_month[month].items():
                cumulative[mode] += amount
                total += amount
            for k in range(_whole(total) - given):
                mode = max(sorted(cumulative), key=lambda m: cumulative[m] - done[m])
                done[mode] += 1
                runs.append(_run(scenario, plan, course, site, month, mode, k + 1))
            given = _whole(total)
    fraction = sum(r.runs for r in plan.runs if r.month < months and r.site is not None)
    if abs(fraction - len(runs)) > 0.5:
        notes.append(f"the plan's {fraction:.1f} runs round to {len(runs)} whole runs")
    return RunsFromPlan(tuple(runs), tuple(notes))


def _run(
    scenario: Scenario,
    plan: CapacityPlan,
    course: str,
    site: str,
    month: int,
    mode: RunMode,
    ordinal: int,
) -> CourseRun:
    first = plan.months[month]
    span = len(occupancy(scenario.course(course).duration_days))
    last = first_of_month(first, span + 1) - dt.timedelta(days=1)
    return CourseRun(
        code=f"{course}/{site}/{first:%Y-%m}/{ordinal}",
        course=course,
        site=site,
        earliest=max(first, scenario.mission.start),
        latest=min(last, scenario.mission.end),
        mode=DeliveryMode.MOBILE_TRAINING_TEAM if mode is RunMode.MOBILE else DeliveryMode.RESIDENT,
        host_led=mode is RunMode.HOST,
    )


def plan_month(code: str) -> tuple[str, str, str] | None:
    """The course, site and month ("2019-03") of a run made by `round_runs`, from its code;
    None for a run not named so (one listed in a scenario)."""
    parts = code.split("/")
    if len(parts) != 4 or len(parts[2]) != 7 or parts[2][4] != "-":
        return None
    return parts[0], parts[1], parts[2]


def match_cohorts(scenario: Scenario, runs: Sequence[CourseRun]) -> RunsFromPlan:
    """Give runs cohorts: a cohort of the run's site (or of no site) whose size fits the class,
    the best fit first (the smallest gap between the seats and the cohort), then the one with
    fewest runs so far. A cohort keeps to one discipline (a unit is trained in one line of
    work), takes a course once, starts at most one run a month, and takes a course only after
    any run it has of a course required before it. Runs left over stay open classes, their
    trainees named later."""
    largest = {s.code: max((r.capacity for r in s.rooms), default=0) for s in scenario.sites}
    held: dict[str, list[CourseRun]] = defaultdict(list)
    matched = []
    order = sorted(runs, key=lambda r: (r.earliest, _depth(scenario, r.course), r.code))
    for run in order:
        course = scenario.course(run.course)
        seats = min(course.max_class_size, largest.get(run.site, 0))
        fits = [
            c
            for c in scenario.cohorts
            if c.site in (None, run.site)
            and course.min_class_size <= c.size <= seats
            and _free_for(scenario, held[c.code], run)
        ]
        if not fits:
            matched.append(run)
            continue
        cohort = min(fits, key=lambda c: (seats - c.size, len(held[c.code]), c.code))
        held[cohort.code].append(run)
        matched.append(_with_cohort(run, cohort.code))
    open_runs: dict[str, int] = defaultdict(int)
    for run in matched:
        if run.cohort is None:
            open_runs[f"{run.course} at {run.site}"] += 1
    notes = [
        f"{n} run{'s' if n > 1 else ''} of {what} matched no cohort (open class, trainees named "
        "later)"
        for what, n in sorted(open_runs.items())
    ]
    idle = [c.code for c in scenario.cohorts if not held[c.code]]
    if idle:
        notes.append(f"cohorts with no run: {', '.join(idle)}")
    by_code = {r.code: r for r in matched}
    return RunsFromPlan(tuple(by_code[r.code] for r in runs), tuple(notes))


def _with_cohort(run: CourseRun, cohort: str) -> CourseRun:
    return CourseRun(
        run.code, run.course, run.site, run.earliest, run.latest, cohort, run.mode, run.host_led
    )


def _depth(scenario: Scenario, course: str) -> int:
    needs = scenario.course(course).prerequisites
    return 1 + max((_depth(scenario, p) for p in needs), default=-1)


def _required(scenario: Scenario, course: str) -> set[str]:
    found: set[str] = set()
    todo = list(scenario.course(course).prerequisites)
    while todo:
        code = todo.pop()
        if code not in found:
            found.add(code)
            todo.extend(scenario.course(code).prerequisites)
    return found


def _free_for(scenario: Scenario, taken: list[CourseRun], run: CourseRun) -> bool:
    needs = _required(scenario, run.course)
    discipline = scenario.course(run.course).discipline
    for other in taken:
        if other.course == run.course or scenario.course(other.course).discipline != discipline:
            return False
        if (other.earliest.year, other.earliest.month) == (run.earliest.year, run.earliest.month):
            return False
        if other.course in needs and other.earliest >= run.earliest:
            return False
        if run.course in _required(scenario, other.course) and run.earliest >= other.earliest:
            return False
    return True


def wait_for_teams(scenario: Scenario, runs: Sequence[CourseRun]) -> RunsFromPlan:
    """Move each run whose window opens before a team that may teach it can be in theatre to
    the first day one can: `instructors_per_run` people allowed to teach it (one certified), all
    in theatre from that day to the run's last teaching day. The window keeps its length. A run
    no team can ever teach in the mission is left as it is, for the timetable to explain."""
    if not runs:
        return RunsFromPlan((), ())
    problem = mission_problem(scenario, runs)
    moved: dict[tuple[str, str, dt.date], int] = defaultdict(int)
    waited = []
    for run in runs:
        first = _first_team_day(problem, run, scenario.mission.end)
        if first is None or first <= run.earliest:
            waited.append(run)
            continue
        latest = min(run.latest + (first - run.earliest), scenario.mission.end)
        waited.append(dataclasses.replace(run, earliest=first, latest=latest))
        moved[(run.course, run.site, first)] += 1
    notes = [
        f"{n} run{'s' if n > 1 else ''} of {course} at {site} planned before a team that may "
        f"teach {'them' if n > 1 else 'it'} is in theatre start from {first} instead"
        for (course, site, first), n in sorted(moved.items())
    ]
    return RunsFromPlan(tuple(waited), tuple(notes))


def _first_team_day(problem: MissionProblem, run: CourseRun, until: dt.date) -> dt.date | None:
    course = problem.course(run.course)
    site = problem.site(run.site)
    team = [
        t for t in problem.trainers if may_teach(problem, t, run) and allowed_at(problem, t, run)
    ]
    arrivals = sorted(
        {run.earliest} | {t.in_theatre_from for t in team if t.in_theatre_from > run.earliest}
    )
    for day in arrivals:
        days = teaching_days(site, day, course.duration_days, until)
        if len(days) < course.duration_days:
            return None
        there = [t for t in team if t.in_theatre(day, days[-1])]
        if len(there) >= course.instructors_per_run and any(
            certified_for(problem, t, run.course) for t in there
        ):
            return day
    return None


def runs_from_plan(scenario: Scenario, plan: CapacityPlan, months: int) -> RunsFromPlan:
    rounded = round_runs(scenario, plan, months)
    waited = wait_for_teams(scenario, rounded.runs)
    matched = match_cohorts(scenario, waited.runs)
    return RunsFromPlan(matched.runs, rounded.notes + waited.notes + matched.notes)
