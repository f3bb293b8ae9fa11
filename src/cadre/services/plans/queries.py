"""Plan versions and their results as the API serves them, through the principal's scope:
a capacity, force or timetable plan is a record too, labelled like the others (key: its
number); its result and scenario are shown as far as they are released to the principal."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from cadre.access.labels import Label
from cadre.access.policy import Principal, Verb
from cadre.domain.errors import NotFound
from cadre.interchange.convert import to_domain, to_json_document
from cadre.interchange.schema import ScenarioShape
from cadre.services.access.redaction import Redaction, redaction
from cadre.services.access.rounding import rounded
from cadre.services.access.scope import Scope, read
from cadre.services.force.release import force_redaction
from cadre.services.timetable.release import redacted_result
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import PlanHeader as PlanHeader
from cadre.storage.mission_scope import plan_headers, plan_result

PLAN_KINDS = {
    "capacity": "capacity-plans",
    "force": "force-plans",
    "timetable": "timetable-plans",
}


@dataclass(frozen=True)
class PlanView:
    header: PlanHeader
    label: Label
    result: dict[str, Any] | None = None  # with the scenario it was computed from


def _label_kind(kind: str) -> str:
    if kind not in PLAN_KINDS:
        raise NotFound(f"there are no plans of kind {kind}; kinds: {', '.join(PLAN_KINDS)}")
    return PLAN_KINDS[kind]


def list_plans(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    *,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[PlanView]]:
    """The plan versions the principal may see, newest first."""
    label_kind = _label_kind(kind)

    def listing(scope: Scope) -> tuple[int, list[PlanView]]:
        scope.gate.require_role(Verb.READ, label_kind)
        views = [
            PlanView(h, scope.label(label_kind, str(h.number)))
            for h in reversed(plan_headers(scope.session, scope.mission_id, kind))
            if status is None or h.status == status
        ]
        shown = [v for v in views if scope.gate.sees(label_kind, v.label)]
        page = shown[max(0, offset) : max(0, offset) + max(1, min(limit, 500))]
        hidden = redaction(scope) if page else None
        return len(shown), [dataclasses.replace(v, header=_header(hidden, v.header)) for v in page]

    result: tuple[int, list[PlanView]] = read(uow, principal, mission, listing)
    return result


def get_plan(
    uow: UnitOfWork, principal: Principal, mission: str, kind: str, number: int
) -> PlanView:
    label_kind = _label_kind(kind)

    def one(scope: Scope) -> PlanView:
        scope.gate.require_role(Verb.READ, label_kind)
        what = f"{kind} plan version {number}"
        label = scope.label(label_kind, str(number))
        scope.gate.require_visible(label_kind, label, what)
        for header in plan_headers(scope.session, scope.mission_id, kind):
            if header.number == number:
                stored = plan_result(scope.session, scope.mission_id, kind, number)
                hidden = (
                    force_redaction(scope, None, stored["scenario"])
                    if kind == "force"
                    else redaction(scope, stored["scenario"])
                )
                return PlanView(
                    _header(hidden, header), label, _released(scope, hidden, kind, stored)
                )
        raise NotFound(f"{what} is not in the mission")

    view: PlanView = read(uow, principal, mission, one)
    return view


# The figures of each kind's result that total over its rows (rounded when rows were dropped).
TOTALS = {
    "capacity": ("headline",),
    "force": (),
    "timetable": ("cost",),
}
# A header's summary has no rows to count, so its figures are rounded for every reader from
# whom anything of the mission is withheld (docs/security.md).
SUMMARY_TOTALS = (
    "peak_force",
    "instructor_months",
    "unmet",
    "host_led_share",
    "fill",
    "weighted_share",
    "objective",
    "bound",
)


def _header(hidden: Redaction | None, header: PlanHeader) -> PlanHeader:
    """A plan version's header as the reader may see it: its label, parameters (a withdrawn
    pledge) and summary (the worst shortfalls) through the one redaction step."""
    if not hidden:
        return header
    return dataclasses.replace(
        header,
        label=hidden.text(header.label),
        parameters=hidden.document(header.parameters),
        summary=rounded(hidden.derived(header.summary), SUMMARY_TOTALS),
    )


def _released(scope: Scope, hidden: Redaction, kind: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A plan's result and scenario as the principal may read them: the scenario with only
    the records released to it, its references to the others withheld; the result through the
    one redaction step (a timetable first loses the people and places it may not see)."""
    scenario = to_domain(ScenarioShape.model_validate(stored["scenario"]))
    result = stored["result"]
    if kind == "timetable":
        result = redacted_result(scope, scenario, result)
    return {
        "result": hidden.derived(result, totals=TOTALS[kind]),
        "scenario": hidden.document(to_json_document(scope.projection(scenario))),
    }
