"""English and Arabic: the catalogue of the pages' texts (Babel), the language a request is
answered in, and dates and numbers written the way each reader expects.

The languages and the catalogue itself are shared with the CLI (services/system/language.py);
this module answers a request from them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from contextvars import ContextVar

from babel.core import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.numbers import (
    format_decimal,
    format_percent,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
)
from markupsafe import Markup
from starlette.requests import Request

from cadre.services.system.hijri import hijri_day, hijri_day_month
from cadre.services.system.language import (
    DEFAULT,
    LANGUAGES,
    LOCALE_DIR,
    Language,
    translations,
)

__all__ = ["DEFAULT", "LANGUAGES", "LOCALE_DIR", "Language", "translations"]

LANGUAGE_COOKIE = "cadre_lang"
HIJRI_COOKIE = "cadre_hijri"

current: ContextVar[Language] = ContextVar("cadre_language", default=LANGUAGES[DEFAULT])
hijri_shown: ContextVar[bool] = ContextVar("cadre_hijri", default=False)


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


def hijri_of(request: Request) -> bool:
    """Whether the reader asked for the Hijri date beside the Gregorian one (a cookie the
    switch beside the languages sets). Off until asked, in Arabic too: Iraq's civil calendar,
    its ministries' letters and the mission's plans are Gregorian, and the Hijri dates Iraq
    keeps are fixed by sighting the moon, so an Umm al-Qura date shown unasked could be a day
    off from the one an Iraqi reader knows."""
    return request.cookies.get(HIJRI_COOKIE) == "on"


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is written; it is translated where it is shown."""
    return message


def gettext_(message: str) -> str:
    return translations(current.get().code).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    return translations(current.get().code).ngettext(singular, plural, n)


def month(value: dt.date | None) -> str:
    return "—" if value is None else format_date(value, "MMM y", locale=current.get().locale)


def _dated(
    value: dt.date, pattern: str, hijri: Callable[[dt.date, str, str], str]
) -> tuple[str, str]:
    """The Gregorian words of a day, and its Hijri ones when the reader asked ("" if not)."""
    language = current.get()
    words = format_date(value, pattern, locale=language.locale)
    shown = hijri(value, language.code, language.locale) if hijri_shown.get() else ""
    return words, shown


def day_words(value: dt.date | None) -> str:
    """The day as plain words, its Hijri date beside it when asked: for an attribute (a
    title), where markup cannot go."""
    if value is None:
        return "—"
    words, hijri = _dated(value, "d MMM y", hijri_day)
    return f"{words} ({hijri})" if hijri else words


def day(value: dt.date | None) -> Markup | str:
    """The day in a <time> element, its Hijri date beside it when the reader asked."""
    if value is None:
        return "—"
    words, hijri = _dated(value, "d MMM y", hijri_day)
    return _time(value, words, Markup(' <span class="hijri">(%s)</span>') % hijri if hijri else "")


def weekday(value: dt.date) -> Markup:
    """A calendar's column heading; the Hijri day and month on a line of their own."""
    words, hijri = _dated(value, "EEE d MMM", hijri_day_month)
    return _time(
        value, words, Markup('<span class="hijri block">%s</span>') % hijri if hijri else ""
    )


def _time(value: dt.date, words: str, hijri: Markup | str) -> Markup:
    # The Hijri date stays inside the <time>: both name the same machine-readable day.
    return Markup('<time datetime="%s">%s%s</time>') % (value.isoformat(), words, hijri)


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


def signed(value: float, digits: int = 0) -> str:
    """A change, with its sign: +6.2, −3.1 (0 has none). The locale's signs carry a
    left-to-right mark in Arabic, so the sign stays before the number in a right-to-left line."""
    locale = current.get().locale
    shown = number(abs(value), digits)
    if round(value, digits) == 0:
        return shown
    sign = get_plus_sign_symbol(locale) if value > 0 else get_minus_sign_symbol(locale)
    return sign + shown


def percent(value: float | None) -> str:
    return "—" if value is None else format_percent(value, locale=current.get().locale)


def language_name(code: str) -> str:
    """A language as the reader's own language calls it: ar → "Arabic", or "العربية"."""
    names = Locale.parse(current.get().locale).languages
    return str(names.get(code, code))
