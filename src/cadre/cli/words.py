"""One way to say how many, for every command: "1 run", "2 runs", "1 activity", "0 entries".

Units written as symbols ("s", "%") take no plural; nouns do, through `count`.
"""

from __future__ import annotations

IRREGULAR = {"activity": "activities", "entry": "entries", "person": "people", "day": "days"}
_SINGULAR = {many: one for one, many in IRREGULAR.items()}


def plural(noun: str, n: float = 2) -> str:
    """`noun` as said of `n` things (a compound noun takes the plural on its last word)."""
    if n == 1:
        return noun
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


def singular(nouns: str) -> str:
    """The singular of a plural noun written the regular way, or listed in IRREGULAR."""
    if nouns in _SINGULAR:
        return _SINGULAR[nouns]
    if nouns.endswith("ies"):
        return nouns[:-3] + "y"
    return nouns[:-1] if nouns.endswith("s") else nouns


def count(n: float, noun: str) -> str:
    """`n` and the noun in the number it takes: "1 run", "2 runs", "1,200 posts"."""
    figure = f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"
    return f"{figure} {plural(noun, n)}"


def counts(tally: dict[str, int]) -> str:
    """A tally keyed by plural nouns, as "4 contributors, 1 discipline" (zeros left out)."""
    return ", ".join(count(n, singular(kind)) for kind, n in tally.items() if n)


def verb(n: float, one: str, many: str) -> str:
    """The verb agreeing with `n` things: verb(1, "ends", "end") == "ends"."""
    return one if n == 1 else many
