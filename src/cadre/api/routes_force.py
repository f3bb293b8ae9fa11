"""The offers nations sent in a sourcing round, and the answer to each:
GET /api/v1/missions/{mission}/force/offers?round=R and
POST /api/v1/missions/{mission}/force/offers/{offer}/decision."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from cadre.api.errors import GUARDED, RESPONSES
from cadre.api.paths import MissionCode
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.force.offers import Offer
from cadre.services.force import review
from cadre.services.force.review import MAX_COMMENT

router = APIRouter(tags=["force"], responses=GUARDED)
OfferCode = Annotated[str, Path(max_length=120, examples=["CAN-FSC-1-A1"])]


class StepOut(BaseModel):
    state: str
    on: dt.date | None
    round: str | None
    comment: str


class OfferOut(BaseModel):
    code: str
    nation: str
    reference: str
    line: str | None = Field(description="the requirement line offered against, if one")
    specialty: str | None = Field(description="else the qualification or specialty offered")
    count: int
    start: dt.date
    end: dt.date
    tour_months: int
    rank_band: str | None
    caveats: list[str]
    state: str = Field(description="offered, queried, accepted, declined or withdrawn")
    steps: int = Field(description="steps of its history; send it back to answer on it")
    history: list[StepOut]

    @classmethod
    def of(cls, offer: Offer) -> OfferOut:
        return cls(
            code=offer.code,
            nation=offer.nation,
            reference=offer.reference,
            line=offer.line,
            specialty=offer.qualification,
            count=offer.count,
            start=offer.start,
            end=offer.end,
            tour_months=offer.tour_months,
            rank_band=str(offer.rank_band) if offer.rank_band else None,
            caveats=list(offer.caveats),
            state=offer.state.value,
            steps=len(offer.history),
            history=[
                StepOut(state=h.state.value, on=h.on, round=h.round, comment=h.note)
                for h in offer.history
            ],
        )


class RoundOffersOut(BaseModel):
    round: str
    rounds: list[str]
    may_decide: bool
    items: list[OfferOut]


class DecisionIn(BaseModel):
    decision: str = Field(max_length=20, examples=["accepted"])
    comment: str = Field("", max_length=MAX_COMMENT * 2)  # the service says the real limit
    steps: int | None = Field(None, ge=0, le=10_000)


@router.get("/missions/{mission}/force/offers", response_model=RoundOffersOut)
def round_offers(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    round: Annotated[str | None, Query(max_length=40)] = None,
) -> RoundOffersOut:
    """The offers first made in the round (the latest when none is named) that the caller may
    see: a nation sees its own."""
    found = review.round_offers(work, principal, mission, round)
    return RoundOffersOut(
        round=found.round,
        rounds=list(found.rounds),
        may_decide=found.may_decide,
        items=[OfferOut.of(o) for o in found.offers],
    )


@router.post(
    "/missions/{mission}/force/offers/{offer}/decision",
    response_model=OfferOut,
    responses={409: RESPONSES[409], 422: RESPONSES[422]},
)
def answer_offer(
    mission: MissionCode,
    offer: OfferCode,
    body: DecisionIn,
    principal: CurrentPrincipal,
    work: Work,
) -> OfferOut:
    """Accept, decline or query the offer with a comment (declining and querying need one).
    Accepted offers are what force matching fills the statement of requirements with."""
    answered = review.answer_offer(
        work, principal, mission, offer, body.decision, body.comment, seen_steps=body.steps
    )
    return OfferOut.of(answered)
