"""The one redaction step: rows resting on hidden records dropped, mentions withheld, totals
rounded when rows were dropped, and nothing a reader sees touched."""

from __future__ import annotations

from dataclasses import dataclass

from cadre.services.access.redaction import WITHHELD, Redaction

HIDDEN = Redaction({"P-AUS-1", "SECRET-101", "TAJI-CR1"}, {"Capt. Hidden", "Secret course"})


@dataclass(frozen=True)
class Tour:
    offer: str
    nation: str
    months: int


@dataclass(frozen=True)
class Relief:
    outgoing: Tour
    incoming: Tour


def test_rows_naming_a_hidden_record_are_dropped_and_totals_rounded() -> None:
    result = {
        "headline": {"instructor_months": 123.4, "peak": 17},
        "assignments": [
            {"pledge": "P-AUS-1", "amount": 3},
            {"pledge": "P-CAN-1", "amount": 4},
        ],
        "trainees": {"SECRET-101": [1, 2], "CIED-101": [3]},
    }
    assert HIDDEN.derived(result, totals=("headline",)) == {
        "headline": {"instructor_months": 120.0, "peak": 20},
        "assignments": [{"pledge": "P-CAN-1", "amount": 4}],
        "trainees": {"CIED-101": [3]},
    }


def test_totals_stay_exact_when_no_row_was_dropped() -> None:
    result = {"headline": {"peak": 17}, "assignments": [{"pledge": "P-CAN-1"}]}
    assert HIDDEN.derived(result, totals=("headline",)) == result


def test_a_row_whose_part_names_a_hidden_record_is_dropped() -> None:
    reliefs = (
        Relief(Tour("P-AUS-1", "AUS", 6), Tour("P-CAN-1", "CAN", 6)),
        Relief(Tour("P-CAN-1", "CAN", 6), Tour("P-CAN-2", "CAN", 6)),
    )
    assert HIDDEN.derived(reliefs) == reliefs[1:]


def test_sentences_lose_hidden_codes_and_names_but_not_longer_codes() -> None:
    text = "Capt. Hidden moved from TAJI-CR1 to TAJI-CR10 for Secret course (SECRET-101)."
    assert HIDDEN.text(text) == (
        f"{WITHHELD} moved from {WITHHELD} to TAJI-CR10 for {WITHHELD} ({WITHHELD})."
    )


def test_references_in_a_visible_document_are_withheld_without_their_code() -> None:
    course = {"code": "CIED-TTT", "prerequisites": ["CIED-101", "SECRET-101"], "grants": "X"}
    assert HIDDEN.document(course) == {
        "code": "CIED-TTT",
        "prerequisites": ["CIED-101", WITHHELD],
        "grants": "X",
    }


def test_nothing_hidden_changes_nothing() -> None:
    value = {"rows": [{"pledge": "P-AUS-1"}], "headline": {"peak": 17}}
    assert Redaction(()).derived(value, totals=("headline",)) == value


def test_shares_are_rounded_to_one_decimal_and_counts_to_tens() -> None:
    result = {
        "headline": {"host_led_share": 0.437, "unmet": 14.2},
        "rows": [{"course": "SECRET-101"}],
    }
    assert HIDDEN.derived(result, totals=("headline",)) == {
        "headline": {"host_led_share": 0.4, "unmet": 10.0},
        "rows": [],
    }
