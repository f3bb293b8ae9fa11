"""A first timetable for CP-SAT to start from, built greedily in a fraction of a second.

Runs are placed one by one, hardest first (fewest starts times candidates), each at its
earliest start where a room, a team with a certified instructor and its cohort are free;
people are preferred at sites they already teach at, and less loaded. For a re-plan the
previous placements are laid down first wherever they still hold, and a run that lost a
person or a room is mended at its old start before it is moved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from cadre.solvers.timetable.tables import Candidate, RunTable


@dataclass(frozen=True)
class Placement:
    index: int  # into the run's possible starts; -1: the old start is no longer possible
    room: str
    team: tuple[str, ...]


def person(code: str) -> str:
    return f"person {code}"


def room_key(table: RunTable, room: str) -> str:
    return f"room {table.run.site}/{room}"


def cohort_key(table: RunTable) -> str | None:
    return f"cohort {table.run.cohort}" if table.run.cohort is not None else None


class Board:
    """The timetable being built: who and what each day holds, and which run holds it."""

    def __init__(self, tables: list[RunTable], horizon: int, before: dict[str, frozenset[str]]):
        self.tables = {t.run.code: t for t in tables}
        self.days = horizon + 1
        self.before = before
        self.placed: dict[str, Placement] = {}
        self._taken: dict[str, np.ndarray] = {}
        self._holders: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        self.sites: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.load: dict[str, int] = defaultdict(int)
        self.cohort_runs: dict[str, list[RunTable]] = defaultdict(list)
        for t in tables:
            if t.run.cohort is not None:
                self.cohort_runs[t.run.cohort].append(t)

    def free(self, key: str, start: int, end: int) -> bool:
        row = self._taken.get(key)
        return row is None or not row[start:end].any()

    def holders(self, key: str, start: int, end: int) -> set[str]:
        if self.free(key, start, end):
            return set()
        return {code for code, (a, b) in self._holders[key].items() if a < end and start < b}

    def keys(self, table: RunTable, at: Placement) -> list[str]:
        keys = [room_key(table, at.room), *(person(p) for p in at.team)]
        cohort = cohort_key(table)
        return keys + ([cohort] if cohort else [])

    def lay(self, table: RunTable, at: Placement) -> None:
        start, end = table.starts[at.index], table.ends[at.index]
        for key in self.keys(table, at):
            row = self._taken.get(key)
            if row is None:
                row = self._taken[key] = np.zeros(self.days, dtype=bool)
            row[start:end] = True
            self._holders[key][table.run.code] = (start, end)
        for p in at.team:
            self.sites[p][table.run.site] += 1
            self.load[p] += table.days
        self.placed[table.run.code] = at

    def lift(self, code: str) -> Placement:
        table, at = self.tables[code], self.placed.pop(code)
        start, end = table.starts[at.index], table.ends[at.index]
        for key in self.keys(table, at):
            self._taken[key][start:end] = False
            del self._holders[key][code]
        for p in at.team:
            self.sites[p][table.run.site] -= 1
            if not self.sites[p][table.run.site]:
                del self.sites[p][table.run.site]
            self.load[p] -= table.days
        return at

    def bounds(self, table: RunTable) -> tuple[int, int] | None:
        """Days a run may take given its cohort's placed runs; None while a run of a course it
        needs first is not placed."""
        low, high = 0, self.days
        needs = self.before.get(table.run.course, frozenset())
        for other in self.cohort_runs.get(table.run.cohort or "", ()):
            at = self.placed.get(other.run.code)
            if other.run.course in needs:
                if at is None:
                    return None
                low = max(low, other.ends[at.index])
            elif at is not None and table.run.course in self.before.get(other.run.course, ()):
                high = min(high, other.starts[at.index])
        return low, high

    def lift_orphans(self) -> None:
        """Lift runs whose cohort lacks a placed run of a course required first, until none."""
        while found := self.orphans():
            for code in found:
                self.lift(code)

    def orphans(self) -> list[str]:
        """Placed runs whose cohort lacks a placed run of a course required first."""
        found = []
        for group in self.cohort_runs.values():
            for t in group:
                needs = self.before.get(t.run.course, frozenset())
                if t.run.code in self.placed and any(
                    o.run.code not in self.placed for o in group if o.run.course in needs
                ):
                    found.append(t.run.code)
        return found


def _team(
    board: Board, table: RunTable, index: int, keep: tuple[str, ...]
) -> tuple[str, ...] | None:
    start, end = table.starts[index], table.ends[index]
    site = table.run.site

    def preference(c: Candidate) -> tuple[bool, bool, int, str]:
        settled = not board.sites[c.trainer] or site in board.sites[c.trainer]
        return (c.trainer not in keep, not settled, board.load[c.trainer], c.trainer)

    usable = sorted(
        (
            c
            for c in table.candidates
            if c.first <= index <= c.last and board.free(person(c.trainer), start, end)
        ),
        key=preference,
    )
    certified = next((c for c in usable if c.certified), None)
    if certified is None or len(usable) < table.team:
        return None
    team = [certified, *[c for c in usable if c is not certified][: table.team - 1]]
    return tuple(sorted(c.trainer for c in team))


def attempt(
    board: Board, table: RunTable, index: int, prefer: Placement | None = None
) -> Placement | None:
    """The run at start `index` with a free room and team, if the board has them."""
    bounds = board.bounds(table)
    start, end = table.starts[index], table.ends[index]
    if bounds is None or start < bounds[0] or end > bounds[1]:
        return None
    cohort = cohort_key(table)
    if cohort and not board.free(cohort, start, end):
        return None
    rooms = sorted(table.rooms, key=lambda r: (prefer is None or r != prefer.room, r))
    room = next((r for r in rooms if board.free(room_key(table, r), start, end)), None)
    if room is None:
        return None
    team = _team(board, table, index, prefer.team if prefer else ())
    return None if team is None else Placement(index, room, team)


def place_anywhere(board: Board, table: RunTable, order: list[int] | None = None) -> bool:
    for i in order if order is not None else range(len(table.starts)):
        found = attempt(board, table, i)
        if found is not None:
            board.lay(table, found)
            return True
    return False


def holds(board: Board, table: RunTable, was: Placement) -> bool:
    """Whether a previous placement is still possible exactly as it was."""
    if not 0 <= was.index < len(table.starts) or was.room not in table.rooms:
        return False
    start, end = table.starts[was.index], table.ends[was.index]
    people = {c.trainer: c for c in table.candidates if c.first <= was.index <= c.last}
    return (
        len(set(was.team)) == table.team
        and all(p in people and board.free(person(p), start, end) for p in was.team)
        and any(people[p].certified for p in was.team)
        and all(board.free(k, start, end) for k in board.keys(table, was))
    )


def construct(board: Board, previous: dict[str, Placement] | None = None) -> None:
    """Lay as many runs as the greedy order manages; `previous` placements first, as they
    were where they still hold, else mended at their old start, else anywhere."""
    previous = previous or {}
    for code, was in previous.items():
        table = board.tables.get(code)
        if table is not None and table.placeable and holds(board, table, was):
            board.lay(table, was)
    order = sorted(
        (t for t in board.tables.values() if t.placeable and t.run.code not in board.placed),
        key=lambda t: (len(board.before.get(t.run.course, ())), len(t.starts) * len(t.candidates)),
    )
    for table in order:
        old = previous.get(table.run.code)
        if old is not None and 0 <= old.index < len(table.starts):
            mended = attempt(board, table, old.index, old)
            if mended is not None:
                board.lay(table, mended)
                continue
        place_anywhere(board, table)
    board.lift_orphans()
