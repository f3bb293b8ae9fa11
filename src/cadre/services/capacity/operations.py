"""Capacity planning use cases: plan the stored scenario, keep the plan, compare two plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cadre.domain.capacity.actuals import PlanActuals, overlay, replan
from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, build_problem
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.fingerprint import fingerprint
from cadre.domain.force.statement import ForeignRuns, plan_statement, stays_beside_plan
from cadre.domain.force.whole_force import posts_by_month
from cadre.domain.limits import require_within
from cadre.domain.planning import SolveResult
from cadre.domain.rules import check_scenario
from cadre.domain.scenario import Scenario
from cadre.interchange.actuals_sheet import read_actuals
from cadre.interchange.capacity_json import plan_from_json, plan_to_json
from cadre.interchange.convert import to_json_document
from cadre.interchange.registries import registries
from cadre.services.capacity.figures import ALIASES as ALIASES  # the web form names them
from cadre.services.capacity.figures import read_overrides
from cadre.services.plans.operations import Adoption, adopt_if_sound
from cadre.services.unit_of_work import UnitOfWork
from cadre.solvers.capacity import solve_capacity
from cadre.storage import plans
from cadre.storage import scenarios as store

KIND = "capacity"
Progress = Callable[[str, float], None]


def solve_plan(
    problem: CapacityProblem,
    seconds: float,
    progress: Progress | None = None,
    whole_runs: bool = False,
    earliest: bool = False,
) -> SolveResult[CapacityPlan]:
    """How every capacity plan is made, here and in the sweep. Continuous runs unless asked:
    whole runs (issue 14) still cost 10-20 times the continuous solve and, on NMI, leave
    hundreds of people unmet that the continuous plan meets (docs/capacity.md), a loss a
    staff could not defend as the default. With `whole_runs`, what they cost against the
    continuous bound is on the plan (`rounding`: more people unmet, instructor-months, the
    integrality gap); such a plan is `feasible`, not `optimal`: no optimum is proven. With
    `earliest`, each discipline's handover also says the earliest month the host could carry
    it in any plan (about six more solves a discipline, so only when asked)."""
    return solve_capacity(
        problem, seconds=seconds, progress=progress, whole_runs=whole_runs, earliest=earliest
    )


@dataclass(frozen=True)
class PlanVersion:
    number: int
    plan: CapacityPlan
    parameters: dict[str, object]
    violations: tuple[str, ...] = ()  # what the independent checker found; empty when sound
    adoption: Adoption | None = None  # with `adopt`: adopted, or why it stays a draft


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
    adopt: bool = False,
    actuals: PlanActuals | None = None,
    whole_runs: bool = False,
    earliest: bool = False,
) -> PlanVersion:
    """Plan the stored scenario and keep the plan as a new version with its scenario: a draft
    that changes nothing downstream until it is adopted (with `adopt`, at once, when it may be
    without force). With `actuals`, the months before `actuals.through` are fixed at the
    records' figures and only the months from it on are planned (domain/capacity/actuals.py)."""
    require_within(seconds=seconds, horizon_months=horizon_months)
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    scenario = with_overrides(scenario, overrides or {})
    problem = build_problem(scenario, mode, horizon_months)
    if actuals is not None:  # the past fixed at the records', the rest planned around it
        problem = replan(problem, actuals)
    result = solve_plan(problem, seconds, progress, whole_runs, earliest)
    plan = with_whole_force(scenario, result.solution) if result.status.usable else result.solution
    violations = tuple(check_capacity_plan(problem, plan)) if result.status.usable else ()
    parameters: dict[str, object] = {
        "mode": mode.value,
        "horizon_months": len(problem.months),
        "overrides": dict(overrides or {}),
        "seconds": seconds,
        "whole_runs": whole_runs,
        "earliest": earliest,
    }
    if actuals is not None and result.status.usable:
        plan = overlay(plan, actuals, dict(problem.initial_cadre))
        parameters["actuals_through"] = actuals.through.isoformat()
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
    adoption = adopt_if_sound(uow, scenario.mission.code, KIND, number) if adopt else None
    return PlanVersion(number, plan, parameters, violations, adoption)


def actuals_from_file(
    uow: UnitOfWork,
    path: pathlib.Path,
    through: dt.date | None = None,
    mission: str | None = None,
) -> PlanActuals:
    """The actuals in a spreadsheet (XLSX or CSV) for the stored scenario, read whole or
    refused with every problem (interchange/actuals_sheet.py); for `plan_capacity`."""
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    return read_actuals(path, scenario, through)


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


def with_whole_force(scenario: Scenario, plan: CapacityPlan) -> CapacityPlan:
    """The plan with the whole deployed force its statement of requirements implies, by post
    kind and month: the teaching posts (its foreign instructors, rounded up) and the
    headquarters, advisers, force protection and support the scenario writes or its ratios
    add."""
    need = {
        (q, month): value
        for q, series in plan.foreign.items()
        for month, value in zip(plan.months, series, strict=True)
        if value
    }
    runs = [
        ForeignRuns(r.course, r.site, r.mode.value, r.runs)
        for r in plan.runs
        if r.site is not None and r.mode.foreign_led
    ]
    written = [line for line in scenario.requirements if stays_beside_plan(line)]
    lines = (*plan_statement(scenario, need, runs, plan.months), *written)
    by_kind = posts_by_month(lines, plan.months)
    return dataclasses.replace(plan, deployed={k.value: v for k, v in by_kind.items()})


def summary(plan: CapacityPlan) -> dict[str, object]:
    peak, month = plan.peak_force
    deployed, deployed_month = plan.peak_deployed
    return {
        "status": plan.status,
        "peak_deployed": deployed,
        "peak_deployed_month": deployed_month.isoformat() if deployed_month else None,
        "peak_force": round(peak, 2),
        "peak_month": month.isoformat() if month else None,
        "instructor_months": round(plan.instructor_months, 1),
        "unmet": round(plan.unmet, 1),
        "runs": round(sum(r.runs for r in plan.runs), 1),
        "host_led_share": round(plan.host_led_share(), 3),
        "handovers": {h.subject: h.month.isoformat() if h.month else None for h in plan.handovers},
    }


def problem_of(uow: UnitOfWork, mode: PlanMode, mission: str | None = None) -> CapacityProblem:
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    return build_problem(scenario, mode)
