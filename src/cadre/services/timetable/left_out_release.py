"""The runs a timetable leaves out, as a reader may see them: on the page (`LeftOutLine`,
through `release.released`) and in the API's plan results (`released_left_out`). A cause
may rest on a caveat or a trainer the reader does not see; it is then told as a gap in the
force, in words that name neither."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cadre.domain.errors import NotFound
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.causes import Cause, LeftOut, PlanLine, left_out
from cadre.domain.timetable.plan import TimetablePlan
from cadre.interchange.capacity_json import plan_from_json as capacity_plan_from_json
from cadre.interchange.timetable_json import left_out_to_json, plan_from_json
from cadre.services.access.scope import Scope
from cadre.services.timetable import queries as service
from cadre.storage.mission_scope import plan_result

if TYPE_CHECKING:
    from cadre.services.timetable.release import _Sight


@dataclass(frozen=True)
class LeftOutLine:
    """A run left out as a reader sees it: the cause's code (which the edges put in words),
    the capacity plan line it came from and the sentence behind the cause."""

    run: str
    course: str
    site: str
    cause: Cause
    line: PlanLine | None
    detail: str


# What a reader who may not see every trainer and caveat a cause rests on is told instead.
NEUTRAL_GAP = "force generation left no instructor who may teach it there"


def shown_left_out(
    left: tuple[LeftOut, ...], plan: TimetablePlan, seen: _Sight
) -> tuple[LeftOut, ...]:
    """The runs left out as the reader sees them, `plan` being the timetable already redacted
    for it: only its runs; a caveat it may not see (or one barring a trainer it may not see)
    told as a gap in the force, in words that name neither; and the figures of rooms held,
    which count runs it may not see, left out for a reader from whom anything is withheld."""
    kept = {r.code for r in plan.runs}
    shown = []
    for x in left:
        if x.run not in kept:
            continue
        if x.cause is Cause.FORCE_CAVEAT and (
            any(t not in seen.trainers for t in x.barred)
            or any(seen.redaction.hides(c) for c in x.caveats)
        ):
            x = dataclasses.replace(x, cause=Cause.FORCE_GAP, detail=NEUTRAL_GAP)
        elif x.cause in _COUNTED and seen.redaction:
            x = dataclasses.replace(x, detail=_COUNTED[x.cause])
        shown.append(dataclasses.replace(x, detail=seen.blank(x.detail), barred=(), caveats=()))
    return tuple(shown)


_COUNTED = {
    Cause.ROOMS_SHORT: "the rooms at its site that seat the class are too few for the runs "
    "in its window",
    Cause.ROOMS_TAKEN: "the rooms at its site that seat the class are taken at each of its "
    "possible starts",
    Cause.FORCE_GAP: "those who may teach it teach other runs at its possible starts",
}


def released_left_out(
    scope: Scope, scenario: Scenario, stored: dict[str, Any], parameters: dict[str, Any]
) -> list[dict[str, Any]]:
    """The runs a stored timetable (its JSON) leaves out, with their causes and capacity plan
    lines, as `scope`'s principal may read them through the API."""
    plan = plan_from_json(stored)
    problem = service.problem_of(scenario, plan)
    number = parameters.get("capacity_plan")
    capacity = None
    if isinstance(number, int):
        try:
            kept = plan_result(scope.session, scope.mission_id, "capacity", number)
            capacity = capacity_plan_from_json(kept["result"])
        except NotFound:
            capacity = None
    found = left_out(problem, plan.result.solution, plan.result.unplaced, capacity)
    # release.py tells the page's runs left out with this module: it is read here, when
    # called, so that neither module needs the other to load.
    from cadre.services.timetable.release import redacted, sight

    seen = sight(scope, scenario)
    return left_out_to_json(shown_left_out(found, redacted(plan, seen), seen))
