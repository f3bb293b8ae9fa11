"""NATO rank codes (STANAG 2116) on one ordered scale, and the bands a post asks for.

Other ranks OR-1..OR-9, warrant officers WO-1..WO-5, officers OF-1..OF-10, ordered in that
sequence, so that a band such as OR-5..OF-3 ("senior NCO to major") reads as it is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GRADES = {"OR": 9, "WO": 5, "OF": 10}
_OFFSET = {"OR": 0, "WO": 9, "OF": 14}
_RANK = re.compile(r"^(OR|WO|OF)-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Rank:
    """One NATO rank code; `ordinal` orders OR below WO below OF."""

    ordinal: int

    @classmethod
    def parse(cls, text: str) -> Rank:
        match = _RANK.match(text.strip().upper())
        if match is None or not 1 <= int(match[2]) <= _GRADES[match[1]]:
            raise ValueError(
                f"{text!r} is not a NATO rank code (OR-1..OR-9, WO-1..WO-5, OF-1..OF-10)"
            )
        return cls(_OFFSET[match[1]] + int(match[2]))

    @property
    def code(self) -> str:
        for category in ("OF", "WO", "OR"):
            if self.ordinal > _OFFSET[category]:
                return f"{category}-{self.ordinal - _OFFSET[category]}"
        raise ValueError(f"rank ordinal {self.ordinal} is below OR-1")

    def __str__(self) -> str:
        return self.code


ALL_RANKS: tuple[Rank, ...] = tuple(Rank(n) for n in range(1, 25))


@dataclass(frozen=True)
class RankBand:
    """The ranks from `low` to `high`, both included; written `OR-5..OR-9`, or `OF-2` alone."""

    low: Rank
    high: Rank

    @classmethod
    def parse(cls, text: str) -> RankBand:
        low, sep, high = text.partition("..")
        first = Rank.parse(low)
        return cls(first, Rank.parse(high) if sep else first)

    @property
    def is_ordered(self) -> bool:
        return self.low <= self.high

    def contains(self, other: RankBand) -> bool:
        """Every rank of `other` lies in this band."""
        return self.low <= other.low and other.high <= self.high

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}..{self.high}"


def is_rank_band(text: str) -> bool:
    try:
        RankBand.parse(text)
    except ValueError:
        return False
    return True
