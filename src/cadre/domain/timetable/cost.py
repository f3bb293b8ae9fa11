"""What a mission timetable costs, counted plainly from the timetable (not from the solver).

The solver's objective must equal `MissionCost.total` of the timetable it returns; the tests
hold it to that, so the objective a user reads means what this module says.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from cadre.domain.timetable.problem import MissionProblem, MissionTimetable


@dataclass(frozen=True)
class MissionCost:
    unplaced: int  # runs left out
    extra_sites: int  # per instructor, sites taught at beyond the first
    cohort_finish_days: int  # per cohort with a placed run: days from the start to its last end
    max_load: int  # thousandths of their in-theatre days the busiest instructor teaches
    moved_runs: int = 0  # re-planning: runs placed before and now, on another first day
    changed_instructors: int = 0  # re-planning: instructors no longer in a run's team
    changed_rooms: int = 0  # re-planning: runs placed before and now, in another room

    def total(self, problem: MissionProblem) -> int:
        w = problem.weights
        return (
            problem.unplaced_penalty() * self.unplaced
            + w.extra_site * self.extra_sites
            + w.cohort_finish_day * self.cohort_finish_days
            + w.max_load * self.max_load
            + w.moved_run * self.moved_runs
            + w.changed_instructor * self.changed_instructors
            + w.changed_room * self.changed_rooms
        )


def in_theatre_days(problem: MissionProblem, code: str) -> int:
    """Calendar days the trainer is in theatre within the horizon."""
    t = problem.trainer(code)
    first, last = max(t.in_theatre_from, problem.start), min(t.in_theatre_to, problem.end)
    return max(0, (last - first).days + 1)


def timetable_cost(
    problem: MissionProblem,
    timetable: MissionTimetable,
    previous: MissionTimetable | None = None,
) -> MissionCost:
    """What `timetable` costs term by term; with `previous`, the re-plan's terms for what it
    changed of it."""
    placed = [p for p in timetable.placed if problem.has("run", p.run)]
    sites: dict[str, set[str]] = defaultdict(set)
    teaching: dict[str, int] = defaultdict(int)
    finish: dict[str, int] = {}
    for p in placed:
        run = problem.run(p.run)
        for code in p.instructors:
            sites[code].add(run.site)
            teaching[code] += problem.course(run.course).duration_days
        if run.cohort is not None:
            end = (p.end - problem.start).days + 1
            finish[run.cohort] = max(finish.get(run.cohort, 0), end)
    loads = [
        math.ceil(1000 * days / in_theatre_days(problem, code))
        for code, days in teaching.items()
        if problem.has("trainer", code) and in_theatre_days(problem, code) > 0
    ]
    moved = instructors = rooms = 0
    now = {p.run: p for p in placed}
    for before in previous.placed if previous else ():
        after = now.get(before.run)
        if after is None:
            continue
        moved += after.start != before.start
        instructors += len(set(before.instructors) - set(after.instructors))
        rooms += after.room != before.room
    return MissionCost(
        unplaced=len({r.code for r in problem.runs} - set(now)),
        extra_sites=sum(max(0, len(s) - 1) for s in sites.values()),
        cohort_finish_days=sum(finish.values()),
        max_load=max(loads, default=0),
        moved_runs=moved,
        changed_instructors=instructors,
        changed_rooms=rooms,
    )
