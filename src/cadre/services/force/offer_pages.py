"""A round's offers a page at a time, filtered by state and nation, for a round of thousands.

Releasability decides which offers a reader sees, and paging must count only those, so the
database is asked the same question `review.round_offers` answers in Python: an offer with a
label of its own is seen by that label, any other by its nation's default label. The reader's
gate judges each label once (a nation, or a labelled offer), and the database skips, limits and
counts; a page of 50 loads 50 offers whatever the round's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.force.offers import Offer, OfferState
from cadre.services.access.scope import Scope, read
from cadre.services.force.review import PLEDGES, chosen_round, may_decide
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import force_offers
from cadre.storage.force_offers import OfferFilter, Shown

PAGE_SIZE = 50  # cards of a page: a screenful or two to read and answer, not a round's all


@dataclass(frozen=True)
class OfferPage:
    round: str
    rounds: tuple[str, ...]  # every round of the mission, oldest first
    state: str | None  # the filters applied
    nation: str | None
    nations: tuple[str, ...]  # the nations the reader sees offers of in the round
    by_state: dict[str, int]  # offers of each state (the nation filter applied)
    total: int  # offers that pass both filters
    number: int  # this page, from 1
    pages: int  # at least 1, so an empty list is page 1 of 1
    offers: tuple[Offer, ...]
    may_decide: bool


def _shown(scope: Scope, nations: list[str]) -> Shown:
    labelled = {key for kind, key in scope.stored_labels() if kind == PLEDGES}
    # An offer code is never empty, so key "" asks for the nation's default label.
    seen_nations = {n for n in nations if scope.sees(PLEDGES, "", {"nation": n})}
    return Shown(
        nations=frozenset(seen_nations),
        labelled=frozenset(labelled),
        labelled_shown=frozenset(code for code in labelled if scope.sees(PLEDGES, code)),
    )


def _check_state(state: str | None) -> None:
    if state and state not in {s.value for s in OfferState}:
        raise InvalidInput(
            [
                Problem(
                    f"no offer is in state {state!r}",
                    field="state",
                    code="offer.state_unknown",
                    params={"state": state},
                )
            ]
        )


def offer_page(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    round_code: str | None = None,
    *,
    state: str | None = None,
    nation: str | None = None,
    number: int = 1,
    size: int = PAGE_SIZE,
) -> OfferPage:
    """Page `number` of the round's offers the reader sees, of one state and nation when
    asked. InvalidInput for an unknown state; NotFound for a page past the last (the reader
    is told how many pages there are: `pages` in the error's parameters)."""
    _check_state(state)

    def collect(scope: Scope) -> OfferPage:
        code, codes = chosen_round(scope, round_code)
        shown = _shown(scope, force_offers.round_nations(scope.session, scope.mission_id, code))
        within = OfferFilter(code, state or None, nation or None)
        nations = force_offers.round_nations(scope.session, scope.mission_id, code, shown)
        by_state = force_offers.count_by_state(scope.session, scope.mission_id, shown, within)
        total = by_state.get(state, 0) if state else sum(by_state.values())
        pages = max(1, -(-total // size))
        if not 1 <= number <= pages:
            raise NotFound(
                f"there is no page {number} of these offers; there are {pages}",
                code="offer.page_not_found",
                page=number,
                pages=pages,
            )
        offers = force_offers.offers_page(
            scope.session, scope.mission_id, shown, within, (number - 1) * size, size
        )
        return OfferPage(
            code,
            codes,
            within.state,
            within.nation,
            tuple(nations),
            by_state,
            total,
            number,
            pages,
            tuple(offers),
            may_decide(scope.principal),
        )

    result: OfferPage = read(uow, principal, mission, collect)
    return result
