"""The offers page of a sourcing round: each offer as the nation sent it, its state and the
comments on it, and for force generation staff a form per pending offer to accept, decline
or query it with a comment."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from cadre.access.policy import Principal
from cadre.domain.force.offers import Offer
from cadre.services.access.scope import read
from cadre.services.force import review
from cadre.services.force.review import MAX_COMMENT, RoundOffers
from cadre.services.scenario.queries import MissionContext, heading, names
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page


def N_(message: str) -> str:
    return message


# The states and answers as the page says them (the codes stay in the API and the audit).
STATES = {
    "offered": N_("offered"),
    "queried": N_("queried"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "withdrawn": N_("withdrawn"),
}
ANSWERS = (("accepted", N_("Accept")), ("declined", N_("Decline")), ("queried", N_("Query")))


@dataclass(frozen=True)
class Typed:
    """What the reviewer sent for one offer, shown again with its problems when refused."""

    decision: str = ""
    comment: str = ""
    errors: dict[str, list[Markup]] = field(default_factory=dict)


@dataclass(frozen=True)
class OffersPage:
    context: MissionContext
    found: RoundOffers
    typed: dict[str, Typed]  # by offer code: the refused answer, kept as typed
    answered: str | None = None  # the offer just answered, for the confirmation
    max_comment: int = MAX_COMMENT

    def may_answer(self, offer: Offer) -> bool:
        return self.found.may_decide and offer.is_open


def offers_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    round_code: str | None = None,
    typed: dict[str, Typed] | None = None,
    answered: str | None = None,
) -> OffersPage:
    require_page(principal, Page.FORCE)
    context = read(uow, principal, mission, lambda s: MissionContext(heading(s), names(s)))
    found = review.round_offers(uow, principal, mission, round_code)
    return OffersPage(context, found, typed or {}, answered)
