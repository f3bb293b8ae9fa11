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


# The sound of a name: consonants only, on one alphabet for both scripts, because Arabic
# writes no short vowels and each Latin spelling guesses them differently (محمد, Mohammed,
# Muhammad and Mohamad are all "mhmd"). Letters that sound alike share one symbol.
_ARABIC_SOUNDS = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "ح": "h", "ه": "h",
    "خ": "x", "د": "d", "ذ": "d", "ض": "d", "ظ": "d", "ر": "r", "ز": "z", "س": "s",
    "ص": "s", "ش": "c", "چ": "c", "غ": "g", "گ": "g", "ف": "f", "ڤ": "f", "ق": "k",
    "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
}  # fmt: skip
_LATIN_PAIRS = {"sh": "c", "ch": "c", "kh": "x", "gh": "g", "th": "t", "dh": "d", "ph": "f",
                "ck": "k"}  # fmt: skip
_LATIN_SOUNDS = str.maketrans({"p": "b", "q": "k", "c": "k", "v": "f", **dict.fromkeys("aeiouyw")})


def _word_sound(word: str) -> str:
    if any(ch in _ARABIC_SOUNDS or "\u0600" <= ch <= "\u06ff" for ch in word):
        sound = "".join(_ARABIC_SOUNDS.get(ch, "") for ch in word)
    else:
        for pair, symbol in _LATIN_PAIRS.items():
            word = word.replace(pair, symbol.upper())  # upper: not read again as a single
        sound = word.translate(_LATIN_SOUNDS).lower()
    # A final h is the taa marbuta or a breath either script may leave out (Fatima, فاطمة).
    return sound.removesuffix("h")


def sound_key(*names: str) -> str:
    """A name's consonants on one alphabet for Arabic and Latin spellings alike: the key that
    finds محمد as Mohammed, Muhammad or Mohamad. Word breaks are dropped (Abd al-Rahman is
    Abdulrahman) and doubled letters written once."""
    sound = "".join(_word_sound(w) for w in search_key(*names).split())
    return "".join(ch for i, ch in enumerate(sound) if i == 0 or ch != sound[i - 1])


@dataclass(frozen=True)
class HostName:
    """A host-nation name kept as written in Arabic, with its Latin transliteration."""

    arabic: str
    latin: str

    @property
    def key(self) -> str:
        return search_key(self.arabic, self.latin)

    @property
    def sound(self) -> str:
        """The Arabic name's sound key, or the Latin one's when there is no Arabic."""
        return sound_key(self.arabic or self.latin)


@dataclass(frozen=True)
class Demand:
    """What a host organisation wants from a course or qualification in a period: `trained`
    graduates, or an `intake` of people it releases to start training (a training calendar).

    The period is the year, or one `quarter` (1–4) or `month` (1–12) of it. An intake counts
    entrants whose run starts in the period: that is when the army can release them; when they
    graduate follows from the course's length."""

    organisation: str
    target: str  # a course code or a qualification code
    year: int
    trained: int = 0  # graduates wanted in the period
    quarter: int | None = None
    month: int | None = None
    intake: int = 0  # entrants released to start in the period (instead of `trained`)

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month (1–12) of the period within `year`."""
        if self.month is not None:
            return self.month, self.month
        if self.quarter is not None:
            return 3 * self.quarter - 2, 3 * self.quarter
        return 1, 12

    @property
    def period(self) -> str:
        """The period as it is written in a plan: 2019, 2019-Q2 or 2019-04."""
        if self.month is not None:
            return f"{self.year}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year}-Q{self.quarter}"
        return str(self.year)


@dataclass(frozen=True)
class Cohort:
    """A host unit or group taught together."""

    code: str
    unit: str
    size: int
    name: HostName
    site: str | None = None
