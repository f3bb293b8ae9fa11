"""A record's name in the mission's other languages (a course's title, a school's name, a
trainer's), beside the English one the record has always carried, which stays its default.

The English name keeps its own field (`title`, `name`), so every scenario written before names
came in still reads; `Names` holds the others, keyed by ISO 639-1 code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pycountry

DEFAULT_LANGUAGE = "en"  # the language of a record's own `name` / `title` field
FORM_LANGUAGES = ("ar",)  # the other languages a form asks a record's name in
_CODE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class Names:
    """Names by language, kept as sorted pairs so that the value is hashable and compares
    equal however it was built."""

    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, names: Mapping[str, str] | None) -> Names:
        """From a mapping of language to name; empty names are left out."""
        return cls(tuple(sorted((k, v) for k, v in (names or {}).items() if v)))

    def get(self, language: str) -> str | None:
        return next((name for code, name in self.pairs if code == language), None)

    def as_dict(self) -> dict[str, str]:
        return dict(self.pairs)


def name_in(default: str, names: Names, language: str) -> tuple[str, str]:
    """The name a reader of `language` reads and the language it is written in: their own
    when the record has one, else the default (English) name as a fallback."""
    if language != DEFAULT_LANGUAGE and (found := names.get(language)):
        return found, language
    return default, DEFAULT_LANGUAGE


def language_problem(code: str) -> str | None:
    """Why `code` cannot key a record's names (None: it can)."""
    if code == DEFAULT_LANGUAGE:
        return (
            "the English name is the record's own name (or title) field; "
            "names holds it in the other languages, such as ar"
        )
    if not _CODE.fullmatch(code) or pycountry.languages.get(alpha_2=code) is None:
        return f"'{code}' is not a language code: use a two-letter ISO 639-1 code, such as ar"
    return None


NO_NAMES = Names()  # a record named in its default language only


@dataclass(frozen=True)
class Named:
    """A record's name as a page shows it: the default (English) one and the others."""

    default: str
    names: Names = NO_NAMES

    def in_language(self, language: str) -> tuple[str, str]:
        return name_in(self.default, self.names, language)
