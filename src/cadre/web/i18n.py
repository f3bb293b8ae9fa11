"""English and Arabic: the catalogue of the pages' texts (Babel), the language a request is
answered in, and dates and numbers written the way each reader expects.

The Arabic catalogue is kept as its .po source and compiled when first used, so a fresh clone
serves Arabic with no build step. Dates and numbers in Arabic follow Iraq's usage (ar_IQ):
the Syriac month names used in Iraq, and the digits the CLDR gives Iraq.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import pathlib
import zoneinfo
from contextvars import ContextVar

from babel.core import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from starlette.requests import Request

LOCALE_DIR = pathlib.Path(__file__).parent / "locale"
LANGUAGE_COOKIE = "cadre_lang"
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

current: ContextVar[Language] = ContextVar("cadre_language", default=LANGUAGES[DEFAULT])


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


def language_of(request: Request) -> Language:
    """The reader's choice (a cookie the switch sets), else their browser's preference."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return LANGUAGES[chosen]
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return LANGUAGES[code]
    return LANGUAGES[DEFAULT]


def gettext_(message: str) -> str:
    return translations(current.get().code).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    return translations(current.get().code).ngettext(singular, plural, n)


def month(value: dt.date | None) -> str:
    return "—" if value is None else format_date(value, "MMM y", locale=current.get().locale)


def day(value: dt.date | None) -> str:
    return "—" if value is None else format_date(value, "d MMM y", locale=current.get().locale)


def weekday(value: dt.date) -> str:
    return format_date(value, "EEE d MMM", locale=current.get().locale)


def dayname(value: dt.date) -> str:
    return format_date(value, "EEE", locale=current.get().locale)


def moment(value: dt.datetime | None, zone: str = "Asia/Baghdad") -> str:
    if value is None:
        return "—"
    return format_datetime(
        value, "d MMM y HH:mm", tzinfo=zoneinfo.ZoneInfo(zone), locale=current.get().locale
    )


def ago(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """How long ago, in the reader's words: "2 days ago", "قبل يومين"."""
    if value is None:
        return "—"
    when = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    delta = when - (now or dt.datetime.now(dt.UTC))
    return format_timedelta(
        min(delta, dt.timedelta(0)), add_direction=True, locale=current.get().locale
    )


def number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=current.get().locale)


def percent(value: float | None) -> str:
    return "—" if value is None else format_percent(value, locale=current.get().locale)


def language_name(code: str) -> str:
    """A language as the reader's own language calls it: ar → "Arabic", or "العربية"."""
    names = Locale.parse(current.get().locale).languages
    return str(names.get(code, code))
