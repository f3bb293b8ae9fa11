"""Capacity plans as JSON: what a plan version stores, `--json` writes and the API returns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

from cadre.domain.capacity.plan import (
    Assignment,
    CapacityPlan,
    DemandOutcome,
    Handover,
    PlannedRuns,
    RoundingLoss,
    Stage,
)
from cadre.domain.capacity.problem import PlanMode, RunMode
from cadre.domain.planning import SolveStatus


def plan_to_json(plan: CapacityPlan) -> dict[str, Any]:
    peak, peak_month = plan.peak_force
    deployed, deployed_month = plan.peak_deployed
    return {
        "status": plan.status.value,
        "mode": plan.mode.value,
        "months": [m.isoformat() for m in plan.months],
        "headline": {
            "peak_force": round(peak, 3),
            "peak_month": peak_month.isoformat() if peak_month else None,
            "instructor_months": round(plan.instructor_months, 3),
            "unmet": round(plan.unmet, 3),
            "host_led_share": round(plan.host_led_share(), 4),
            "peak_deployed": deployed,
            "peak_deployed_month": deployed_month.isoformat() if deployed_month else None,
        },
        "deployed": {k: list(v) for k, v in plan.deployed.items()},
        "runs": [
            {
                "course": r.course,
                "month": r.month,
                "mode": r.mode.value,
                "site": r.site,
                "runs": r.runs,
            }
            for r in plan.runs
        ],
        "trainees": {k: list(v) for k, v in plan.trainees.items()},
        "abroad": [
            {"course": course, "nation": nation, "entrants": list(v)}
            for (course, nation), v in plan.abroad.items()
        ],
        "foreign_requirement": {k: list(v) for k, v in plan.foreign.items()},
        "foreign_mentoring": {k: list(v) for k, v in plan.foreign_mentoring.items()},
        "host_mentoring": {k: list(v) for k, v in plan.host_mentoring.items()},
        "host_cadre": {k: list(v) for k, v in plan.host_cadre.items()},
        "outcomes": [vars(o) for o in plan.outcomes],
        "handovers": [_handover(h) for h in plan.handovers],
        "site_handovers": [_handover(h) for h in plan.site_handovers],
        "marginal_values": dict(plan.marginal_values),
        "assignments": [
            {
                "pledge": a.pledge,
                "month": a.month,
                "site": a.site,
                "mode": a.mode.value if a.mode else None,
                "amount": a.amount,
                "qualification": a.qualification,
            }
            for a in plan.assignments
        ],
        "stages": [vars(s) for s in plan.stages],
        "variables": plan.variables,
        "constraints": plan.constraints,
        "notes": list(plan.notes),
        "rounding": _rounding(plan.rounding) if plan.rounding else None,
    }


def _rounding(loss: RoundingLoss) -> dict[str, Any]:
    # The integrality gap is read from the objectives, written out for a reader of the JSON
    # who has not the formula; null when the bound is 0 and not met (no share of nothing).
    gap = loss.integrality_gap
    return vars(loss) | {"integrality_gap": gap if math.isfinite(gap) else None}


def _handover(h: Handover) -> dict[str, Any]:
    return {
        "subject": h.subject,
        "month": h.month.isoformat() if h.month else None,
        "index": h.index,
        "reason": h.reason,
        "target": h.target.isoformat() if h.target else None,
        # the earliest month the host could carry it (None: not within the horizon), only
        # when the plan was made with it: "earliest_known"
        "earliest": h.earliest.isoformat() if h.earliest else None,
        "earliest_known": h.earliest_known,
    }


def plan_from_json(data: dict[str, Any]) -> CapacityPlan:
    def day(text: str | None) -> dt.date | None:
        return dt.date.fromisoformat(text) if text else None

    def handover(h: dict[str, Any]) -> Handover:
        return Handover(
            h["subject"],
            day(h["month"]),
            h["index"],
            h.get("reason", ""),
            day(h.get("target")),
            day(h.get("earliest")),
            h.get("earliest_known", False),
        )

    return CapacityPlan(
        status=SolveStatus(data["status"]),
        mode=PlanMode(data["mode"]),
        months=tuple(dt.date.fromisoformat(m) for m in data["months"]),
        runs=tuple(
            PlannedRuns(r["course"], r["month"], RunMode(r["mode"]), r["site"], r["runs"])
            for r in data["runs"]
        ),
        trainees={k: tuple(v) for k, v in data["trainees"].items()},
        abroad={(a["course"], a["nation"]): tuple(a["entrants"]) for a in data["abroad"]},
        foreign={k: tuple(v) for k, v in data["foreign_requirement"].items()},
        foreign_mentoring={k: tuple(v) for k, v in data["foreign_mentoring"].items()},
        host_mentoring={k: tuple(v) for k, v in data["host_mentoring"].items()},
        host_cadre={k: tuple(v) for k, v in data["host_cadre"].items()},
        outcomes=tuple(DemandOutcome(**o) for o in data["outcomes"]),
        handovers=tuple(handover(h) for h in data["handovers"]),
        site_handovers=tuple(handover(h) for h in data["site_handovers"]),
        marginal_values=dict(data["marginal_values"]),
        assignments=tuple(
            Assignment(
                a["pledge"],
                a["month"],
                a["site"],
                RunMode(a["mode"]) if a["mode"] else None,
                a["amount"],
                a.get("qualification"),
            )
            for a in data["assignments"]
        ),
        stages=tuple(Stage(**s) for s in data["stages"]),
        variables=data["variables"],
        constraints=data["constraints"],
        notes=tuple(data["notes"]),
        deployed={k: tuple(v) for k, v in data.get("deployed", {}).items()},
        rounding=_rounding_from(data["rounding"]) if data.get("rounding") else None,
    )


def _rounding_from(data: dict[str, Any]) -> RoundingLoss:
    kept = {f.name for f in dataclasses.fields(RoundingLoss)}  # not the gap read from them
    return RoundingLoss(**{k: v for k, v in data.items() if k in kept})
