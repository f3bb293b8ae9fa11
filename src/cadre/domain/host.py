"""The host nation's side: demand for trained personnel and the cohorts who come to be taught."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Arabic letters that are written several ways and searched as one.
_ARABIC_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel only stretches a word
    },
)
_NON_WORD = re.compile(r"[^\w]+")


def search_key(*names: str) -> str:
    """A key that matches a name however it is spelt: diacritics, hamza forms and case ignored."""
    words: list[str] = []
    for name in names:
        decomposed = unicodedata.normalize("NFKD", name.translate(_ARABIC_FOLDS))
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        words.extend(w for w in _NON_WORD.split(bare.casefold().translate(_ARABIC_FOLDS)) if w)
    return " ".join(words)


@dataclass(frozen=True)
class HostName:
    """A host-nation name kept as written in Arabic, with its Latin transliteration."""

    arabic: str
    latin: str

    @property
    def key(self) -> str:
        return search_key(self.arabic, self.latin)


@dataclass(frozen=True)
class Demand:
    """How many trained people a host organisation wants from a course or qualification a year."""

    organisation: str
    target: str  # a course code or a qualification code
    year: int
    trained: int


@dataclass(frozen=True)
class Cohort:
    """A host unit or group taught together."""

    code: str
    unit: str
    size: int
    name: HostName
    site: str | None = None
