"""Mission timetables as JSON, as plan versions keep them, and back, losing nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cadre.domain.planning import SolveStatus
from cadre.domain.timetable.causes import LeftOut
from cadre.domain.timetable.changes import Change, RoomClosure, Withdrawal
from cadre.domain.timetable.cost import MissionCost
from cadre.domain.timetable.plan import TimetablePlan
from cadre.domain.timetable.problem import MissionTimetable, PlacedRun, StartRule
from cadre.domain.timetable.result import (
    Blocker,
    BlockerKind,
    MissionResult,
    Move,
    UnplacedRun,
)
from cadre.interchange.runs_shape import RunShape, runs_to_document, runs_to_domain

_day = dt.date.fromisoformat


def _placed(p: PlacedRun | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "run": p.run,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "room": p.room,
        "instructors": list(p.instructors),
    }


def _placed_back(d: dict[str, Any] | None) -> PlacedRun | None:
    if d is None:
        return None
    return PlacedRun(d["run"], _day(d["start"]), _day(d["end"]), d["room"], tuple(d["instructors"]))


def change_to_json(change: Change) -> dict[str, Any]:
    if isinstance(change, RoomClosure):
        return {"kind": "room_closure", "room": change.room, "site": change.site}
    return {
        "kind": "withdrawal",
        "nation": change.nation,
        "pledge": change.pledge,
        "effective": change.effective.isoformat() if change.effective else None,
    }


def change_from_json(d: dict[str, Any]) -> Change:
    if d["kind"] == "room_closure":
        return RoomClosure(d["room"], d.get("site"))
    effective = d.get("effective")
    return Withdrawal(d.get("nation"), d.get("pledge"), _day(effective) if effective else None)


def plan_to_json(plan: TimetablePlan) -> dict[str, Any]:
    r = plan.result
    runs = runs_to_document(plan.runs).get("runs", [])
    return {
        "runs": [
            {**x, "earliest": x["earliest"].isoformat(), "latest": x["latest"].isoformat()}
            for x in runs
        ],
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "starts": plan.starts.value,
        "notes": list(plan.notes),
        "changes": [change_to_json(c) for c in plan.changes],
        "status": r.status.value,
        "objective": r.objective,
        "bound": r.bound,
        "seconds": r.seconds,
        "cost": vars(r.cost),
        "placed": [_placed(p) for p in r.solution.placed],
        "unplaced": [_unplaced(u) for u in r.unplaced],
        "moves": [
            {
                "run": m.run,
                "before": _placed(m.before),
                "after": _placed(m.after),
                "changes": list(m.changes),
                "reason": m.reason,
            }
            for m in r.moves
        ],
        "diagnostics": dict(r.diagnostics),
    }


def _unplaced(u: UnplacedRun) -> dict[str, Any]:
    return {
        "run": u.run,
        "blockers": [{"kind": b.kind.value, "reason": b.reason} for b in u.blockers],
    }


def _unplaced_back(d: dict[str, Any]) -> UnplacedRun:
    return UnplacedRun(
        d["run"], tuple(Blocker(BlockerKind(b["kind"]), b["reason"]) for b in d["blockers"])
    )


def _move_back(d: dict[str, Any]) -> Move:
    before, after = _placed_back(d["before"]), _placed_back(d["after"])
    return Move(d["run"], before, after, tuple(d["changes"]), d["reason"])


def plan_from_json(d: dict[str, Any]) -> TimetablePlan:
    diagnostics = d.get("diagnostics", {})
    result = MissionResult(
        status=SolveStatus(d["status"]),
        solution=MissionTimetable(tuple(p for x in d["placed"] if (p := _placed_back(x)))),
        objective=d["objective"],
        bound=d["bound"],
        # kept among the diagnostics before the result had a field of its own
        seconds=d.get("seconds", diagnostics.get("seconds", 0.0)),
        diagnostics=diagnostics,
        cost=MissionCost(**d["cost"]),
        unplaced=tuple(_unplaced_back(u) for u in d["unplaced"]),
        moves=tuple(_move_back(m) for m in d["moves"]),
    )
    return TimetablePlan(
        runs=runs_to_domain([RunShape.model_validate(x) for x in d["runs"]]),
        start=_day(d["start"]),
        end=_day(d["end"]),
        result=result,
        starts=StartRule(d.get("starts", StartRule.AFTER_DAY_OFF.value)),
        notes=tuple(d.get("notes", ())),
        changes=tuple(change_from_json(c) for c in d.get("changes", ())),
    )


def left_out_to_json(left: Sequence[LeftOut]) -> list[dict[str, Any]]:
    """Runs a timetable leaves out, for scripts: the cause's code, the run, the capacity plan
    line it came from (null: listed in the scenario) and the sentence behind the cause."""
    return [
        {
            "code": x.cause.value,
            "run": x.run,
            "plan_line": None
            if x.line is None
            else {
                "course": x.line.course,
                "site": x.line.site,
                "month": x.line.month.isoformat(),
                "mode": x.line.mode,
                "runs": x.line.runs,
            },
            "detail": x.detail,
        }
        for x in left
    ]
