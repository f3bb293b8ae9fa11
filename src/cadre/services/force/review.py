"""The offers of a sourcing round as received, and the reviewer's answer to each.

A round's page lists every offer first made in that round, as the nation sent it, with its
state and the comments made on it; only the offers the reader may see, judged by a pledge's
label (a nation sees its own). Force generation staff answer each offer: accept, decline or
query, with a comment. The answer joins the offer's history and the audit trail in one
transaction, and it feeds the force plan: matching fills the statement with accepted offers
only (`operations.force_problem`); a queried offer stays pending like an offered one until a
decision or a revised workbook answers the query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from cadre.domain.force.offers import NEXT_STATES, Offer, OfferState, decide
from cadre.services.access.scope import Scope, read
from cadre.services.records.operations import writing
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import force_offers

# What a reviewer may answer; withdrawing is the nation's own act (its next workbook).
DECISIONS = (OfferState.ACCEPTED, OfferState.DECLINED, OfferState.QUERIED)
MAX_COMMENT = 1_000  # a comment is a few sentences to the nation, not a document
PLEDGES = "pledges"  # an offer is released as a pledge of its nation is


@dataclass(frozen=True)
class RoundOffers:
    round: str
    rounds: tuple[str, ...]  # every round of the mission, oldest first
    offers: tuple[Offer, ...]
    may_decide: bool  # the reader may accept, decline or query (force generation staff)


def _sees(scope: Scope, offer: Offer) -> bool:
    return scope.sees(PLEDGES, offer.code, {"nation": offer.nation})


def may_decide(principal: Principal) -> bool:
    """Deciding a nation's offers is for who may write every nation's pledges: a nation may
    not accept its own offer."""
    return reach(principal.roles, Verb.WRITE, PLEDGES) is Reach.ANY


def chosen_round(scope: Scope, round_code: str | None) -> tuple[str, tuple[str, ...]]:
    """The round asked for (the latest when None; "" when there is none yet) and every round
    of the mission, oldest first; NotFound for a round the mission does not have."""
    scope.gate.require_role(Verb.READ, PLEDGES)
    codes = tuple(r.code for r in force_offers.all_rounds(scope.session, scope.mission_id))
    if round_code is not None and round_code not in codes:
        raise NotFound(
            f"round {round_code} is not a sourcing round of mission {scope.mission}",
            code="offer.round_not_found",
            round=round_code,
        )
    return round_code or (codes[-1] if codes else ""), codes


def round_offers(
    uow: UnitOfWork, principal: Principal, mission: str, round_code: str | None = None
) -> RoundOffers:
    """The offers first made in the round (the latest when None) that the reader may see."""

    def collect(scope: Scope) -> RoundOffers:
        code, codes = chosen_round(scope, round_code)
        offers = tuple(
            offer
            for offer, made_in in force_offers.load_offers(scope.session, scope.mission_id).values()
            if made_in == code and _sees(scope, offer)
        )
        return RoundOffers(code, codes, offers, may_decide(scope.principal))

    result: RoundOffers = read(uow, principal, mission, collect)
    return result


def answer_offer(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    code: str,
    decision: str,
    comment: str = "",
    *,
    seen_steps: int | None = None,
    on: dt.date | None = None,
) -> Offer:
    """Accept, decline or query one offer with a comment. Every problem of the answer at once
    (InvalidInput, by field); Forbidden for who may not decide; Conflict when the offer
    changed since the reader saw it (`seen_steps`: the steps of its history then) or its state
    does not lead to the decision."""
    problems = []
    state = next((s for s in DECISIONS if s.value == decision), None)
    if state is None:
        problems.append(
            Problem(
                f"choose accept, decline or query, not {decision!r}",
                field="decision",
                code="offer.decision_missing",
            )
        )
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        problems.append(
            Problem(
                f"the comment has {len(comment):,} characters; at most {MAX_COMMENT:,}",
                field="comment",
                code="offer.comment_too_long",
                params={"length": len(comment), "limit": MAX_COMMENT},
            )
        )
    if state in (OfferState.DECLINED, OfferState.QUERIED) and not comment:
        # The nation reads why its offer was declined, or what it is asked.
        problems.append(
            Problem(
                f"say in the comment why the offer is {state.value}",
                field="comment",
                code="offer.comment_required_declined"
                if state is OfferState.DECLINED
                else "offer.comment_required_queried",
            )
        )
    with writing(uow, principal, mission) as (session, scope):
        scope.gate.require_role(Verb.READ, PLEDGES)
        found = force_offers.load_offer(session, scope.mission_id, code)
        if found is None or not _sees(scope, found[0]):
            raise NotFound(
                f"offer {code} is not in the mission", code="offer.not_found", offer=code
            )
        offer, made_in = found
        if not may_decide(principal):
            raise Forbidden(
                "a nation's offers are accepted, declined or queried by the mission's force "
                "generation staff; a nation changes its own offers with its next workbook",
                code="offer.decide_forbidden",
            )
        if problems:
            raise InvalidInput(problems)
        assert state is not None  # no problem: a decision was chosen
        if seen_steps is not None and seen_steps != len(offer.history):
            raise Conflict(
                f"offer {code} changed since you read it (it is now {offer.state.value}); "
                "read the page again and answer on that",
                code="offer.changed",
                offer=code,
                state=offer.state.value,
            )
        if state not in NEXT_STATES[offer.state]:
            raise Conflict(
                f"offer {code} is {offer.state.value} and cannot become {state.value}",
                code="offer.closed",
                offer=code,
                state=offer.state.value,
            )
        answered = decide(offer, state, on or dt.date.today(), made_in, comment)
        now = dt.datetime.now(dt.UTC)
        force_offers.store_offer(session, scope.mission_id, answered, made_in, "", now)
        uow.audit(
            session,
            "offer decide",
            mission=scope.mission,
            kind=PLEDGES,
            key=code,
            before={"state": offer.state.value},
            after={"state": state.value, "round": made_in, "comment": comment},
        )
    return answered
