"""CP-SAT on the period relaxation: when each event meets, with rooms only counted.

Every timetable without hard violations gives a solution of this model costing no more (rooms
are left out but for the cheapest room of each event), so the model's proved bound is a lower
bound on the full cost, and proved infeasibility of the model is infeasibility of the problem.
Its solution is the annealer's starting point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from cadre.solvers.itc2007.compiled import Compiled


@dataclass(frozen=True)
class PeriodPlan:
    status: str  # optimal, feasible, infeasible, unknown
    starts: tuple[tuple[int, ...], ...] | None  # start periods per event, when found
    objective: int | None
    bound: int | None
    seconds: float


def _resource_events(compiled: Compiled) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in range(compiled.resource_count)]
    for c in range(len(compiled.event_codes)):
        for k in range(compiled.resource_ptr[c], compiled.resource_ptr[c + 1]):
            members[int(compiled.resource_idx[k])].append(c)
    return members


def plan_periods(compiled: Compiled, seconds: float, seed: int, workers: int) -> PeriodPlan:
    """CP-SAT on the relaxation for at most `seconds`: the starts it found, its cost and its
    proved bound."""
    model = cp_model.CpModel()
    events = range(len(compiled.event_codes))
    sessions = [int(n) for n in np.bincount(compiled.session_event, minlength=len(events))]
    start = _starts(model, compiled, sessions)

    def occupied(c: int, t: int) -> list[cp_model.IntVar]:
        first = max(0, t - int(compiled.duration[c]) + 1)
        return [start[c, p] for p in range(first, t + 1) if (c, p) in start]

    busy = _no_clashes(model, compiled, occupied)
    _rooms_suffice(model, compiled, occupied)
    cost = _min_days_short(model, compiled, start) + _isolated(model, compiled, busy)
    model.minimize(sum(cost) + _cheapest_rooms(compiled, sessions))
    return _solve(model, start, len(events), seconds, seed, workers)


Starts = dict[tuple[int, int], cp_model.IntVar]  # (event, period): a session starts there
Occupied = Callable[[int, int], list[cp_model.IntVar]]  # (event, period): sessions under way
Busy = dict[tuple[int, int], list[cp_model.IntVar]]  # (compact resource, period): under way


def _starts(model: cp_model.CpModel, compiled: Compiled, sessions: list[int]) -> Starts:
    """A literal per allowed start of each event; an event starts as often as it has sessions."""
    start: Starts = {}
    for c in range(len(compiled.event_codes)):
        for p in np.flatnonzero(compiled.start_ok[c]):
            start[c, int(p)] = model.new_bool_var(f"s{c}_{p}")
        model.add(
            sum(start[c, int(p)] for p in np.flatnonzero(compiled.start_ok[c])) == sessions[c]
        )
    return start


def _no_clashes(model: cp_model.CpModel, compiled: Compiled, occupied: Occupied) -> Busy:
    """A resource attends at most one session a period; what compact resources attend, per
    period, for their isolated-session terms."""
    busy: Busy = {}
    for q, group in enumerate(_resource_events(compiled)):
        for t in range(compiled.periods):
            terms = [var for c in group for var in occupied(c, t)]
            if len(terms) > 1:
                model.add(sum(terms) <= 1)
            if compiled.compact[q] and terms:
                busy[q, t] = terms
    return busy


def _rooms_suffice(model: cp_model.CpModel, compiled: Compiled, occupied: Occupied) -> None:
    """Events confined to a set of rooms cannot outnumber it in any period (Hall's condition
    for each set some event is confined to; the set of all rooms is always among them)."""
    events = range(len(compiled.event_codes))
    confined: dict[tuple[int, ...], list[int]] = {tuple(range(compiled.rooms)): []}
    for c in events:
        confined.setdefault(tuple(np.flatnonzero(compiled.room_ok[c])), [])
    for rooms in confined:
        members_in = [c for c in events if set(np.flatnonzero(compiled.room_ok[c])) <= set(rooms)]
        for t in range(compiled.periods):
            terms = [var for c in members_in for var in occupied(c, t)]
            if len(terms) > len(rooms):
                model.add(sum(terms) <= len(rooms))


def _min_days_short(
    model: cp_model.CpModel, compiled: Compiled, start: Starts
) -> list[cp_model.LinearExprT]:
    """Per event, the weighted days its sessions fall short of its minimum working days."""
    cost: list[cp_model.LinearExprT] = []
    for c in range(len(compiled.event_codes)):
        minimum = int(compiled.min_days[c])
        if minimum <= 0:
            continue
        used = []
        for d in range(compiled.days):
            on_day = [start[c, p] for p in _day(compiled, d) if (c, p) in start]
            if on_day:
                day = model.new_bool_var(f"d{c}_{d}")
                model.add(day <= sum(on_day))
                used.append(day)
        short = model.new_int_var(0, minimum, f"short{c}")
        model.add(short >= minimum - sum(used))
        cost.append(int(compiled.weights[1]) * short)
    return cost


def _isolated(
    model: cp_model.CpModel, compiled: Compiled, busy: Busy
) -> list[cp_model.LinearExprT]:
    """Per compact resource and period, the weighted session with no neighbour that day."""
    cost: list[cp_model.LinearExprT] = []
    for (q, t), here in busy.items():
        slot = int(compiled.slot_of[t])
        near = busy.get((q, t - 1), []) if slot > 0 else []
        near = near + (busy.get((q, t + 1), []) if slot < compiled.per_day - 1 else [])
        isolated = model.new_bool_var(f"iso{q}_{t}")
        model.add(isolated + cp_model.LinearExpr.sum(near) >= cp_model.LinearExpr.sum(here))
        cost.append(int(compiled.weights[0]) * isolated)
    return cost


def _solve(
    model: cp_model.CpModel, start: Starts, events: int, seconds: float, seed: int, workers: int
) -> PeriodPlan:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    code = solver.solve(model)
    status = {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
    }.get(code, "unknown")
    elapsed = solver.wall_time
    if status == "infeasible":
        return PeriodPlan(status, None, None, None, elapsed)
    bound = max(0, int(np.ceil(solver.best_objective_bound - 1e-6)))
    if status == "unknown":
        return PeriodPlan(status, None, None, bound, elapsed)
    starts = tuple(
        tuple(p for (e, p), var in start.items() if e == c and solver.value(var))
        for c in range(events)
    )
    return PeriodPlan(status, starts, int(solver.objective_value), bound, elapsed)


def _day(compiled: Compiled, day: int) -> range:
    return range(day * compiled.per_day, (day + 1) * compiled.per_day)


def _cheapest_rooms(compiled: Compiled, sessions: list[int]) -> int:
    """Seats missing if every session had the best room allowed to it: a constant of the bound."""
    total = 0
    for c in range(len(compiled.event_codes)):
        allowed = compiled.room_penalty[c][compiled.room_ok[c] == 1]
        total += sessions[c] * (int(allowed.min()) if allowed.size else 0)
    return total
