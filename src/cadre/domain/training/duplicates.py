"""Likely duplicates among trainees: the same person entered twice under two spellings, or
with a service number mistyped. Flagged, never merged here: a person decides.

The rule, in one sentence: two entries are likely the same person when their names sound
alike (sound keys at least 90 % similar) and they were born the same year, or when their
names are alike (at least 80 %) and their service numbers differ by one slip of the hand
(one digit changed, added, dropped or two swapped).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

SAME_YEAR_NAME = 90
NUMBER_NAME = 80
ONE_SLIP = 1


@dataclass(frozen=True)
class Candidate:
    """What the rule looks at: an entry's id, sound key, birth year and service number."""

    id: int
    sound: str
    birth_year: int | None
    number: str


@dataclass(frozen=True)
class LikelyDuplicate:
    first: int
    second: int
    score: int  # the names' similarity, 0 to 100
    reason: str  # "same_birth_year" or "service_number_slip"


def judge(a: Candidate, b: Candidate, name_score: float | None = None) -> LikelyDuplicate | None:
    """The pair's verdict under the rule; None when they are not likely the same person."""
    score = fuzz.ratio(a.sound, b.sound) if name_score is None else name_score
    first, second = sorted((a.id, b.id))
    if score >= SAME_YEAR_NAME and a.birth_year is not None and a.birth_year == b.birth_year:
        return LikelyDuplicate(first, second, round(score), "same_birth_year")
    if score >= NUMBER_NAME and OSA.distance(_digits(a.number), _digits(b.number)) <= ONE_SLIP:
        return LikelyDuplicate(first, second, round(score), "service_number_slip")
    return None


def _digits(number: str) -> str:
    return "".join(ch for ch in number.upper() if ch.isalnum())


def likely_duplicates(
    new: Sequence[Candidate],
    known: Sequence[Candidate],
    compared: Callable[[int, int], None] | None = None,
) -> list[LikelyDuplicate]:
    """Every likely pair between `new` and `known`, and within `new`, each pair once;
    `compared(done, len(new))` hears after each block how many of `new` are compared.

    Names are compared only within a block of the same first sound (a spelling never changes
    how a name starts: محمد, Mohammed and Muhammad all start with m), which keeps an import
    of twenty thousand people to seconds.
    """
    found: dict[tuple[int, int], LikelyDuplicate] = {}
    pool = _blocks([*known, *new])
    done = 0
    for block, queries in _blocks(new).items():
        choices = pool[block]
        scores = process.cdist(
            [c.sound for c in queries],
            [c.sound for c in choices],
            scorer=fuzz.ratio,
            score_cutoff=NUMBER_NAME,
            workers=1,
        )
        for i, query in enumerate(queries):
            for j in scores[i].nonzero()[0]:
                other = choices[int(j)]
                if other.id == query.id:
                    continue
                verdict = judge(query, other, float(scores[i][j]))
                if verdict is not None:
                    found.setdefault((verdict.first, verdict.second), verdict)
        done += len(queries)
        if compared is not None:
            compared(done, len(new))
    return sorted(found.values(), key=lambda d: (d.first, d.second))


def _blocks(candidates: Iterable[Candidate]) -> dict[str, list[Candidate]]:
    blocks: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        blocks[candidate.sound[:1]].append(candidate)
    return blocks
