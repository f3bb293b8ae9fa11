"""What happened, laid over a plan: for the months already past, the records' figures
replace the forecast, so a plan read today starts from what the mission actually did.

The overlay is a plain replacement month by month (the solver is not asked to re-plan the
past): in-country entrants per course, and the certified host cadre per qualification
(the cadre at the start, plus those certified, less those lost, month by month).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from cadre.domain.capacity.plan import CapacityPlan

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
