"""A round's offers answered by force generation staff, on SQLite and PostgreSQL: accepted
offers feed the force plan, declined ones do not, queried ones stay pending; every answer is
in the offer's history and the audit trail; a nation sees only its own offers and may not
answer them."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from sqlalchemy import Engine

from cadre.access.policy import Principal, Role
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from cadre.domain.force.offers import OfferState
from cadre.services.access import audit
from cadre.services.force import offers as force_offers
from cadre.services.force import operations as force
from cadre.services.force import review
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from tests.pledge_corpus import TINY, make_workbook

ON = dt.date(2018, 10, 1)
OFFICER = Principal("fgo", "NATO", frozenset({Role.FORCE_GENERATION_OFFICER}))
SWEDEN = Principal("swe", "SWE", frozenset({Role.NATIONAL_CONTRIBUTOR}))
IRAQ = Principal("irq", "IRQ", frozenset({Role.NATIONAL_CONTRIBUTOR}))
AUDITOR = Principal("aud", "NATO", frozenset({Role.AUDITOR}))
A, B = "SWE-R1-SWE-A", "SWE-R1-SWE-B"


@pytest.fixture
def offered(work: UnitOfWork, tmp_path: pathlib.Path) -> UnitOfWork:
    scenarios.import_file(work, TINY)
    force_offers.import_offers(
        work, make_workbook(tmp_path / "swe.xlsx"), round_code="R1", today=ON
    )
    return work


def firm_and_pending(work: UnitOfWork) -> tuple[set[str], set[str]]:
    """The offers matching fills the statement with, and those it adds when asked to count
    pending offers too."""
    firm = {o.code for o in force.picture(work).problem.offers}
    pending = {o.code for o in force.picture(work, include_offered=True).problem.offers} - firm
    return firm, pending


def test_accepted_offers_feed_matching_queried_stay_pending_declined_drop_out(
    offered: UnitOfWork, engine: Engine
) -> None:
    listed = review.round_offers(offered, OFFICER, "TINY")
    assert (listed.round, [o.code for o in listed.offers], listed.may_decide) == (
        "R1",
        [A, B],
        True,
    )
    review.answer_offer(offered, OFFICER, "TINY", A, "accepted", "welcome", on=ON)
    asked = review.answer_offer(
        offered, OFFICER, "TINY", B, "queried", "can the tour be 4 months?", on=ON
    )
    assert (asked.state, asked.is_open) == (OfferState.QUERIED, True)
    firm, pending = firm_and_pending(offered)
    assert (A in firm, B in firm, B in pending) == (True, False, True)
    review.answer_offer(offered, OFFICER, "TINY", B, "declined", "no answer in time", on=ON)
    firm, pending = firm_and_pending(offered)
    assert (A in firm, B in firm | pending) == (True, False)
    history = review.round_offers(offered, OFFICER, "TINY", "R1").offers[1].history
    assert [(h.state.value, h.note) for h in history[1:]] == [
        ("queried", "can the tour be 4 months?"),
        ("declined", "no answer in time"),
    ]
    entries = audit.entries_page(
        UnitOfWork(engine), AUDITOR, mission="TINY", kind="pledges", limit=10
    ).entries
    assert [(e.key, e.before, e.after["state"]) for e in reversed(entries)] == [
        (A, {"state": "offered"}, "accepted"),
        (B, {"state": "offered"}, "queried"),
        (B, {"state": "queried"}, "declined"),
    ]


def test_every_problem_of_an_answer_is_said_at_once_and_nothing_is_stored(
    offered: UnitOfWork,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        review.answer_offer(offered, OFFICER, "TINY", A, "maybe", "x" * 1_001)
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("decision", "offer.decision_missing"),
        ("comment", "offer.comment_too_long"),
    }
    with pytest.raises(InvalidInput) as declined:
        review.answer_offer(offered, OFFICER, "TINY", A, "declined", "  ")
    assert [p.code for p in declined.value.problems] == ["offer.comment_required_declined"]
    assert review.round_offers(offered, OFFICER, "TINY").offers[0].state is OfferState.OFFERED


def test_a_stale_or_closed_offer_is_a_conflict(offered: UnitOfWork) -> None:
    with pytest.raises(Conflict, match="changed since you read it"):
        review.answer_offer(offered, OFFICER, "TINY", A, "accepted", seen_steps=3)
    review.answer_offer(offered, OFFICER, "TINY", A, "accepted", seen_steps=1)
    with pytest.raises(Conflict, match="is accepted and cannot become declined"):
        review.answer_offer(offered, OFFICER, "TINY", A, "declined", "changed our mind")


def test_offers_are_released_as_pledges_and_a_nation_may_not_answer_its_own(
    offered: UnitOfWork,
) -> None:
    # Offers are released as their nation's pledges: to the nation and the Alliance. Sweden
    # sees its own; Iraq, the host outside NATO, sees none of them.
    own = review.round_offers(offered, SWEDEN, "TINY")
    assert ([o.code for o in own.offers], own.may_decide) == ([A, B], False)
    assert review.round_offers(offered, IRAQ, "TINY").offers == ()
    with pytest.raises(Forbidden) as refused:
        review.answer_offer(offered, SWEDEN, "TINY", A, "accepted")
    assert refused.value.code == "offer.decide_forbidden"
    with pytest.raises(NotFound):  # an offer it may not see does not exist for Iraq
        review.answer_offer(offered, IRAQ, "TINY", A, "accepted")
    with pytest.raises(NotFound):
        review.round_offers(offered, OFFICER, "TINY", "R9")
