"""The CP-SAT model of the mission timetable: one function per rule, each with its sentence.

Per run: a presence literal (a run may be left out, at a price above everything else), the
index of its start among the possible starts, and start and end looked up from it (a run's
calendar span depends on where weekends and holidays fall). Rooms and instructors are optional
intervals on the run's span, one per candidate, with NoOverlap per room, instructor and cohort.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from cadre.domain.timetable.problem import MissionProblem, MissionTimetable
from cadre.solvers.timetable.tables import RunTable
from cadre.solvers.timetable.terms import (
    changes_from,
    cohort_finish,
    extra_sites,
    max_load,
)
from cadre.solvers.timetable.vars import Aux, MissionModel, RunVars, Term


def _run(model: cp_model.CpModel, table: RunTable, horizon: int) -> RunVars:
    code = table.run.code
    present = model.new_bool_var(f"placed {code}")
    count = max(1, len(table.starts))
    index = model.new_int_var(0, count - 1, f"start index {code}")
    starts = list(table.starts) or [0]
    ends = list(table.ends) or [1]
    start = model.new_int_var_from_domain(cp_model.Domain.from_values(starts), f"start {code}")
    end = model.new_int_var_from_domain(cp_model.Domain.from_values(ends), f"end {code}")
    model.add_element(index, starts, start)
    model.add_element(index, ends, end)
    size = model.new_int_var(1, horizon + 1, f"span {code}")
    span = model.new_optional_interval_var(start, size, end, present, f"run {code}")
    if not table.placeable:
        model.add(present == 0)
    return RunVars(table, present, index, start, end, size, span)


def one_room_per_run(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """A placed run is held in exactly one room of its site that seats its class."""
    for r in runs:
        for room in r.table.rooms:
            held = model.new_bool_var(f"{r.table.run.code} in {room}")
            r.rooms[room] = held
            r.spans[f"room {room}"] = model.new_optional_interval_var(
                r.start, r.size, r.end, held, f"{r.table.run.code} room {room}"
            )
        model.add(sum(r.rooms.values()) == r.present)


def full_team_in_theatre(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """A placed run has exactly its course's number of instructors, each qualified (or under
    certification), allowed at the site, and in theatre from its first day to its last."""
    for r in runs:
        for c in r.table.candidates:
            chosen = model.new_bool_var(f"{c.trainer} teaches {r.table.run.code}")
            r.team[c.trainer] = chosen
            r.spans[c.trainer] = model.new_optional_interval_var(
                r.start, r.size, r.end, chosen, f"{c.trainer} in {r.table.run.code}"
            )
            if c.first > 0:
                model.add(r.index >= c.first).only_enforce_if(chosen)
            if c.last < len(r.table.starts) - 1:
                model.add(r.index <= c.last).only_enforce_if(chosen)
        model.add(sum(r.team.values()) == r.table.team * r.present)


def certified_in_every_team(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """A placed run has a certified instructor, so no one under certification teaches alone."""
    for r in runs:
        certified = [r.team[c.trainer] for c in r.table.candidates if c.certified]
        model.add(sum(certified) >= r.present)


def instructor_once(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """An instructor is in one run at a time (weekends and holidays inside a run included)."""
    held: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    for r in runs:
        for trainer in r.team:
            held[trainer].append(r.spans[trainer])
    for spans in held.values():
        if len(spans) > 1:
            model.add_no_overlap(spans)


def room_once(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """A room holds one run at a time."""
    held: dict[tuple[str, str], list[cp_model.IntervalVar]] = defaultdict(list)
    for r in runs:
        for room in r.rooms:
            held[(r.table.run.site, room)].append(r.spans[f"room {room}"])
    for spans in held.values():
        if len(spans) > 1:
            model.add_no_overlap(spans)


def cohort_once(model: cp_model.CpModel, runs: list[RunVars]) -> None:
    """A cohort is in one run at a time."""
    held: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    for r in runs:
        if r.table.run.cohort is not None:
            held[r.table.run.cohort].append(r.span)
    for spans in held.values():
        if len(spans) > 1:
            model.add_no_overlap(spans)


def required_before(problem: MissionProblem) -> dict[str, frozenset[str]]:
    """Per course, every course required before it, directly or through another."""
    direct = {c.code: set(c.prerequisites) for c in problem.courses}
    closure: dict[str, frozenset[str]] = {}
    for code in direct:
        seen: set[str] = set()
        todo = list(direct[code])
        while todo:
            other = todo.pop()
            if other not in seen:
                seen.add(other)
                todo.extend(direct.get(other, ()))
        closure[code] = frozenset(seen)
    return closure


def prerequisites_first(
    model: cp_model.CpModel, runs: list[RunVars], problem: MissionProblem
) -> None:
    """A cohort's run of a course is placed only with its runs of the courses required before
    it, and starts after they end."""
    before = required_before(problem)
    by_cohort: dict[str, list[RunVars]] = defaultdict(list)
    for r in runs:
        if r.table.run.cohort is not None:
            by_cohort[r.table.run.cohort].append(r)
    for group in by_cohort.values():
        for later in group:
            for earlier in group:
                if earlier.table.run.course in before[later.table.run.course]:
                    model.add_implication(later.present, earlier.present)
                    model.add(later.start >= earlier.end).only_enforce_if(later.present)


def build(
    problem: MissionProblem, tables: list[RunTable], previous: MissionTimetable | None = None
) -> MissionModel:
    model = cp_model.CpModel()
    aux = Aux()
    horizon = (problem.end - problem.start).days + 1
    runs = [_run(model, table, horizon) for table in tables]
    one_room_per_run(model, runs)
    full_team_in_theatre(model, runs)
    certified_in_every_team(model, runs)
    instructor_once(model, runs)
    room_once(model, runs)
    cohort_once(model, runs)
    prerequisites_first(model, runs, problem)
    terms: dict[str, Term] = {
        "unplaced": len(runs) - sum(r.present for r in runs),
        "extra_sites": extra_sites(model, runs, aux),
        "cohort_finish_days": cohort_finish(model, runs, horizon, aux),
        "max_load": max_load(model, runs, problem, aux),
    }
    if previous is not None:
        terms |= changes_from(model, runs, previous, problem, aux)
    w = problem.weights
    weights = {
        "unplaced": problem.unplaced_penalty(),
        "extra_sites": w.extra_site,
        "cohort_finish_days": w.cohort_finish_day,
        "max_load": w.max_load,
        "moved_runs": w.moved_run,
        "changed_instructors": w.changed_instructor,
        "changed_rooms": w.changed_room,
    }
    model.minimize(sum(weights[name] * term for name, term in terms.items()))
    return MissionModel(model, runs, terms, aux)
