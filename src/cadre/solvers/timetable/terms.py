"""The soft terms of the mission timetable's objective, one function per preference, and the
hint that starts the search from a complete timetable."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from cadre.domain.timetable.problem import MissionProblem, MissionTimetable
from cadre.solvers.timetable.greedy import Placement
from cadre.solvers.timetable.tables import offset
from cadre.solvers.timetable.vars import Aux, MissionModel, RunVars, Term


def extra_sites(model: cp_model.CpModel, runs: list[RunVars], aux: Aux) -> Term:
    """Per instructor, the sites they teach at beyond the first."""
    at: dict[str, dict[str, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    for r in runs:
        for trainer, chosen in r.team.items():
            at[trainer][r.table.run.site].append(chosen)
    extras = []
    for trainer, sites in at.items():
        if len(sites) < 2:
            continue
        used = []
        for site, choices in sites.items():
            there = model.new_bool_var(f"{trainer} at {site}")
            model.add_max_equality(there, choices)
            used.append(there)
            aux.sites[(trainer, site)] = there
        extra = model.new_int_var(0, len(sites) - 1, f"extra sites {trainer}")
        model.add(extra >= sum(used) - 1)
        extras.append(extra)
        aux.extras[trainer] = extra
    return sum(extras)


def cohort_finish(model: cp_model.CpModel, runs: list[RunVars], horizon: int, aux: Aux) -> Term:
    """Per cohort with a placed run, the days from the horizon's start to its last run's end."""
    by_cohort: dict[str, list[RunVars]] = defaultdict(list)
    for r in runs:
        if r.table.run.cohort is not None and r.table.placeable:
            by_cohort[r.table.run.cohort].append(r)
    finishes = []
    for cohort, group in by_cohort.items():
        finish = model.new_int_var(0, horizon + 1, f"finish {cohort}")
        for r in group:
            model.add(finish >= r.end).only_enforce_if(r.present)
        finishes.append(finish)
        aux.finishes[cohort] = finish
    return sum(finishes)


def max_load(
    model: cp_model.CpModel, runs: list[RunVars], problem: MissionProblem, aux: Aux
) -> Term:
    """The busiest instructor's teaching days, in thousandths of their days in theatre."""
    horizon = (problem.end - problem.start).days + 1
    load = aux.load = model.new_int_var(0, 1000 * horizon, "max load")
    days: dict[str, list[Term]] = defaultdict(list)
    for r in runs:
        for trainer, chosen in r.team.items():
            days[trainer].append(r.table.days * chosen)
    for trainer, taught in days.items():
        t = problem.trainer(trainer)
        first = max(offset(problem, t.in_theatre_from), 0)
        last = min(offset(problem, t.in_theatre_to), horizon - 1)
        available = last - first + 1
        if available > 0:
            model.add(available * load >= 1000 * sum(taught))
            aux.available[trainer] = available
    return load


def changes_from(
    model: cp_model.CpModel,
    runs: list[RunVars],
    previous: MissionTimetable,
    problem: MissionProblem,
    aux: Aux,
) -> dict[str, Term]:
    """Against the previous timetable: runs on another first day, instructors gone from a
    team, runs in another room (a run now left out counts as unplaced only)."""
    before = {p.run: p for p in previous.placed}
    moved, gone, rooms = [], [], []
    for r in runs:
        was = before.get(r.table.run.code)
        if was is None:
            continue
        day = offset(problem, was.start)
        shifted = aux.moved[r.table.run.code] = model.new_bool_var(f"moved {r.table.run.code}")
        aux.before[r.table.run.code] = day
        if day in r.table.starts:
            model.add(r.start == day).only_enforce_if([r.present, shifted.Not()])
        else:
            model.add(shifted == r.present)
        moved.append(shifted)
        for trainer in was.instructors:
            chosen = r.team.get(trainer)
            gone.append(r.present - chosen if chosen is not None else r.present)
        held = r.rooms.get(was.room)
        rooms.append(r.present - held if held is not None else r.present)
    return {
        "moved_runs": sum(moved),
        "changed_instructors": sum(gone),
        "changed_rooms": sum(rooms),
    }


def hint(built: MissionModel, placements: dict[str, Placement]) -> None:
    """Start the search from a complete timetable (the greedy one, or the mended previous):
    every variable gets its value, so CP-SAT takes it as its first solution at once."""
    model, aux = built.model, built.aux
    sites: dict[tuple[str, str], bool] = defaultdict(bool)
    days: dict[str, int] = defaultdict(int)
    finish: dict[str, int] = defaultdict(int)
    for r in built.runs:
        at = placements.get(r.table.run.code)
        index = at.index if at is not None else 0
        start, end = (r.table.starts or (0,))[index], (r.table.ends or (1,))[index]
        for var, value in ((r.present, at is not None), (r.index, index), (r.start, start)):
            model.add_hint(var, value)
        model.add_hint(r.end, end)
        model.add_hint(r.size, end - start)
        for room, held in r.rooms.items():
            model.add_hint(held, at is not None and room == at.room)
        for trainer, chosen in r.team.items():
            model.add_hint(chosen, at is not None and trainer in at.team)
        if at is None:
            continue
        for trainer in at.team:
            sites[(trainer, r.table.run.site)] = True
            days[trainer] += r.table.days
        if r.table.run.cohort is not None:
            finish[r.table.run.cohort] = max(finish[r.table.run.cohort], end)
        if r.table.run.code in aux.moved:
            model.add_hint(aux.moved[r.table.run.code], start != aux.before[r.table.run.code])
    for key, there in aux.sites.items():
        model.add_hint(there, sites[key])
    for trainer, extra in aux.extras.items():
        model.add_hint(extra, max(0, sum(sites[k] for k in aux.sites if k[0] == trainer) - 1))
    for cohort, var in aux.finishes.items():
        model.add_hint(var, finish[cohort])
    for r in built.runs:
        if r.table.run.code in aux.moved and r.table.run.code not in placements:
            model.add_hint(aux.moved[r.table.run.code], False)
    if aux.load is not None:
        loads = [-(-1000 * days[t] // n) for t, n in aux.available.items()]
        model.add_hint(aux.load, max(loads, default=0))
