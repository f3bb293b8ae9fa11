"""Plan versions and their results as the API serves them, through the principal's scope:
a capacity, force or timetable plan is a record too, labelled like the others (key: its
number); its result and scenario are shown as far as they are released to the principal."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from cadre.access.labels import Label
from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import NotFound
from cadre.interchange.convert import to_domain, to_json_document
from cadre.interchange.schema import ScenarioShape
from cadre.services.access.redaction import Redaction, redaction
from cadre.services.access.rounding import rounded
from cadre.services.access.scope import Scope, read
from cadre.services.force.release import force_redaction
from cadre.services.timetable.left_out_release import released_left_out
from cadre.services.timetable.release import redacted_result
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import PlanHeader as PlanHeader
from cadre.storage.mission_scope import plan_headers, plan_result
from cadre.storage.scenarios import find_mission

PLAN_KINDS = {
    "capacity": "capacity-plans",
    "force": "force-plans",
    "timetable": "timetable-plans",
}

# Kept versions that are no plan to adopt (a capacity sweep's ranges), released as the plans
# they come from are by default: under that label kind, with a key of their own.
RESULT_KINDS = {**PLAN_KINDS, "capacity-sweep": "capacity-plans"}


def _label_key(kind: str, number: int) -> str:
    return str(number) if kind in PLAN_KINDS else f"{kind}-{number}"


@dataclass(frozen=True)
class PlanView:
    header: PlanHeader
    label: Label
    result: dict[str, Any] | None = None  # with the scenario it was computed from


def _label_kind(kind: str) -> str:
    if kind not in RESULT_KINDS:
        raise NotFound(f"there are no plans of kind {kind}; kinds: {', '.join(PLAN_KINDS)}")
    return RESULT_KINDS[kind]


def list_plans(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    *,
    status: str | None = None,
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[PlanView]]:
    """The plan versions the principal may see, newest first; `state` "adopted" gives the
    adopted one alone."""
    label_kind = _label_kind(kind)

    def listing(scope: Scope) -> tuple[int, list[PlanView]]:
        scope.gate.require_role(Verb.READ, label_kind)
        views = [
            PlanView(h, scope.label(label_kind, _label_key(kind, h.number)))
            for h in reversed(plan_headers(scope.session, scope.mission_id, kind))
            if (status is None or h.status == status) and (state is None or h.state == state)
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
        label = scope.label(label_kind, _label_key(kind, number))
        scope.gate.require_visible(label_kind, label, what)
        for header in plan_headers(scope.session, scope.mission_id, kind):
            if header.number == number:
                stored = plan_result(scope.session, scope.mission_id, kind, number)
                hidden = (
                    force_redaction(scope, None, stored["scenario"])
                    if kind == "force"
                    else redaction(scope, stored["scenario"])
                )
                stored = {**stored, "parameters": header.parameters}
                released = _released(scope, hidden, kind, stored)
                return PlanView(_header(hidden, header), label, released)
        raise NotFound(f"{what} is not in the mission")

    view: PlanView = read(uow, principal, mission, one)
    return view


# The figures of each kind's result that total over its rows (rounded when rows were dropped).
TOTALS = {
    "capacity": ("headline",),
    "force": (),
    "timetable": ("cost",),
    "capacity-sweep": (),
}
# A header's summary has no rows to count, so its figures are rounded for every reader from
# whom anything of the mission is withheld (docs/security.md).
SUMMARY_TOTALS = (
    "peak_deployed",
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
    one redaction step (a timetable first loses the people and places it may not see, and
    gains the runs it leaves out with their causes, from the version's `parameters`)."""
    scenario = to_domain(ScenarioShape.model_validate(stored["scenario"]))
    result = stored["result"]
    if kind == "timetable":
        left_out = released_left_out(scope, scenario, result, stored["parameters"])
        result = {**redacted_result(scope, scenario, result), "left_out": left_out}
    return {
        "result": hidden.derived(result, totals=TOTALS[kind]),
        "scenario": hidden.document(to_json_document(scope.projection(scenario))),
    }


@dataclass(frozen=True)
class AdoptedPlan:
    """The status line's piece for one kind: the adopted version and its age, and how many
    versions were kept after it without being adopted (drafts, failures)."""

    kind: str
    number: int | None  # None: none adopted (or not released to the reader)
    adopted_at: dt.datetime | None
    newer: int  # versions kept after the adopted one (all of them when none is adopted)


def _adopted(headers: list[PlanHeader], kind: str) -> AdoptedPlan:
    adopted = next((h for h in headers if h.adopted), None)
    if adopted is None:
        return AdoptedPlan(kind, None, None, len(headers))
    at = adopted.adopted_at or adopted.created_at
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return AdoptedPlan(
        kind, adopted.number, at, sum(1 for h in headers if h.number > adopted.number)
    )


def adopted_plans(uow: UnitOfWork, mission: str | None = None) -> tuple[str, list[AdoptedPlan]]:
    """The mission's code and its adopted plan of every kind (for the operator at a terminal,
    who sees the whole database)."""
    with uow.transaction() as session:
        found = find_mission(session, mission)
        return found.code, [
            _adopted(plan_headers(session, found.id, kind), kind) for kind in PLAN_KINDS
        ]


def released_adopted_plans(
    uow: UnitOfWork, principal: Principal, mission: str
) -> list[AdoptedPlan]:
    """The adopted plan of each kind the principal reads, as far as it is released to it."""

    def status(scope: Scope) -> list[AdoptedPlan]:
        found = []
        for kind, label_kind in PLAN_KINDS.items():
            if not allowed(scope.principal, Verb.READ, label_kind):
                continue
            headers = [
                h
                for h in plan_headers(scope.session, scope.mission_id, kind)
                if scope.sees(label_kind, str(h.number))
            ]
            found.append(_adopted(headers, kind))
        return found

    result: list[AdoptedPlan] = read(uow, principal, mission, status)
    return result


def plan_listing(uow: UnitOfWork, mission: str | None, kind: str) -> list[PlanHeader]:
    """Every version of `kind`, oldest first, with its state (for the operator at a terminal)."""
    _label_kind(kind)
    with uow.transaction() as session:
        return plan_headers(session, find_mission(session, mission).id, kind)
