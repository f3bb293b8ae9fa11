"""A round's offers a page at a time, on SQLite and PostgreSQL: the database skips and limits
(one page's offers are loaded, whatever the round's size), the filters by state and nation
combine, counts are of what the reader may see, and a page past the last is refused."""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event

from cadre.access.policy import Principal, Role
from cadre.domain.errors import InvalidInput, NotFound
from cadre.services.force import review
from cadre.services.force.offer_pages import offer_page
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.labels import StoredLabel, put_label
from cadre.storage.scenarios import find_mission
from tests.offer_support import ON, send_offers
from tests.pledge_corpus import TINY

OFFICER = Principal("fgo", "NATO", frozenset({Role.FORCE_GENERATION_OFFICER}))
SWEDEN = Principal("swe", "SWE", frozenset({Role.NATIONAL_CONTRIBUTOR}))
IRAQ = Principal("irq", "IRQ", frozenset({Role.NATIONAL_CONTRIBUTOR}))  # the host sees none


@pytest.fixture
def many(work: UnitOfWork, tmp_path: pathlib.Path) -> UnitOfWork:
    """120 offers in round R1: 70 of Sweden, 50 of Canada; 3 Swedish accepted, 2 Canadian
    declined, 1 Swedish queried; two labelled apart from their nation's default."""
    scenarios.import_file(work, TINY)
    send_offers(work, tmp_path, "SWE", 70)
    send_offers(work, tmp_path, "CAN", 50)
    for code, decision in [
        ("SWE-R1-SWE-000", "accepted"),
        ("SWE-R1-SWE-001", "accepted"),
        ("SWE-R1-SWE-002", "accepted"),
        ("CAN-R1-CAN-000", "declined"),
        ("CAN-R1-CAN-001", "declined"),
        ("SWE-R1-SWE-003", "queried"),
    ]:
        review.answer_offer(work, OFFICER, "TINY", code, decision, "a reason", on=ON)
    # Two offers with labels of their own: one Swedish released to the host too, one
    # Canadian kept to Canada alone.
    with work.transaction() as session:
        mission_id = find_mission(session, "TINY").id
        at = dt.datetime(2018, 10, 2, tzinfo=dt.UTC)
        for code, owner, release in [
            ("SWE-R1-SWE-010", "SWE", ("HOST", "NATO", "SWE")),
            ("CAN-R1-CAN-010", "CAN", ("CAN",)),
        ]:
            label = StoredLabel("NATO UNCLASSIFIED", owner, release)
            put_label(session, mission_id, "pledges", code, label, at)
    return work


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL sent to the database while the test runs."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


def test_pages_split_the_round_and_the_database_limits_the_rows(
    many: UnitOfWork, statements: list[str]
) -> None:
    first = offer_page(many, OFFICER, "TINY")
    last = offer_page(many, OFFICER, "TINY", number=3)
    assert (first.total, first.pages, len(first.offers), len(last.offers)) == (119, 3, 50, 19)
    codes = [o.code for o in (*first.offers, *offer_page(many, OFFICER, "TINY", number=2).offers)]
    assert len(set(codes) | {o.code for o in last.offers}) == 119  # no offer twice, none lost
    paged = [s for s in statements if "FROM force_offers" in s and "LIMIT" in s.upper()]
    assert len(paged) == 3


def test_filters_by_state_and_nation_combine_and_count(many: UnitOfWork) -> None:
    swedish_accepted = offer_page(many, OFFICER, "TINY", state="accepted", nation="SWE")
    assert [o.code for o in swedish_accepted.offers] == [f"SWE-R1-SWE-00{i}" for i in range(3)]
    assert (swedish_accepted.total, swedish_accepted.pages) == (3, 1)
    assert swedish_accepted.by_state == {"offered": 66, "accepted": 3, "queried": 1}
    canadian = offer_page(many, OFFICER, "TINY", nation="CAN")
    # The Canadian offer labelled for Canada alone is not counted for NATO's staff.
    assert (canadian.total, canadian.by_state) == (49, {"offered": 47, "declined": 2})
    declined = offer_page(many, OFFICER, "TINY", state="declined")
    assert {o.nation for o in declined.offers} == {"CAN"}
    assert offer_page(many, OFFICER, "TINY").nations == ("CAN", "SWE")
    nobody = offer_page(many, OFFICER, "TINY", state="withdrawn")
    assert (nobody.total, nobody.pages, nobody.offers) == (0, 1, ())


@pytest.mark.parametrize("reader", [OFFICER, SWEDEN, IRAQ], ids=lambda p: p.affiliation)
def test_pages_hold_exactly_the_offers_releasability_lets_the_reader_see(
    many: UnitOfWork, reader: Principal
) -> None:
    # The Python filter of the whole round is the oracle the database's filter is checked on.
    seen = [o.code for o in review.round_offers(many, reader, "TINY").offers]
    first = offer_page(many, reader, "TINY", size=40)
    paged = [
        o.code
        for n in range(1, first.pages + 1)
        for o in offer_page(many, reader, "TINY", number=n, size=40).offers
    ]
    assert (paged, first.total) == (seen, len(seen))
    assert len(seen) == {"NATO": 119, "SWE": 119, "IRQ": 1}[reader.affiliation]


def test_a_page_past_the_last_or_an_unknown_state_is_refused(many: UnitOfWork) -> None:
    with pytest.raises(NotFound) as missing:
        offer_page(many, OFFICER, "TINY", number=4)
    assert (missing.value.code, missing.value.params) == (
        "offer.page_not_found",
        {"page": 4, "pages": 3},
    )
    with pytest.raises(InvalidInput) as unknown:
        offer_page(many, OFFICER, "TINY", state="lost")
    assert [p.field for p in unknown.value.problems] == ["state"]
