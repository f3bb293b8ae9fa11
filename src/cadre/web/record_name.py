"""A record's name in the reader's language: a course's title, a school's name, a trainer's.

The record's own language comes first; when it has no name in it, the default (English) name
stands in, marked with its language and direction so that a screen reader reads it as English
and the Arabic around it keeps its order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from cadre.domain.record_names import NO_NAMES, Named, Names
from cadre.web import i18n


def named(record: Any) -> Named:
    """A Named as it is, or a record's, from its domain value or its document (a course by
    its title, others by their name)."""
    if isinstance(record, Named):
        return record
    if isinstance(record, Mapping):
        default = record.get("title") or record.get("name") or ""
        return Named(str(default), Names.of(record.get("names")))
    default = getattr(record, "title", None) or getattr(record, "name", "")
    return Named(str(default), getattr(record, "names", NO_NAMES))


def name_and_language(record: Any) -> tuple[str, str]:
    """The name in the reader's language, or the English one, and the language it is in: for
    a place that takes no markup (an option), which carries the language itself."""
    return named(record).in_language(i18n.current.get().code)


# A word in Latin letters inside text of another script: a model (T-72, BMP-1), a standard
# (xAPI), a setting's name (CADRE_LRS_URL).
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*")


def latin_words(value: object) -> Markup:
    """Text in the reader's language that keeps words in Latin letters: each such word marked
    English and left to right, so a screen reader reads it in English and the Arabic around
    it keeps its order. An English page shows the text as it is."""
    text = str(value)
    if i18n.current.get().code == i18n.DEFAULT:
        return escape(text)
    parts, end = [], 0
    for word in LATIN_WORD.finditer(text):
        parts += [escape(text[end : word.start()]), _english(word.group())]
        end = word.end()
    return Markup("").join([*parts, escape(text[end:])])


def _english(word: str) -> Markup:
    return Markup('<bdi lang="en" dir="ltr">%s</bdi>') % word


def record_name(record: Any) -> Markup:
    language = i18n.current.get()
    text, written_in = name_and_language(record)
    if written_in == language.code or not text:
        return latin_words(text)
    known = i18n.LANGUAGES.get(written_in)
    direction = known.direction if known else "ltr"
    return Markup('<bdi lang="%s" dir="%s">%s</bdi>') % (written_in, direction, text)
