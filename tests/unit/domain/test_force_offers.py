"""Offers move offered → queried / accepted / declined / withdrawn, and keep every step."""

from __future__ import annotations

import pytest

from cadre.domain.errors import Conflict
from cadre.domain.force.offers import OfferState, StateChange, decide, offer_from_pledge
from tests.factories import make_pledge
from tests.force_factories import day, make_offer

OFFERED = (StateChange(OfferState.OFFERED, day("2018-09-01"), "FSC-1"),)


def test_an_accepted_offer_keeps_its_whole_history() -> None:
    offer = make_offer(history=OFFERED)
    accepted = decide(offer, OfferState.ACCEPTED, day("2018-10-15"), "FSC-2", "HQ decision")
    assert accepted.state is OfferState.ACCEPTED
    assert accepted.history == (
        *OFFERED,
        StateChange(OfferState.ACCEPTED, day("2018-10-15"), "FSC-2", "HQ decision"),
    )
    assert (accepted.is_firm, offer.is_firm, offer.is_open) == (True, False, True)


def test_a_nation_may_withdraw_an_accepted_offer() -> None:
    accepted = decide(make_offer(history=OFFERED), OfferState.ACCEPTED, day("2018-10-15"))
    assert decide(accepted, OfferState.WITHDRAWN, day("2019-02-01")).state is OfferState.WITHDRAWN


@pytest.mark.parametrize("closed", [OfferState.DECLINED, OfferState.WITHDRAWN])
def test_a_closed_offer_cannot_be_reopened(closed: OfferState) -> None:
    offer = decide(make_offer(history=OFFERED), closed, day("2018-10-15"))
    with pytest.raises(Conflict, match=f"is {closed.value} and cannot become accepted"):
        decide(offer, OfferState.ACCEPTED, day("2018-10-16"))


@pytest.mark.parametrize(
    "answer", [OfferState.ACCEPTED, OfferState.DECLINED, OfferState.OFFERED, OfferState.QUERIED]
)
def test_a_queried_offer_stays_pending_until_answered(answer: OfferState) -> None:
    queried = decide(make_offer(history=OFFERED), OfferState.QUERIED, day("2018-10-15"))
    assert (queried.is_open, queried.is_firm) == (True, False)
    answered = decide(queried, answer, day("2018-10-20"), note="answered")
    assert answered.state is answer
    assert [h.state for h in answered.history] == [OfferState.OFFERED, OfferState.QUERIED, answer]


@pytest.mark.parametrize("closed", [OfferState.DECLINED, OfferState.WITHDRAWN])
def test_a_closed_offer_cannot_be_queried(closed: OfferState) -> None:
    offer = decide(make_offer(history=OFFERED), closed, day("2018-10-15"))
    with pytest.raises(Conflict, match=f"is {closed.value} and cannot become queried"):
        decide(offer, OfferState.QUERIED, day("2018-10-16"))


def test_an_accepted_offer_cannot_be_declined() -> None:
    accepted = decide(make_offer(history=OFFERED), OfferState.ACCEPTED, day("2018-10-15"))
    with pytest.raises(Conflict, match="is accepted and cannot become declined"):
        decide(accepted, OfferState.DECLINED, day("2018-10-16"))


def test_a_scenario_pledge_is_an_accepted_offer_against_its_qualification() -> None:
    offer = offer_from_pledge(make_pledge(caveats=("X",)))
    assert (offer.state, offer.qualification, offer.line, offer.count, offer.caveats) == (
        OfferState.ACCEPTED,
        "CIED-INS",
        None,
        4,
        ("X",),
    )


def test_terms_compare_without_history_or_reference() -> None:
    offer = make_offer(history=OFFERED, reference="CAN-17")
    assert offer.same_terms(make_offer(reference="other"))
    assert not offer.same_terms(make_offer(count=2))
