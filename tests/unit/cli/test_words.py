"""The one helper for plural forms the command line uses."""

from __future__ import annotations

from cadre.cli.words import count, counts, plural, singular, verb


def test_one_takes_the_singular_and_every_other_number_the_plural() -> None:
    assert [count(n, "run") for n in (0, 1, 2, 1200)] == ["0 runs", "1 run", "2 runs", "1,200 runs"]


def test_irregular_and_spelled_plurals() -> None:
    assert [plural(w) for w in ("activity", "entry", "day", "pledge", "class", "post-month")] == [
        "activities",
        "entries",
        "days",
        "pledges",
        "classes",
        "post-months",
    ]
    assert [singular(w) for w in ("activities", "caveats", "cohorts", "days")] == [
        "activity",
        "caveat",
        "cohort",
        "day",
    ]


def test_a_tally_says_each_kind_in_its_number_and_leaves_out_zeros() -> None:
    tally = {"contributors": 4, "disciplines": 1, "caveats": 0, "activities": 1}
    assert counts(tally) == "4 contributors, 1 discipline, 1 activity"


def test_the_verb_agrees() -> None:
    assert [f"{count(n, 'tour')} {verb(n, 'ends', 'end')}" for n in (1, 3)] == [
        "1 tour ends",
        "3 tours end",
    ]
