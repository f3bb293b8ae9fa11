"""Timetable use cases: schedule the stored scenario's runs (listed in it, or rounded from the
latest capacity plan), re-plan after a change, keep each timetable as a plan version of kind
"timetable" with its scenario, and hand it out as calendars, workbooks and plain values."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
from dataclasses import dataclass
from typing import Any

from cadre.domain.course_runs import CourseRun
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.fingerprint import fingerprint
from cadre.domain.planning import Progress
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.build import mission_problem
from cadre.domain.timetable.changes import Change, apply_change
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.plan import (
    CalendarRun,
    TimetablePlan,
    TimetableView,
    co_teaching,
)
from cadre.domain.timetable.problem import MissionProblem, PlacedRun
from cadre.domain.timetable.result import MissionResult
from cadre.domain.timetable.runs import runs_from_plan
from cadre.interchange.convert import to_domain, to_json_document
from cadre.interchange.schema import ScenarioShape
from cadre.interchange.timetable_ics import (
    SUBJECTS,
    Version,
    calendar_text,
    concerns,
    event_uid,
    write_calendars,
)
from cadre.interchange.timetable_json import change_to_json, plan_from_json, plan_to_json
from cadre.interchange.timetable_xlsx import write_workbook
from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from cadre.solvers.timetable.solve import quiet, solve_replan, solve_timetable
from cadre.storage import plans
from cadre.storage import scenarios as store

KIND = "timetable"


@dataclass(frozen=True)
class TimetableVersion:
    """A stored timetable with the scenario it was computed from and the problem it solved."""

    number: int
    created_at: dt.datetime
    plan: TimetablePlan
    scenario: Scenario
    problem: MissionProblem
    parameters: dict[str, Any]
    violations: tuple[str, ...]  # what the independent checker found; empty when sound

    @property
    def version(self) -> Version:
        return Version(self.number, self.created_at)


def _workers(workers: int | None) -> int:
    return workers or max(2, os.cpu_count() or 2)


def runs_to_place(
    uow: UnitOfWork, scenario: Scenario, months: int
) -> tuple[tuple[CourseRun, ...], tuple[str, ...], str]:
    """The runs to place, notes on how they were made, and where they came from: the
    scenario's `runs:` when it lists any, else the latest capacity plan's first months."""
    if scenario.runs:
        return scenario.runs, (), "the scenario's runs"
    try:
        version = capacity.load_plan(uow, mission=scenario.mission.code)
    except NotFound:
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
    return found.runs, found.notes, f"capacity plan {version.number}"


def schedule(
    uow: UnitOfWork,
    *,
    mission: str | None = None,
    months: int = 12,
    seconds: float = 60.0,
    seed: int = 0,
    workers: int | None = None,
    progress: Progress | None = None,
) -> TimetableVersion:
    """Timetable the stored scenario and keep the timetable as a new version; `progress` hears
    what the solver is doing and the share of its time used."""
    if not 1 <= months <= 120:
        raise InvalidInput(
            [
                Problem(
                    f"months: 1 to 120, not {months}",
                    field="months",
                    code="timetable.months_out_of_range",
                    params={"months": months},
                )
            ]
        )
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    runs, notes, source = runs_to_place(uow, scenario, months)
    problem = mission_problem(scenario, runs)
    result = solve_timetable(problem, seconds, seed, _workers(workers), progress=progress or quiet)
    plan = _plan(problem, result, notes, ())
    parameters = {"source": source, "months": months, "seconds": seconds, "seed": seed}
    return _save(uow, scenario, problem, plan, parameters)


def replan(
    uow: UnitOfWork,
    change: Change,
    *,
    mission: str | None = None,
    seconds: float = 8.0,
    seed: int = 0,
    workers: int | None = None,
    progress: Progress | None = None,
) -> TimetableVersion:
    """Apply `change` to the latest timetable's problem (with the changes made before it) and
    re-plan, moving as little as possible; the moves and their reasons are kept with it."""
    previous = load_timetable(uow, mission=mission)
    with uow.transaction() as session:
        scenario = store.load_scenario(session, previous.scenario.mission.code)
    problem = _problem(scenario, previous.plan)
    before = previous.plan.result.solution
    result = solve_replan(
        problem, before, change, seconds, seed, _workers(workers), progress or quiet
    )
    changed = apply_change(problem, change)
    plan = _plan(changed, result, previous.plan.notes, (*previous.plan.changes, change))
    parameters = {
        "source": previous.parameters.get("source", ""),
        "months": previous.parameters.get("months"),
        "seconds": seconds,
        "seed": seed,
        "previous": previous.number,
        "change": change_to_json(change),
    }
    return _save(uow, scenario, changed, plan, parameters)


def _plan(
    problem: MissionProblem,
    result: MissionResult,
    notes: tuple[str, ...],
    changes: tuple[Change, ...],
) -> TimetablePlan:
    return TimetablePlan(
        problem.runs, problem.start, problem.end, result, problem.starts, notes, changes
    )


def _problem(scenario: Scenario, plan: TimetablePlan) -> MissionProblem:
    """The problem a stored timetable solved: its runs in its scenario, changes applied."""
    problem = mission_problem(
        scenario, plan.runs, start=plan.start, end=plan.end, starts=plan.starts
    )
    for change in plan.changes:
        problem = apply_change(problem, change)
    return problem


def _save(
    uow: UnitOfWork,
    scenario: Scenario,
    problem: MissionProblem,
    plan: TimetablePlan,
    parameters: dict[str, Any],
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
    return TimetableVersion(number, created, plan, scenario, problem, parameters, violations)


def load_timetable(
    uow: UnitOfWork, number: int | None = None, mission: str | None = None
) -> TimetableVersion:
    """Timetable version `number` (default: the latest), with the scenario it came from."""
    with uow.transaction() as session:
        try:
            row = plans.plan_version(session, mission, KIND, number)
        except NotFound as missing:
            raise NotFound(
                "there is no timetable yet" if number is None else str(missing),
                code="timetable.none" if number is None else "plan.not_found",
                number=number,
            ) from None
        snapshot, stored = row.scenario_snapshot, row.result
        number, created = row.number, row.created_at
        parameters, summary = dict(row.parameters), dict(row.summary)
    scenario = to_domain(ScenarioShape.model_validate(snapshot))
    plan = plan_from_json(stored)
    created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
    violations = tuple(summary.get("violations", ()))
    return TimetableVersion(
        number, created, plan, scenario, _problem(scenario, plan), parameters, violations
    )


def list_timetables(uow: UnitOfWork, mission: str | None = None) -> list[capacity.PlanListing]:
    with uow.transaction() as session:
        return [
            capacity.PlanListing(
                r.number, r.created_at, r.status, dict(r.parameters), dict(r.summary)
            )
            for r in plans.plan_versions(session, mission, KIND)
        ]


def previous_of(uow: UnitOfWork, version: TimetableVersion) -> TimetableVersion | None:
    """The version a re-plan started from; None for a first timetable."""
    before = version.parameters.get("previous")
    return load_timetable(uow, before, version.scenario.mission.code) if before else None


def export_calendars(
    uow: UnitOfWork, version: TimetableVersion, directory: pathlib.Path
) -> list[pathlib.Path]:
    """iCalendar files per instructor, site and cohort; after a re-plan, runs a subject lost
    are cancelled in its calendar."""
    before = previous_of(uow, version)
    return write_calendars(
        directory, version.problem, version.plan, version.version, before.plan if before else None
    )


def export_workbook(version: TimetableVersion, path: pathlib.Path) -> None:
    write_workbook(path, version.problem, version.plan)


def _calendar_run(version: TimetableVersion, placed: PlacedRun) -> CalendarRun:
    problem, run = version.problem, version.plan.run(placed.run)
    site = problem.site(run.site)
    return CalendarRun(
        uid=event_uid(problem.mission, run.code, "run", run.code),
        run=run.code,
        course=run.course,
        title=problem.course(run.course).title,
        site=run.site,
        room=placed.room,
        start=placed.start,
        end=placed.end,
        days=tuple(site.working_days(placed.start, placed.end)),
        instructors=placed.instructors,
        cohort=run.cohort,
        co_teaching=co_teaching(problem, placed),
    )


def timetable_view(
    uow: UnitOfWork,
    mission: str | None = None,
    number: int | None = None,
    *,
    by: str | None = None,
    key: str | None = None,
) -> TimetableView:
    """The stored timetable as plain values, for the web's calendars: every placed run, or
    (with `by` site, instructor or cohort and its `key`) that subject's runs only."""
    if by is not None and by not in SUBJECTS:
        raise InvalidInput(f"by is one of {', '.join(SUBJECTS)}, not {by}")
    return view_of(load_timetable(uow, number, mission), by=by, key=key)


def view_of(
    version: TimetableVersion, *, by: str | None = None, key: str | None = None
) -> TimetableView:
    """A loaded timetable as plain values (see `timetable_view`)."""
    placed = version.plan.result.solution.placed
    if by is not None and key is not None:
        placed = tuple(p for p in placed if concerns(version.plan, p, by, key))
    runs = sorted((_calendar_run(version, p) for p in placed), key=lambda r: (r.start, r.run))
    return TimetableView(
        version.number,
        version.created_at,
        version.plan.result.status.value,
        version.scenario.mission.time_zone,
        tuple(runs),
        version.plan.result.unplaced,
        version.plan.result.moves,
    )


def subject_calendar(
    uow: UnitOfWork, by: str, key: str, mission: str | None = None, number: int | None = None
) -> str:
    """One instructor's, site's or cohort's iCalendar file (stable UIDs, runs it lost since
    the version before cancelled)."""
    if by not in SUBJECTS:
        raise InvalidInput(f"by is one of {', '.join(SUBJECTS)}, not {by}")
    version = load_timetable(uow, number, mission)
    before = previous_of(uow, version)
    return calendar_text(
        version.problem, version.plan, by, key, version.version, before.plan if before else None
    )
