"""Targeted large-neighbourhood search: for a run still left out, CP-SAT re-solves the runs
that compete with it (for its candidate instructors, its site's rooms or its cohort, within
its window) with every other run fixed where it is.

The sub-problem is the same model on restricted tables (a fixed run keeps one start, one room
and its team), so there is one model and one set of rules; it is small, and CP-SAT settles it
in a second or two where a search over the whole timetable would wander.
"""

from __future__ import annotations

import dataclasses
import random
import time

from ortools.sat.python import cp_model

from cadre.domain.timetable.problem import MissionProblem, MissionTimetable
from cadre.solvers.timetable import model as mission_model
from cadre.solvers.timetable import terms as mission_terms
from cadre.solvers.timetable.greedy import Board, Placement
from cadre.solvers.timetable.tables import Candidate, RunTable

NEIGHBOURS = 45  # runs freed around the one left out, at most
SUB_SHARE, SUB_CAP = 0.4, 2.0  # of the time given, for one sub-problem


def _window(table: RunTable) -> tuple[int, int]:
    return table.starts[0], table.ends[-1]


def _competes(board: Board, table: RunTable, code: str) -> bool:
    """Whether placed run `code` overlaps the run's window and holds one of its candidate
    instructors, a room of its site, or its cohort."""
    low, high = _window(table)
    other, at = board.tables[code], board.placed[code]
    if other.ends[at.index] <= low or high <= other.starts[at.index]:
        return False
    return bool(
        {c.trainer for c in table.candidates} & set(at.team)
        or other.run.site == table.run.site
        or (table.run.cohort is not None and other.run.cohort == table.run.cohort)
    )


def neighbourhood(board: Board, table: RunTable, rng: random.Random) -> set[str]:
    """The runs competing with the one left out, then (as room allows) those competing with
    them: a chain of moves two deep fits inside."""
    first = [code for code in board.placed if _competes(board, table, code)]
    rng.shuffle(first)
    chosen = set(first[:NEIGHBOURS])
    second: set[str] = set()
    for code in first:
        around = board.tables[code]
        second.update(c for c in board.placed if c not in chosen and _competes(board, around, c))
    extra = sorted(second)
    rng.shuffle(extra)
    return chosen | set(extra[: max(0, NEIGHBOURS - len(chosen))])


def _relevant(board: Board, free: set[str]) -> set[str]:
    """Placed runs outside `free` that share a person, a site or a cohort with a run in it;
    the others cannot change what the free runs may do, and are left out of the model."""
    people: set[str] = set()
    sites: set[str] = set()
    cohorts: set[str | None] = set()
    for code in free:
        t = board.tables[code]
        people.update(c.trainer for c in t.candidates)
        sites.add(t.run.site)
        cohorts.add(t.run.cohort)
    return {
        code
        for code, at in board.placed.items()
        if code not in free
        and (
            people & set(at.team)
            or board.tables[code].run.site in sites
            or board.tables[code].run.cohort in cohorts - {None}
        )
    }


def _fixed(table: RunTable, at: Placement) -> RunTable:
    certified = {c.trainer: c.certified for c in table.candidates}
    return dataclasses.replace(
        table,
        starts=(table.starts[at.index],),
        ends=(table.ends[at.index],),
        rooms=(at.room,),
        candidates=tuple(Candidate(t, certified[t], 0, 0) for t in at.team),
    )


def _left_out(table: RunTable) -> RunTable:
    """A run that stays out: its cohort's later courses must then stay out too."""
    return dataclasses.replace(table, candidates=())


def _solve_around(
    problem: MissionProblem,
    board: Board,
    free: set[str],
    previous: MissionTimetable | None,
    seconds: float,
    seed: int,
) -> dict[str, Placement] | None:
    """The runs in `free` placed anew around all others fixed, or None if CP-SAT found none."""
    tables, fixed = [], []
    around = _relevant(board, free)
    cohorts = {board.tables[code].run.cohort for code in free} - {None}
    for t in board.tables.values():
        at = board.placed.get(t.run.code)
        if t.run.code in free:
            tables.append(t)
        elif at is not None and t.run.code in around:
            tables.append(_fixed(t, at))
            fixed.append(len(tables) - 1)
        elif at is None and t.run.cohort in cohorts:
            tables.append(_left_out(t))
    built = mission_model.build(problem, tables, previous)
    for k in fixed:
        built.model.add(built.runs[k].present == 1)
    # Placing runs is all that counts here; the preferences (and, in a re-plan, moving little)
    # are for the search over the whole timetable that follows.
    built.model.minimize(built.terms["unplaced"])
    hint = {
        code: (at if code in free else Placement(0, at.room, at.team))
        for code, at in board.placed.items()
        if code in free or code in around
    }
    mission_terms.hint(built, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 1
    solver.parameters.cp_model_probing_level = 0  # see mission_solve
    solver.parameters.random_seed = seed
    if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    found = {}
    for r in built.runs:
        code = r.table.run.code
        if code in free and solver.boolean_value(r.present):
            room = next(x for x, held in r.rooms.items() if solver.boolean_value(held))
            team = tuple(sorted(t for t, y in r.team.items() if solver.boolean_value(y)))
            found[code] = Placement(int(solver.value(r.index)), room, team)
    return found


def improve(
    problem: MissionProblem,
    board: Board,
    seconds: float,
    seed: int = 0,
    previous: MissionTimetable | None = None,
) -> int:
    """Re-solve around left-out runs until each has had two turns, none is left, or time is
    up; the number of runs added. A sub-solution is taken only when it places more runs."""
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    before = len(board.placed)
    waiting = [t for t in board.tables.values() if t.placeable and t.run.code not in board.placed]
    rng.shuffle(waiting)
    for table in waiting * 2:  # a second turn, as the runs around it may have moved
        left = deadline - time.perf_counter()
        if left <= 0.2:
            break
        if table.run.code in board.placed:
            continue
        free = neighbourhood(board, table, rng) | {table.run.code}
        seed_now = rng.randrange(1 << 30)
        found = _solve_around(
            problem, board, free, previous, min(SUB_CAP, seconds * SUB_SHARE, left), seed_now
        )
        was = [code for code in free if code in board.placed]
        if found is None or len(found) <= len(was):
            continue
        for code in was:
            board.lift(code)
        for code, at in found.items():
            board.lay(board.tables[code], at)
    return len(board.placed) - before
