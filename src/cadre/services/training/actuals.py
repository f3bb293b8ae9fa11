"""The training records counted per month for the capacity planner, and a plan that starts
from them: graduates and entrants from the certificates and seats, host instructors
certified (the passed instructor assessment of a person now at that rung) and lost (the day
they left), per the discipline's instructor qualification."""

from __future__ import annotations

import datetime as dt

from cadre.access.policy import Principal, Verb
from cadre.domain.capacity.actuals import PlanActuals
from cadre.domain.catalogue import InstructorLevel
from cadre.domain.errors import NotFound
from cadre.domain.scenario import Scenario
from cadre.domain.training.actuals import InstructorEvent, plan_actuals
from cadre.services.access.scope import open_scope
from cadre.services.capacity.operations import PlanVersion, plan_capacity
from cadre.services.training.pathway import PersonProgress, progress
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import pathway_rows as rows
from cadre.storage.scenarios import find_mission, load_scenario

INSTRUCTOR = InstructorLevel.INSTRUCTOR


def instructor_qualification(scenario: Scenario, discipline: str) -> str | None:
    return next(
        (
            q.code
            for q in scenario.qualifications
            if q.discipline == discipline and q.level is INSTRUCTOR
        ),
        None,
    )


def mission_actuals(
    uow: UnitOfWork, principal: Principal | None, through: dt.date, mission: str | None = None
) -> PlanActuals:
    """The records' figures per month before the month of `through`: counts only, for whoever
    may read the capacity plans."""
    with uow.transaction() as session:
        row = find_mission(session, mission)
        if principal is not None:
            open_scope(session, principal, row.code).gate.require_role(Verb.READ, "capacity-plans")
        scenario = load_scenario(session, row.code)
        certificates = rows.mission_certificates(session, row.id)
        starts = rows.seat_starts(session, row.id)
        passed = {
            (a.trainee, a.discipline): a.on
            for a in sorted(rows.assessments(session, row.id), key=lambda a: a.on)
            if a.passed and a.level is INSTRUCTOR
        }
    certified, lost = [], []
    for person in _people(uow, through, row.code):
        for step in person.progress:
            qualification = instructor_qualification(scenario, step.discipline)
            if qualification is None or step.level.value < INSTRUCTOR.value:
                continue
            on = passed.get((person.trainee, step.discipline))
            if on is not None:
                certified.append(InstructorEvent(qualification, on))
            if person.left_on is not None:
                lost.append(InstructorEvent(qualification, person.left_on))
    return plan_actuals(
        through, certificates=certificates, starts=starts, certified=certified, lost=lost
    )


def _people(uow: UnitOfWork, today: dt.date, mission: str) -> list[PersonProgress]:
    """The pathway's people; none before there is a timetable."""
    try:
        return progress(uow, None, today, mission)
    except NotFound as missing:
        if missing.code != "timetable.none":
            raise
        return []


def plan_from_actuals(
    uow: UnitOfWork,
    principal: Principal | None,
    through: dt.date,
    mission: str | None = None,
    *,
    seconds: float = 60.0,
) -> PlanVersion:
    """A capacity plan (a draft) whose months before `through` are what the records say."""
    actuals = mission_actuals(uow, principal, through, mission)
    return plan_capacity(uow, mission=mission, actuals=actuals, seconds=seconds)
