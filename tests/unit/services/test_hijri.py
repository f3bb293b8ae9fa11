"""The Hijri (Umm al-Qura) date of a Gregorian day, checked against published pairs, and as
each language writes it.

References: 1 Ramadan 1444 = 23 March 2023 and 1 Ramadan 1445 = 11 March 2024, the starts of
Ramadan in the Umm al-Qura calendar announced by Saudi Arabia's Supreme Court; 1 Muharram 1446
= 7 July 2024, the Islamic new year in the Umm al-Qura calendar; 17 Safar 1403 = 2 December
1982, the worked example of hijridate's documentation (hijridate.readthedocs.io)."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.services.system.hijri import HijriDate, hijri_day, hijri_day_month, to_hijri


@pytest.mark.parametrize(
    ("gregorian", "hijri"),
    [
        (dt.date(2023, 3, 23), HijriDate(1444, 9, 1, "Ramadan")),
        (dt.date(2024, 3, 11), HijriDate(1445, 9, 1, "Ramadan")),
        (dt.date(2024, 7, 7), HijriDate(1446, 1, 1, "Muharram")),
        (dt.date(1982, 12, 2), HijriDate(1403, 2, 17, "Safar")),
        (dt.date(2026, 12, 5), HijriDate(1448, 6, 25, "Jumada al-Akhirah")),
    ],
)
def test_a_published_date_pair_converts_as_published(gregorian: dt.date, hijri: HijriDate) -> None:
    assert to_hijri(gregorian) == hijri


def test_the_day_before_a_month_starts_is_the_last_of_the_month_before() -> None:
    assert to_hijri(dt.date(2023, 3, 22)) == HijriDate(1444, 8, 30, "Sha'ban")  # a 30-day month


def test_each_language_writes_the_date_in_its_own_words() -> None:
    day = dt.date(2026, 12, 5)
    assert hijri_day(day, "en", "en_GB") == "25 Jumada al-Akhirah 1448 AH"
    assert hijri_day(day, "ar", "ar_IQ") == "25 جمادى الآخرة 1448 هـ"
    assert hijri_day_month(day, "ar", "ar_IQ") == "25 جمادى الآخرة"


@pytest.mark.parametrize("outside", [dt.date(1924, 7, 31), dt.date(2077, 11, 17)])
def test_outside_the_calendars_tables_there_is_no_hijri_date(outside: dt.date) -> None:
    assert to_hijri(outside) is None
    assert hijri_day(outside, "en", "en_GB") == ""
    assert to_hijri(outside + dt.timedelta(days=1 if outside.year < 2000 else -1)) is not None
