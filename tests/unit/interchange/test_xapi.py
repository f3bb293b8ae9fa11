"""xAPI statements: valid by the specification's rules, stable ids, a pseudonym for the
trainee and nothing else about them; the checker refuses what the specification refuses."""

from __future__ import annotations

import datetime as dt
import json

from cadre.interchange.xapi import Event, problems, pseudonym, statement

KEY = b"test key"
WHEN = dt.datetime(2019, 3, 14, 9, 0, tzinfo=dt.UTC)


def make(verb: str = "passed", **kw: object) -> dict[str, object]:
    values: dict[str, object] = {"verb": verb, "mission": "TINY", "trainee": 42, "run": "R-01",
                                 "course": "CIED-101", "when": WHEN, "score": 85.0}  # fmt: skip
    return statement(Event(**(values | kw)), home="https://cadre.invalid", key=KEY)  # type: ignore[arg-type]


def test_every_verb_makes_a_valid_statement() -> None:
    for verb in ("enrolled", "attended", "passed", "failed", "completed", "certified"):
        assert problems(make(verb, detail="N-1")) == [], verb


def test_the_same_record_gives_the_same_id_and_another_a_different_one() -> None:
    assert make()["id"] == make()["id"]
    assert make()["id"] != make(trainee=43)["id"]
    assert (
        make("attended", detail="2019-03-03")["id"] != make("attended", detail="2019-03-04")["id"]
    )


def test_the_trainee_is_named_by_a_keyed_pseudonym_only() -> None:
    found = make()
    assert found["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://cadre.invalid", "name": pseudonym(KEY, "TINY", 42)},
    }
    assert pseudonym(KEY, "TINY", 42) != pseudonym(b"other key", "TINY", 42)
    assert '"42"' not in json.dumps(found["actor"])


def test_a_score_is_scaled_and_a_pass_is_a_success() -> None:
    assert make()["result"] == {
        "score": {"scaled": 0.85, "raw": 85.0, "min": 0, "max": 100},
        "success": True,
    }
    assert make("failed", score=40.0)["result"]["success"] is False  # type: ignore[index]


def test_the_checker_refuses_what_the_specification_refuses() -> None:
    good = make()
    two_ifis = good | {
        "actor": {"mbox": "mailto:a@b.c", "account": {"homePage": "https://x", "name": "p"}}
    }
    assert problems(two_ifis) == [
        "actor has exactly one inverse functional identifier, not ['mbox', 'account']"
    ]
    assert problems({k: v for k, v in good.items() if k != "verb"}) == ["verb is required"]
    assert problems(good | {"id": "not-a-uuid"}) == [
        "id is a UUID (RFC 4122) in its lower-case form"
    ]
    assert problems(good | {"timestamp": "2019-03-14"}) == [
        "timestamp is an ISO 8601 date and time with its offset"
    ]
    bad_score = good | {"result": {"score": {"scaled": 1.5, "raw": 150, "min": 0, "max": 100}}}
    assert problems(bad_score) == [
        "result.score.scaled is -1 to 1",
        "result.score.raw lies between min and max",
    ]
    assert problems(good | {"colour": "red"}) == ["colour is not a statement property"]
