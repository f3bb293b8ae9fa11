"""Capacity planning use cases: plan the stored scenario, keep the plan, compare two plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.fingerprint import fingerprint
from cadre.domain.rules import check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.capacity_json import plan_from_json, plan_to_json
from cadre.interchange.convert import to_json_document
from cadre.interchange.registries import registries
from cadre.services.capacity.figures import ALIASES as ALIASES  # the web form names them
from cadre.services.capacity.figures import read_overrides
from cadre.services.unit_of_work import UnitOfWork
from cadre.solvers.capacity import solve_capacity
from cadre.storage import plans
from cadre.storage import scenarios as store

KIND = "capacity"
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class PlanVersion:
    number: int
    plan: CapacityPlan
    parameters: dict[str, object]
    violations: tuple[str, ...] = ()  # what the independent checker found; empty when sound


def with_overrides(scenario: Scenario, overrides: Mapping[str, str]) -> Scenario:
    """The scenario with planning figures replaced for one run, e.g. {"attrition": "0.03"}."""
    changes = read_overrides(overrides)
    changed = dataclasses.replace(
        scenario, planning=dataclasses.replace(scenario.planning, **changes)
    )
    violations = [v for v in check_scenario(changed, registries()) if v.path[0] == "planning"]
    if violations:
        raise InvalidInput([Problem(v.message, field=str(v.path[-1])) for v in violations])
    return changed


def plan_capacity(
    uow: UnitOfWork,
    *,
    mission: str | None = None,
    mode: PlanMode = PlanMode.SIZING,
    horizon_months: int | None = None,
    overrides: Mapping[str, str] | None = None,
    seconds: float = 60.0,
    progress: Progress | None = None,
) -> PlanVersion:
    """Plan the stored scenario and keep the plan as a new version with its scenario."""
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    scenario = with_overrides(scenario, overrides or {})
    if horizon_months is not None and not 1 <= horizon_months <= 120:
        raise InvalidInput(f"the horizon must be 1 to 120 months, not {horizon_months}")
    problem = build_problem(scenario, mode, horizon_months)
    result = solve_capacity(problem, seconds=seconds, progress=progress)
    plan = result.solution
    violations = tuple(check_capacity_plan(problem, plan)) if result.status.usable else ()
    parameters: dict[str, object] = {
        "mode": mode.value,
        "horizon_months": len(problem.months),
        "overrides": dict(overrides or {}),
        "seconds": seconds,
    }
    with uow.transaction() as session:
        row = plans.save_plan_version(
            session,
            scenario.mission.code,
            KIND,
            status=result.status.value,
            parameters=parameters,
            scenario_fingerprint=fingerprint(scenario),
            scenario_snapshot=to_json_document(scenario),
            summary=summary(plan) | {"violations": list(violations)},
            result=plan_to_json(plan),
        )
        number = row.number
        uow.plan_kept(
            session,
            mission=scenario.mission.code,
            kind="capacity-plans",
            number=number,
            status=plan.status,
        )
    return PlanVersion(number, plan, parameters, violations)


def load_plan(
    uow: UnitOfWork, number: int | None = None, mission: str | None = None
) -> PlanVersion:
    with uow.transaction() as session:
        row = plans.plan_version(session, mission, KIND, number)
        return PlanVersion(
            row.number,
            plan_from_json(row.result),
            dict(row.parameters),
            tuple(row.summary.get("violations", [])),
        )


@dataclass(frozen=True)
class PlanListing:
    number: int
    created_at: dt.datetime
    status: str
    parameters: dict[str, Any]
    summary: dict[str, Any]


def list_plans(uow: UnitOfWork, mission: str | None = None) -> list[PlanListing]:
    with uow.transaction() as session:
        return [
            PlanListing(r.number, r.created_at, r.status, dict(r.parameters), dict(r.summary))
            for r in plans.plan_versions(session, mission, KIND)
        ]


def summary(plan: CapacityPlan) -> dict[str, object]:
    peak, month = plan.peak_force
    return {
        "status": plan.status,
        "peak_force": round(peak, 2),
        "peak_month": month.isoformat() if month else None,
        "instructor_months": round(plan.instructor_months, 1),
        "unmet": round(plan.unmet, 1),
        "host_led_share": round(plan.host_led_share(), 3),
        "handovers": {h.subject: h.month.isoformat() if h.month else None for h in plan.handovers},
    }


def problem_of(uow: UnitOfWork, mode: PlanMode, mission: str | None = None) -> CapacityProblem:
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    return build_problem(scenario, mode)
