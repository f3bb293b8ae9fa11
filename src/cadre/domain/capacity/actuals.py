"""What happened, and the plan of the rest: for the months already past, the records'
figures replace the forecast, so a plan read today starts from what the mission actually did.

`replan` hands the solver a problem whose months before `through` are history: in-country
entrants per course fixed at the records', graduates the records report standing for the
forecast's, and the certified host cadre per qualification (the cadre at the start, plus those
certified, less those lost, month by month) fixed at its actual level; only the months from
`through` on are planned, so a shortfall in the past shows as more work after.

`overlay` is the plain replacement month by month of a plan already made (no re-planning).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem

Monthly = Mapping[str, Mapping[dt.date, int]]  # key (course or qualification) -> month -> count


@dataclass(frozen=True)
class PlanActuals:
    """Counts per month (the first day of each), from the records, before `through`."""

    through: dt.date  # the first month still forecast; earlier months are actual
    entrants: Monthly = field(default_factory=dict)  # per course: trainees who started a run
    graduates: Monthly = field(default_factory=dict)  # per course: certificates issued
    certified: Monthly = field(default_factory=dict)  # per qualification: host instructors
    losses: Monthly = field(default_factory=dict)  # per qualification: host instructors lost

    def total(self, which: Monthly) -> int:
        return sum(sum(by_month.values()) for by_month in which.values())


def actual_cadre(
    qualification: str, initial: float, actuals: PlanActuals, months: tuple[dt.date, ...]
) -> tuple[float, ...]:
    """The certified host cadre at the end of each month: the start, plus the certified
    less the lost, cumulated."""
    gained = actuals.certified.get(qualification, {})
    lost = actuals.losses.get(qualification, {})
    level, found = initial, []
    for month in months:
        level += gained.get(month, 0) - lost.get(month, 0)
        found.append(max(level, 0.0))
    return tuple(found)


def overlay(
    plan: CapacityPlan, actuals: PlanActuals, initial_cadre: Mapping[str, float]
) -> CapacityPlan:
    """The plan with its past months (those before `actuals.through`) replaced by the
    records' figures; months from `through` on keep the forecast."""
    past = [t for t, month in enumerate(plan.months) if month < actuals.through]
    if not past:
        return plan
    trainees = {
        course: tuple(
            float(actuals.entrants.get(course, {}).get(plan.months[t], 0)) if t in past else v
            for t, v in enumerate(series)
        )
        for course, series in plan.trainees.items()
    }
    host_cadre = {}
    for q, series in plan.host_cadre.items():
        actual = actual_cadre(q, initial_cadre.get(q, 0.0), actuals, plan.months)
        host_cadre[q] = tuple(actual[t] if t in past else v for t, v in enumerate(series))
    note = (
        f"actuals to {plan.months[past[-1]]:%Y-%m}: {actuals.total(actuals.graduates)} graduates,"
        f" {actuals.total(actuals.certified)} host instructors certified,"
        f" {actuals.total(actuals.losses)} lost"
    )
    return dataclasses.replace(
        plan, trainees=trainees, host_cadre=host_cadre, notes=(*plan.notes, note)
    )


def replan(problem: CapacityProblem, actuals: PlanActuals) -> CapacityProblem:
    """`problem` with its months before `actuals.through` fixed at the records' figures."""
    past = [t for t, month in enumerate(problem.months) if month < actuals.through]
    if not past:
        return problem
    index = {month: t for t, month in enumerate(problem.months)}
    courses = {c.code for c in problem.courses}

    def by_month(which: Monthly) -> tuple[tuple[str, int, float], ...]:
        return tuple(
            (code, index[month], float(n))
            for code, months in which.items()
            if code in courses
            for month, n in months.items()
            if month in index and index[month] in past
        )

    initial = dict(problem.initial_cadre)
    cadre = tuple(
        (q, t, level)
        for q in problem.cadre_qualifications
        for t, level in enumerate(
            actual_cadre(q, initial.get(q, 0.0), actuals, problem.months[: len(past)])
        )
    )
    return dataclasses.replace(
        problem,
        replan_from=len(past),
        actual_entrants=by_month(actuals.entrants),
        actual_graduates=by_month(actuals.graduates),
        actual_cadre=cadre,
    )
