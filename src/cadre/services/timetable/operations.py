"""Timetable use cases that make a timetable: schedule the stored scenario's runs (listed in it,
or rounded from the adopted capacity plan), re-plan after a change, and keep each timetable as a
plan version of kind "timetable" with its scenario."""

from __future__ import annotations

import os
from typing import Any

from cadre.domain.course_runs import CourseRun
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.fingerprint import fingerprint
from cadre.domain.limits import require_within
from cadre.domain.planning import Progress
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.build import mission_problem
from cadre.domain.timetable.changes import Change, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.plan import (
    TimetablePlan,
)
from cadre.domain.timetable.problem import MissionProblem
from cadre.domain.timetable.result import MissionResult
from cadre.domain.timetable.runs import runs_from_plan
from cadre.interchange.convert import to_json_document
from cadre.interchange.timetable_json import change_to_json, plan_to_json
from cadre.services.capacity import operations as capacity
from cadre.services.plans.operations import adopt_if_sound
from cadre.services.timetable.queries import (
    KIND,
    TimetableVersion,
    load_timetable,
    problem_of,
    with_causes,
)
from cadre.services.unit_of_work import UnitOfWork
from cadre.solvers.timetable.solve import quiet, solve_replan, solve_timetable
from cadre.storage import plans
from cadre.storage import scenarios as store


def _workers(workers: int | None) -> int:
    return workers or max(2, os.cpu_count() or 2)


def runs_to_place(
    uow: UnitOfWork, scenario: Scenario, months: int
) -> tuple[tuple[CourseRun, ...], tuple[str, ...], str, int | None]:
    """The runs to place, notes on how they were made, where they came from (the scenario's
    `runs:` when it lists any, else the adopted capacity plan's first months) and that plan's
    number."""
    if scenario.runs:
        return scenario.runs, (), "the scenario's runs", None
    try:
        version = capacity.load_plan(uow, mission=scenario.mission.code)
    except NotFound as missing:
        if missing.code == "plan.none_adopted":
            raise  # plans exist: one is to be adopted, not made again
        raise NotFound(
            "nothing to timetable: the scenario lists no runs and there is no capacity plan yet; "
            "plan the training force first, or list runs in the scenario",
            code="timetable.nothing_to_place",
            mission=scenario.mission.code,
        ) from None
    found = runs_from_plan(scenario, version.plan, months)
    if not found.runs:
        raise InvalidInput(
            f"capacity plan {version.number} has no run in theatre in its first {months} months"
        )
    return found.runs, found.notes, f"capacity plan {version.number}", version.number


def schedule(
    uow: UnitOfWork,
    *,
    mission: str | None = None,
    months: int = 12,
    seconds: float = 60.0,
    seed: int = 0,
    workers: int | None = None,
    progress: Progress | None = None,
    adopt: bool = False,
) -> TimetableVersion:
    """Timetable the stored scenario and keep the timetable as a new version (a draft; with
    `adopt`, adopted at once when it may be without force); `progress` hears what the solver
    is doing and the share of its time used."""
    require_within(months=months, seconds=seconds, seed=seed, workers=workers)
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    runs, notes, source, capacity_plan = runs_to_place(uow, scenario, months)
    problem = mission_problem(scenario, runs)
    result = solve_timetable(problem, seconds, seed, _workers(workers), progress=progress or quiet)
    plan = _plan(problem, result, notes, ())
    parameters = {
        "source": source,
        "capacity_plan": capacity_plan,
        "months": months,
        "seconds": seconds,
        "seed": seed,
    }
    return _save(uow, scenario, problem, plan, parameters, adopt)


def replan(
    uow: UnitOfWork,
    change: Change,
    *,
    mission: str | None = None,
    seconds: float = 8.0,
    seed: int = 0,
    workers: int | None = None,
    progress: Progress | None = None,
    adopt: bool = False,
) -> TimetableVersion:
    """Apply `change` to the adopted timetable's problem (with the changes made before it) and
    re-plan, moving as little as possible; the moves and their reasons are kept with it."""
    require_within(seconds=seconds, seed=seed, workers=workers)
    previous = load_timetable(uow, mission=mission)
    with uow.transaction() as session:
        scenario = store.load_scenario(session, previous.scenario.mission.code)
    problem = problem_of(scenario, previous.plan)
    before = previous.plan.result.solution
    result = solve_replan(
        problem, before, change, seconds, seed, _workers(workers), progress or quiet
    )
    changed = apply_change(problem, change)
    plan = _plan(changed, result, previous.plan.notes, (*previous.plan.changes, change))
    parameters = {
        "source": previous.parameters.get("source", ""),
        "capacity_plan": previous.parameters.get("capacity_plan"),
        "months": previous.parameters.get("months"),
        "seconds": seconds,
        "seed": seed,
        "previous": previous.number,
        "change": change_to_json(change),
    }
    return _save(uow, scenario, changed, plan, parameters, adopt)


def _plan(
    problem: MissionProblem,
    result: MissionResult,
    notes: tuple[str, ...],
    changes: tuple[Change, ...],
) -> TimetablePlan:
    return TimetablePlan(
        problem.runs, problem.start, problem.end, result, problem.starts, notes, changes
    )


def _save(
    uow: UnitOfWork,
    scenario: Scenario,
    problem: MissionProblem,
    plan: TimetablePlan,
    parameters: dict[str, Any],
    adopt: bool = False,
) -> TimetableVersion:
    result = plan.result
    violations = tuple(
        f"{c.rule.value}: {c.run}: {c.detail}" for c in check_timetable(problem, result.solution)
    )
    summary = {
        "status": result.status.value,
        "runs": len(plan.runs),
        "placed": len(result.solution.placed),
        "unplaced": len(result.unplaced),
        "moved": len(result.moves),
        "objective": result.objective,
        "bound": result.bound,
        "violations": list(violations),
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
            summary=summary,
            result=plan_to_json(plan),
        )
        number, created = row.number, row.created_at
        uow.plan_kept(
            session,
            mission=scenario.mission.code,
            kind="timetable-plans",
            number=number,
            status=result.status.value,
        )
    adoption = adopt_if_sound(uow, scenario.mission.code, KIND, number) if adopt else None
    return with_causes(
        uow,
        TimetableVersion(
            number, created, plan, scenario, problem, parameters, violations, adoption
        ),
    )
