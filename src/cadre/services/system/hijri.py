"""The Hijri date beside the Gregorian one, for readers who count their days by it: the web
pages show it when the reader asks, and the certificate's Arabic side always does.

The calendar is Umm al-Qura (hijridate's tables, shipped in the package: no download at run
time). Iraq's religious authorities fix a month's start by sighting the moon, so a date here can
differ from the one announced in Iraq by a day; the pages say "Umm al-Qura" where the reader
switches it on. Outside the tables' range (1924-08-01 to 2077-11-16) there is no Hijri date and
the Gregorian one stands alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.numbers import format_decimal
from hijridate import Gregorian


@dataclass(frozen=True)
class HijriDate:
    year: int
    month: int
    day: int
    month_name: str  # in the language asked for


def to_hijri(value: dt.date, language: str = "en") -> HijriDate | None:
    """The Umm al-Qura date of a Gregorian day, its month named in English or Arabic; None
    outside the calendar's tables."""
    try:
        found = Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:
        return None
    name = found.month_name("ar" if language == "ar" else "en")
    return HijriDate(found.year, found.month, found.day, name)


def _digits(value: int, locale: str) -> str:
    # "0": no grouping, so the year reads 1448, not 1,448; the digits are those Babel writes
    # the Gregorian date beside it in.
    return format_decimal(value, "0", locale=locale)


def hijri_day(value: dt.date, language: str, locale: str) -> str:
    """ "25 Jumada al-Akhirah 1448 AH", "٢٥ جمادى الآخرة ١٤٤٨ هـ"; "" outside the tables."""
    found = to_hijri(value, language)
    if found is None:
        return ""
    era = "هـ" if language == "ar" else "AH"
    return f"{_day_month(found, locale)} {_digits(found.year, locale)} {era}"


def hijri_day_month(value: dt.date, language: str, locale: str) -> str:
    """Day and month only, for a calendar's column heading: "25 Jumada al-Akhirah"."""
    found = to_hijri(value, language)
    return "" if found is None else _day_month(found, locale)


def _day_month(found: HijriDate, locale: str) -> str:
    return f"{_digits(found.day, locale)} {found.month_name}"
