"""The confirmation page of adopting a plan: what changes against the adopted plan, and the
form that adopts it (with force and a reason when the plan is worse by rule)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import Forbidden
from cadre.services.plans import operations as lifecycle
from cadre.services.plans.operations import Adoption
from cadre.services.scenario.queries import MissionContext, mission_context
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page

# The page a kind of plan is shown on, and the label kind its versions carry.
PAGES = {"capacity": Page.CAPACITY, "timetable": Page.TIMETABLE}
LABEL_KINDS = {"capacity": "capacity-plans", "timetable": "timetable-plans"}


@dataclass(frozen=True)
class AdoptionPage:
    context: MissionContext
    adoption: Adoption

    @property
    def back(self) -> str:
        page = "capacity" if self.adoption.kind == "capacity" else "timetable"
        return f"/missions/{self.adoption.mission}/{page}?version={self.adoption.number}"


def may_adopt(principal: Principal, kind: str) -> bool:
    return kind in LABEL_KINDS and allowed(principal, Verb.ADOPT, LABEL_KINDS[kind])


def _require(principal: Principal, kind: str) -> None:
    require_page(principal, PAGES.get(kind, Page.CAPACITY))
    if not may_adopt(principal, kind):
        raise Forbidden("your role may read these plans but not adopt one")


def adoption_page(
    uow: UnitOfWork, principal: Principal, mission: str, kind: str, number: int
) -> AdoptionPage:
    """What adopting the version would change, and whether it would be refused."""
    _require(principal, kind)
    trial = lifecycle.adopt_plan(uow, mission, kind, number, principal=principal, dry_run=True)
    return AdoptionPage(mission_context(uow, principal, mission), trial)


def adopt(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    kind: str,
    number: int,
    form: Mapping[str, str],
) -> Adoption:
    """Adopt the version as the confirmation form asks: `force` ("on") with a `reason`."""
    _require(principal, kind)
    force = form.get("force") == "on"
    reason = (form.get("reason") or "").strip() or None
    return lifecycle.adopt_plan(
        uow, mission, kind, number, force=force, reason=reason, principal=principal
    )
