"""The mission's own activities in the register: the runs of its timetable, marked as ours and
read from the timetable, never typed in again.

`our_timetable` is the one place that says which timetable that is: the adopted one (a draft
is nobody's plan yet). A run shows to a reader only as its timetable does:
the version released to it, at a site it sees, its cohort named only when the cohort is.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from cadre.domain.coordination.activities import (
    UNCLASSIFIED,
    Activity,
    ActivityType,
    OrganisationType,
    Status,
)
from cadre.domain.coordination.places import governorate_named
from cadre.domain.errors import NotFound
from cadre.services.coordination.release import Sight
from cadre.services.timetable import queries as timetables
from cadre.services.timetable.queries import TimetableVersion
from cadre.services.timetable.release import HIDDEN_COHORT, sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import adopted_header

TIMETABLE_KIND = "timetable-plans"


def our_timetable(uow: UnitOfWork, mission: str) -> TimetableVersion | None:
    """The adopted timetable, whose runs the register shows as the mission's own; None before
    one is adopted."""
    try:
        return timetables.load_timetable(uow, mission=mission)
    except NotFound:
        return None


# A stored timetable never changes: keep the last few loaded, by version (bounded), so a page
# of the register does not parse the same timetable on every request.
_loaded: OrderedDict[tuple[str, str, int, dt.datetime], TimetableVersion | None] = OrderedDict()
_lock = threading.Lock()


def _timetable(uow: UnitOfWork, seen: Sight) -> TimetableVersion | None:
    with uow.transaction() as session:
        adopted = adopted_header(session, seen.mission_id, timetables.KIND)
    if adopted is None:
        return None
    key = (str(uow.engine.url), seen.mission, adopted.number, adopted.created_at)
    with _lock:
        if key in _loaded:
            return _loaded[key]
    found = our_timetable(uow, seen.mission)
    with _lock:
        _loaded[key] = found
        while len(_loaded) > 8:
            _loaded.popitem(last=False)
    return found


def _status(start: dt.date, end: dt.date, today: dt.date) -> Status:
    if today < start:
        return Status.PLANNED
    return Status.ONGOING if today <= end else Status.COMPLETED


def our_activities(uow: UnitOfWork, seen: Sight, today: dt.date) -> list[Activity]:
    """The timetable's runs in Iraq that the reader may see, as register lines."""
    version = _timetable(uow, seen)
    if version is None or not seen.sees_kind(TIMETABLE_KIND, str(version.number)):
        return []
    scenario = version.scenario
    label = seen.label(TIMETABLE_KIND, str(version.number))
    visible = sight(seen.scope, scenario) if seen.scope is not None else None
    courses = {c.code: c for c in scenario.courses}
    sites = {s.code: s for s in scenario.sites}
    cohorts = {c.code: c for c in scenario.cohorts}
    found = []
    for placed in version.plan.result.solution.placed:
        run = version.plan.run(placed.run)
        site = sites[run.site]
        place = governorate_named(site.region)
        if place is None or (visible is not None and site.code not in visible.sites):
            continue  # taught abroad, or at a site the reader may not see
        cohort = cohorts.get(run.cohort) if run.cohort else None
        if cohort is not None and visible is not None and cohort.code not in visible.cohorts:
            beneficiary, size = HIDDEN_COHORT, None
        elif cohort is not None:
            beneficiary, size = cohort.unit, cohort.size
        else:
            beneficiary, size = scenario.mission.host, None
        course = courses[run.course]
        found.append(
            Activity(
                code=f"{scenario.mission.code}:{run.code}",
                organisation=scenario.mission.code,
                organisation_type=OrganisationType.NATO,
                discipline=course.discipline,
                activity_type=ActivityType.TRAINING,
                beneficiary=beneficiary,
                governorate=place.pcode,
                start=placed.start,
                end=placed.end,
                status=_status(placed.start, placed.end, today),
                organisation_name=scenario.mission.name,
                title=course.title,
                site=site.name,
                planned=size or course.max_class_size,
                source=f"Cadre timetable {version.number}",
                reported=version.created_at.date(),
                classification=UNCLASSIFIED,
                releasable_to=tuple(sorted(label.releasable_to)),
                ours=True,
            )
        )
    return found
