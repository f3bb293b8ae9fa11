"""Changes after which a timetable is re-planned, and what moved because of them.

A change is applied to the problem (a withdrawn nation's trainers leave theatre; a closed room
is gone); the re-plan then keeps as much of the previous timetable as it can, and each run
that differs is reported with the change that forced it, or the run it made way for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.domain.errors import InvalidInput
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable, PlacedRun
from cadre.domain.timetable.result import Move


@dataclass(frozen=True)
class Withdrawal:
    """A nation withdraws its trainers, or one pledge its people, from `effective` on (None:
    from the start); they leave theatre the day before."""

    nation: str | None = None
    pledge: str | None = None
    effective: dt.date | None = None

    def __str__(self) -> str:
        who = f"pledge {self.pledge}" if self.pledge else f"{self.nation}"
        return f"{who} withdraws" + (f" from {self.effective}" if self.effective else "")

    def concerns(self, nation: str, pledge: str | None) -> bool:
        if self.pledge is not None:
            return pledge == self.pledge
        return nation == self.nation


@dataclass(frozen=True)
class RoomClosure:
    """A room closes for the rest of the horizon; `site` needed only when codes repeat."""

    room: str
    site: str | None = None

    def __str__(self) -> str:
        return f"room {self.room} closes" + (f" at {self.site}" if self.site else "")

    def concerns(self, site: str, room: str) -> bool:
        return room == self.room and self.site in (None, site)


Change = Withdrawal | RoomClosure


def change_from(
    *,
    withdraw: str | None = None,
    withdraw_pledge: str | None = None,
    close_room: str | None = None,
    room_site: str | None = None,
    effective: dt.date | None = None,
) -> Change | None:
    """The change a user named (a nation or a pledge withdraws, a room closes), None when they
    named none; naming two is refused, as a re-plan answers one change at a time."""
    if sum(bool(x) for x in (withdraw, withdraw_pledge, close_room)) > 1:
        raise InvalidInput("say one change: withdraw a nation, withdraw a pledge or close a room")
    if close_room:
        return RoomClosure(close_room, room_site)
    if withdraw or withdraw_pledge:
        return Withdrawal(nation=withdraw, pledge=withdraw_pledge, effective=effective)
    return None


def apply_change(problem: MissionProblem, change: Change) -> MissionProblem:
    """The problem as it stands after the change; a change naming nothing known is refused."""
    if isinstance(change, RoomClosure):
        if not any(change.concerns(s.code, r.code) for s in problem.sites for r in s.rooms):
            raise InvalidInput(f"{change}: no such room in the timetable's sites")
        sites = tuple(
            dataclasses.replace(
                s, rooms=tuple(r for r in s.rooms if not change.concerns(s.code, r.code))
            )
            for s in problem.sites
        )
        return dataclasses.replace(problem, sites=sites)
    if change.nation is None and change.pledge is None:
        raise InvalidInput("a withdrawal names a nation or a pledge")
    if not any(change.concerns(t.nation, t.pledge) for t in problem.trainers):
        raise InvalidInput(f"{change}: no trainer of the timetable serves under it")
    trainers = []
    for t in problem.trainers:
        if change.concerns(t.nation, t.pledge):
            if change.effective is None or change.effective <= t.in_theatre_from:
                continue
            last = change.effective - dt.timedelta(days=1)
            t = dataclasses.replace(t, in_theatre_to=min(t.in_theatre_to, last))
        trainers.append(t)
    return dataclasses.replace(problem, trainers=tuple(trainers))


def _direct_reasons(
    before: MissionProblem, after: MissionProblem, placed: PlacedRun, changes: Sequence[Change]
) -> list[str]:
    """What in the changes makes the previous placement of a run impossible now."""
    reasons = []
    run = before.run(placed.run)
    for code in placed.instructors:
        still = after.has("trainer", code)
        if still and after.trainer(code).in_theatre_to >= placed.end:
            continue
        if not before.has("trainer", code):
            reasons.append(f"{code} is no longer in the scenario")
            continue
        old = before.trainer(code)
        by = next(
            (
                c
                for c in changes
                if isinstance(c, Withdrawal) and c.concerns(old.nation, old.pledge)
            ),
            None,
        )
        pledge = f" of pledge {old.pledge}" if old.pledge else f" ({old.nation})"
        reasons.append(f"{code}{pledge} left" + (f": {by}" if by else " theatre"))
    rooms = {r.code for r in after.site(run.site).rooms}
    if placed.room not in rooms:
        reasons.append(f"room {placed.room} at {run.site} closed")
    return reasons


def _what_changed(before: PlacedRun | None, after: PlacedRun | None) -> tuple[str, ...]:
    if before is None and after is not None:
        return (f"placed {after.start}–{after.end} in {after.room}",)
    if after is None:
        return ("no longer placed",)
    assert before is not None
    out = []
    if after.start != before.start:
        out.append(f"{after.start}–{after.end}, was {before.start}–{before.end}")
    gone, new = set(before.instructors) - set(after.instructors), set(after.instructors)
    if gone:
        came = sorted(new - set(before.instructors))
        out.append(f"instructors {', '.join(sorted(gone))} → {', '.join(came)}")
    if after.room != before.room:
        out.append(f"room {after.room}, was {before.room}")
    return tuple(out)


def _overlaps(a: PlacedRun, b: PlacedRun) -> bool:
    return a.start <= b.end and b.start <= a.end


def _made_way_for(problem: MissionProblem, old: PlacedRun, forced: list[PlacedRun]) -> list[str]:
    """Directly affected runs now placed where this run was, sharing a person, room or cohort."""
    run = problem.run(old.run)
    found = []
    for other in forced:
        mine = problem.run(other.run)
        shares = (
            set(other.instructors) & set(old.instructors)
            or (mine.site == run.site and other.room == old.room)
            or (run.cohort is not None and mine.cohort == run.cohort)
        )
        if shares and _overlaps(other, old):
            found.append(other.run)
    return found


def explain_moves(
    before: MissionProblem,
    after: MissionProblem,
    previous: MissionTimetable,
    timetable: MissionTimetable,
    changes: Sequence[Change],
) -> tuple[Move, ...]:
    """Every run placed differently than before, with why: the change itself, or a knock-on."""
    now = {p.run: p for p in timetable.placed}
    old = {p.run: p for p in previous.placed if before.has("run", p.run)}
    direct = {code: _direct_reasons(before, after, p, changes) for code, p in old.items()}
    forced = [now[code] for code, why in direct.items() if why and code in now]
    moves = []
    for code in [r.code for r in after.runs]:
        was, is_ = old.get(code), now.get(code)
        if was == is_:
            continue
        if was is None:
            reason = "placed now: what kept it out before is free"
        elif direct.get(code):
            reason = "; ".join(direct[code])
        else:
            ways = _made_way_for(before, was, forced) if is_ is not None or forced else []
            reason = (
                f"knock-on: makes way for {', '.join(ways)}"
                if ways
                else "knock-on: re-arranged around the runs the change hit"
            )
        moves.append(Move(code, was, is_, _what_changed(was, is_), reason))
    return tuple(moves)
