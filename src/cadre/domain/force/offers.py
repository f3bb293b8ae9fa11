"""Nations' offers against the statement of requirements, and the sourcing rounds that decide
them: offered → queried / accepted / declined / withdrawn, every change kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.contributors import Pledge
from cadre.domain.errors import Conflict
from cadre.domain.ranks import RankBand


class OfferState(StrEnum):
    OFFERED = "offered"
    QUERIED = "queried"  # staff asked the nation a question; still pending, not yet firm
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# A nation may still pull people out after acceptance; a declined or withdrawn offer is closed,
# and a new offer is made instead of reopening it, so the record of each round stays true.
NEXT_STATES: dict[OfferState, frozenset[OfferState]] = {
    OfferState.OFFERED: frozenset(
        {
            OfferState.ACCEPTED,
            OfferState.DECLINED,
            OfferState.WITHDRAWN,
            OfferState.OFFERED,
            OfferState.QUERIED,
        }
    ),
    # A query is answered by a decision, a revised offer, or another query.
    OfferState.QUERIED: frozenset(
        {
            OfferState.ACCEPTED,
            OfferState.DECLINED,
            OfferState.WITHDRAWN,
            OfferState.OFFERED,
            OfferState.QUERIED,
        }
    ),
    OfferState.ACCEPTED: frozenset({OfferState.WITHDRAWN}),
    OfferState.DECLINED: frozenset(),
    OfferState.WITHDRAWN: frozenset(),
}


@dataclass(frozen=True)
class SourcingRound:
    """A force sourcing conference, or any other moment when offers are made and decided."""

    code: str
    name: str
    held_on: dt.date


@dataclass(frozen=True)
class StateChange:
    """One step in an offer's history; OFFERED again means its terms were revised."""

    state: OfferState
    on: dt.date | None = None  # None: not recorded (pledges written straight into a scenario)
    round: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Offer:
    """`count` people of `nation` from `start` to `end`, relieved every `tour_months`, against
    one requirement line or, when `line` is None, against any line needing `qualification`."""

    code: str
    nation: str
    count: int
    start: dt.date
    end: dt.date
    tour_months: int
    line: str | None = None
    qualification: str | None = None
    rank_band: RankBand | None = None  # None: the nation sends whatever rank the line asks
    caveats: tuple[str, ...] = ()
    history: tuple[StateChange, ...] = ()
    reference: str = ""  # the nation's own reference for the offer

    @property
    def state(self) -> OfferState:
        return self.history[-1].state if self.history else OfferState.OFFERED

    @property
    def is_firm(self) -> bool:
        return self.state is OfferState.ACCEPTED

    @property
    def is_open(self) -> bool:
        """Pending: offered, or queried and not answered yet."""
        return self.state in (OfferState.OFFERED, OfferState.QUERIED)

    def same_terms(self, other: Offer) -> bool:
        return dataclasses.replace(self, history=(), reference="") == dataclasses.replace(
            other, history=(), reference=""
        )


def decide(
    offer: Offer, state: OfferState, on: dt.date, round_code: str | None = None, note: str = ""
) -> Offer:
    """`offer` moved to `state`; Conflict when its current state does not lead there."""
    if state not in NEXT_STATES[offer.state]:
        raise Conflict(
            f"offer {offer.code} is {offer.state.value} and cannot become {state.value}"
            + (" (make a new offer instead)" if not NEXT_STATES[offer.state] else "")
        )
    change = StateChange(state, on, round_code, note)
    return dataclasses.replace(offer, history=(*offer.history, change))


def offer_from_pledge(pledge: Pledge) -> Offer:
    """A scenario's pledge is an accepted offer against its qualification."""
    return Offer(
        code=pledge.code,
        nation=pledge.nation,
        count=pledge.count,
        start=pledge.start,
        end=pledge.end,
        tour_months=pledge.tour_months,
        qualification=pledge.qualification,
        caveats=pledge.caveats,
        history=(StateChange(OfferState.ACCEPTED, note="pledged in the scenario"),),
    )
