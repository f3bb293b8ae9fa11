"""Cadre's languages and the catalogue of its words, shared by the edges: the web app answers
its pages from it, and the CLI draws the brief's charts in Arabic with the same sentences.

The catalogue's files stay where Babel's extraction keeps them, beside the web app
(src/cadre/web/locale); they are read here by path, so the CLI shares them without importing
the web app. The Arabic catalogue is kept as its .po source and compiled when first used, so a
fresh clone has Arabic with no build step. Dates and numbers in Arabic follow Iraq's usage
(ar_IQ): the Syriac month names used in Iraq, and the digits the CLDR gives Iraq."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import pathlib

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from cadre.interchange.words import ENGLISH, Words

LOCALE_DIR = pathlib.Path(__file__).resolve().parents[2] / "web" / "locale"
DEFAULT = "en"


class Language:
    def __init__(self, code: str, name: str, direction: str, locale: str) -> None:
        self.code = code
        self.name = name  # in the language itself, as a switch shows it
        self.direction = direction
        self.locale = locale  # for dates and numbers


LANGUAGES = {
    "en": Language("en", "English", "ltr", "en_GB"),
    "ar": Language("ar", "العربية", "rtl", "ar_IQ"),
}


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalogue of a language, compiled from its .po file on first use."""
    source = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    if code == DEFAULT or not source.exists():
        return gettext.NullTranslations()
    with source.open("rb") as po:
        catalog = read_po(po, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def words_in(code: str) -> Words:
    """The words of one language, bound to it (a figure may be drawn after a request's
    language is reset, and the kept drawing must not change language)."""
    if code == DEFAULT or code not in LANGUAGES:
        return ENGLISH
    language = LANGUAGES[code]
    catalogue = translations(code)

    def month(value: dt.date) -> str:
        return format_date(value, "MMM y", locale=language.locale)

    def day(value: dt.date) -> str:
        return format_date(value, "d MMM y", locale=language.locale)

    def number(value: float) -> str:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.0"
        return format_decimal(value, pattern, locale=language.locale)

    def percent(share: float) -> str:
        return format_percent(share, "#,##0%", locale=language.locale)

    return Words(
        say=catalogue.gettext,
        month=month,
        day=day,
        number=number,
        percent=percent,
        language=code,
        rtl=language.direction == "rtl",
    )
