"""Ejection search: place a run the greedy left out by lifting the few runs in its way, then
place those elsewhere if they fit; a run just placed may not be lifted again for a while
(tabu), and the best timetable seen is kept.

This closes most of the greedy's gap in a few seconds, so CP-SAT starts from a nearly
complete timetable and spends its time on the last runs and on the soft preferences.
"""

from __future__ import annotations

import random
import time

from cadre.solvers.timetable.greedy import (
    Board,
    Placement,
    attempt,
    cohort_key,
    holds,
    person,
    place_anywhere,
    room_key,
)
from cadre.solvers.timetable.tables import RunTable

TABU = 12  # moves during which a run just placed may not be lifted
STALE = 400  # moves without a new best before the search returns to the best
PATIENCE = 1.0  # seconds without a new best before the search gives up (CP-SAT takes over)
LIFT_AT_MOST = 3


def _in_the_way(board: Board, table: RunTable, index: int) -> set[str] | None:
    """The placed runs to lift so the run fits at `index` (few, not always fewest)."""
    bounds = board.bounds(table)
    start, end = table.starts[index], table.ends[index]
    if bounds is None or start < bounds[0] or end > bounds[1]:
        return None
    cohort = cohort_key(table)
    lifted = board.holders(cohort, start, end) if cohort else set()
    rooms = [board.holders(room_key(table, r), start, end) for r in table.rooms]
    lifted |= min(rooms, key=lambda h: (len(h - lifted), sorted(h)))
    usable = [c for c in table.candidates if c.first <= index <= c.last]
    held = {c.trainer: board.holders(person(c.trainer), start, end) for c in usable}
    certified = [c for c in usable if c.certified]
    if not certified or len(usable) < table.team:
        return None
    first = min(certified, key=lambda c: (len(held[c.trainer] - lifted), c.trainer))
    lifted |= held[first.trainer]
    others = sorted(
        (c for c in usable if c is not first),
        key=lambda c: (len(held[c.trainer] - lifted), c.trainer),
    )
    for c in others[: table.team - 1]:
        lifted |= held[c.trainer]
    return lifted


def _move(
    board: Board, table: RunTable, rng: random.Random, tabu: dict[str, int], step: int
) -> None:
    """Place `table` where the fewest non-tabu runs are in the way, lifting them."""
    options = []
    for i in range(len(table.starts)):
        lifted = _in_the_way(board, table, i)
        if lifted is None or len(lifted) > LIFT_AT_MOST:
            continue
        if any(tabu.get(code, -1) >= step for code in lifted):
            continue
        options.append((len(lifted), rng.random(), i, lifted))
    if not options:
        return
    _, _, index, lifted = min(options)
    saved = {code: board.lift(code) for code in sorted(lifted)}
    found = attempt(board, table, index)
    if found is None:  # the estimate was wrong: put everything back
        for code, at in saved.items():
            board.lay(board.tables[code], at)
        return
    board.lay(table, found)
    tabu[table.run.code] = step + TABU
    board.lift_orphans()
    for code in saved:
        place_anywhere(board, board.tables[code])


def _restore(board: Board, best: dict[str, Placement]) -> None:
    for code in list(board.placed):
        board.lift(code)
    for code, at in best.items():
        board.lay(board.tables[code], at)


def repair(board: Board, seconds: float, seed: int = 0) -> int:
    """Place left-out runs until none is left or time is up; the number of runs it added.
    The board ends as the best timetable seen (most runs placed)."""
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    before = len(board.placed)
    best = dict(board.placed)
    tabu: dict[str, int] = {}
    step = since_best = 0
    improved = time.perf_counter()
    placeable = [t for t in board.tables.values() if t.placeable]
    while time.perf_counter() < min(deadline, improved + PATIENCE):
        waiting = [
            t for t in placeable if t.run.code not in board.placed and board.bounds(t) is not None
        ]
        if not waiting:
            break
        table = rng.choice(waiting)
        if not place_anywhere(board, table):
            _move(board, table, rng, tabu, step)
        step += 1
        if len(board.placed) > len(best):
            best, since_best, improved = dict(board.placed), 0, time.perf_counter()
        else:
            since_best += 1
        if since_best > STALE:
            _restore(board, best)
            since_best = 0
    _restore(board, best)
    return len(board.placed) - before


def _distance(at: Placement, was: Placement) -> int:
    """How far a placement is from the previous one, roughly as a re-plan's weights count it."""
    return (
        5 * (at.index != was.index) + 2 * len(set(was.team) - set(at.team)) + (at.room != was.room)
    )


def settle(board: Board, previous: dict[str, Placement]) -> int:
    """Put runs back where they were, or nearer, wherever that is now possible: the searches
    above move runs on their way to placing others, and not every move is needed in the end.
    The number of runs put back nearer."""
    nearer, changed = 0, True
    while changed:
        changed = False
        for code, was in previous.items():
            now = board.placed.get(code)
            if now is None or _distance(now, was) == 0:
                continue
            table = board.tables[code]
            board.lift(code)
            bounds = board.bounds(table)
            back = None
            if bounds is not None and 0 <= was.index < len(table.starts):
                fits = bounds[0] <= table.starts[was.index] and table.ends[was.index] <= bounds[1]
                back = (
                    was
                    if fits and holds(board, table, was)
                    else attempt(board, table, was.index, was)
                )
            if back is not None and _distance(back, was) < _distance(now, was):
                board.lay(table, back)
                nearer, changed = nearer + 1, True
            else:
                board.lay(table, now)
    return nearer
