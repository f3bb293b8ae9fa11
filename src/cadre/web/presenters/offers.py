"""The offers page of a sourcing round: each offer as the nation sent it, its state and the
comments on it, and for force generation staff a form per pending offer to accept, decline
or query it with a comment."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from markupsafe import Markup

from cadre.access.policy import Principal
from cadre.domain.errors import NotFound
from cadre.domain.force.offers import Offer
from cadre.services.access.scope import read
from cadre.services.force.offer_pages import OfferPage, offer_page
from cadre.services.force.review import MAX_COMMENT
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
class Asked:
    """What the address asks for: a round, the filters and a page (the answer forms carry
    them, so an answer comes back to the same page)."""

    round: str | None = None
    state: str | None = None
    nation: str | None = None
    page: int = 1


@dataclass(frozen=True)
class OffersPage:
    context: MissionContext
    found: OfferPage
    typed: dict[str, Typed]  # by offer code: the refused answer, kept as typed
    answered: str | None = None  # the offer just answered, for the confirmation
    max_comment: int = MAX_COMMENT
    missing_page: str | None = None  # a page asked for that does not exist, as asked

    def may_answer(self, offer: Offer) -> bool:
        return self.found.may_decide and offer.is_open

    def window(self) -> list[int | None]:
        """The page numbers a pager links: the first, the last and two either side of this
        one; None where numbers are left out."""
        here, last = self.found.number, self.found.pages
        kept = sorted({1, last, *range(max(1, here - 2), min(last, here + 2) + 1)})
        shown: list[int | None] = []
        for n in kept:
            if shown and n - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(n)
        return shown


def offers_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    asked: Asked,
    typed: dict[str, Typed] | None = None,
    answered: str | None = None,
    missing_page: str | None = None,
) -> OffersPage:
    require_page(principal, Page.FORCE)
    context = read(uow, principal, mission, lambda s: MissionContext(heading(s), names(s)))
    try:
        found = _offers(uow, principal, mission, asked)
    except NotFound as error:
        if error.code != "offer.page_not_found":
            raise
        # Past the last page (an answer may have emptied it): the last page, and a word why.
        pages = error.params.get("pages")
        missing_page = missing_page or str(asked.page)
        last = dataclasses.replace(asked, page=pages if isinstance(pages, int) else 1)
        found = _offers(uow, principal, mission, last)
    return OffersPage(context, found, typed or {}, answered, missing_page=missing_page)


def _offers(uow: UnitOfWork, principal: Principal, mission: str, asked: Asked) -> OfferPage:
    return offer_page(
        uow,
        principal,
        mission,
        asked.round,
        state=asked.state,
        nation=asked.nation,
        number=asked.page,
    )
