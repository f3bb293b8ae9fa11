"""Timetables as stored: one version with the scenario and the problem it solved, the list of
versions, and a version as plain values for the web's calendars."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.build import mission_problem
from cadre.domain.timetable.causes import LeftOut, left_out
from cadre.domain.timetable.changes import apply_change
from cadre.domain.timetable.plan import (
    CalendarRun,
    TimetablePlan,
    TimetableView,
    co_teaching,
)
from cadre.domain.timetable.problem import MissionProblem, PlacedRun
from cadre.interchange.convert import to_domain
from cadre.interchange.schema import ScenarioShape
from cadre.interchange.timetable_ics import (
    SUBJECTS,
    Version,
    concerns,
    event_uid,
)
from cadre.interchange.timetable_json import plan_from_json
from cadre.services.capacity import operations as capacity
from cadre.services.plans.operations import Adoption
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans

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
    adoption: Adoption | None = None  # when adopting was asked for with the plan
    left_out: tuple[LeftOut, ...] = ()  # every run not placed, with its cause from upstream

    @property
    def version(self) -> Version:
        return Version(self.number, self.created_at)


def problem_of(scenario: Scenario, plan: TimetablePlan) -> MissionProblem:
    """The problem a stored timetable solved: its runs in its scenario, changes applied."""
    problem = mission_problem(
        scenario, plan.runs, start=plan.start, end=plan.end, starts=plan.starts
    )
    for change in plan.changes:
        problem = apply_change(problem, change)
    return problem


def with_causes(uow: UnitOfWork, version: TimetableVersion) -> TimetableVersion:
    """The version with the runs it leaves out, each with its cause and the line of the
    capacity plan its runs were rounded from (when they were, and that plan is still kept)."""
    number = version.parameters.get("capacity_plan")
    capacity_plan = None
    if isinstance(number, int):
        try:
            capacity_plan = capacity.load_plan(uow, number, version.scenario.mission.code).plan
        except NotFound:
            capacity_plan = None
    result = version.plan.result
    found = left_out(version.problem, result.solution, result.unplaced, capacity_plan)
    return dataclasses.replace(version, left_out=found)


def load_timetable(
    uow: UnitOfWork, number: int | None = None, mission: str | None = None
) -> TimetableVersion:
    """Timetable version `number` (default: the adopted one), with the scenario it came from."""
    with uow.transaction() as session:
        try:
            row = plans.plan_version(session, mission, KIND, number)
        except NotFound as missing:
            if missing.code != "plan.none":
                raise
            raise NotFound("there is no timetable yet", code="timetable.none") from None
        snapshot, stored = row.scenario_snapshot, row.result
        number, created = row.number, row.created_at
        parameters, summary = dict(row.parameters), dict(row.summary)
    scenario = to_domain(ScenarioShape.model_validate(snapshot))
    plan = plan_from_json(stored)
    created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
    violations = tuple(summary.get("violations", ()))
    return with_causes(
        uow,
        TimetableVersion(
            number, created, plan, scenario, problem_of(scenario, plan), parameters, violations
        ),
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
