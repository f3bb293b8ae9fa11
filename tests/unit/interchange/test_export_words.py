"""The timetable's calendar and workbook in the reader's language: sheet names, headers and
the words around the records in Arabic, dates as the locale writes them, and every sentence
the exports ask for in the catalogue with its Arabic."""

from __future__ import annotations

import io

import icalendar
import openpyxl

from cadre.interchange.timetable_ics import Version, calendar_text
from cadre.interchange.timetable_xlsx import write_workbook
from cadre.interchange.words import Words
from cadre.web.chart_words import EXPORT_TEXTS, words_in
from cadre.web.i18n import translations
from tests.unit.interchange.test_timetable_exports import FIRST, PROBLEM, STAMP, plan

ARABIC = words_in("ar")


def _event(text: str) -> icalendar.Event:
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_an_arabic_reader_s_calendar_speaks_arabic_around_the_records() -> None:
    text = calendar_text(PROBLEM, plan(FIRST), "site", "TAJI", Version(1, STAMP), None, ARABIC)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["x-wr-calname"]) == f"{PROBLEM.mission}: الموقع TAJI"
    event = _event(text)
    description = str(event["description"])
    assert description.startswith("الدورة R1، من 5 أيار 2019 إلى 9 أيار 2019")
    assert "المدرّبون: " in description
    assert "Run " not in description
    assert "Instructors" not in description
    assert event["description"].params["LANGUAGE"] == "ar"
    assert "القاعة TAJI-CR1" in str(event["location"])
    # The course's name is a record, kept as the records hold it, and marked so.
    assert event["summary"].params["LANGUAGE"] == "en"


def test_an_english_calendar_is_as_it_was() -> None:
    event = _event(calendar_text(PROBLEM, plan(FIRST), "site", "TAJI", Version(1, STAMP)))
    assert str(event["description"]).startswith("Run R1, 2019-05-05 to 2019-05-09")
    assert str(event["location"]).endswith(", room TAJI-CR1")


def _book(words: Words | None = None) -> openpyxl.Workbook:
    out = io.BytesIO()
    if words is None:
        write_workbook(out, PROBLEM, plan(FIRST))
    else:
        write_workbook(out, PROBLEM, plan(FIRST), words)
    out.seek(0)
    return openpyxl.load_workbook(out)


def test_an_arabic_reader_s_workbook_has_arabic_sheets_and_headers_right_to_left() -> None:
    book = _book(ARABIC)
    assert book.sheetnames[:2] == ["الدورات", "التكليفات"]
    runs = book["الدورات"]
    header = [c.value for c in runs[1]]
    assert header[:3] == ["الدورة", "المقرر", "العنوان"]
    assert "نعم" in [c.value for c in runs["L"]]
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    english = _book()
    assert english.sheetnames[:2] == ["Runs", "Assignments"]
    assert not any(sheet.sheet_view.rightToLeft for sheet in english.worksheets)


def test_every_sentence_an_export_asks_for_is_listed_and_has_arabic() -> None:
    asked: set[str] = set()

    def say(text: str) -> str:
        asked.add(text)
        return ARABIC.say(text)

    words = Words(say=say, day=ARABIC.day, language="ar", rtl=True)
    for subject, code in (("site", "TAJI"), ("instructor", "T-CAN"), ("cohort", "C1")):
        calendar_text(PROBLEM, plan(FIRST), subject, code, Version(1, STAMP), None, words)
    _book(words)
    assert len(asked) > 20
    assert asked - EXPORT_TEXTS == set()
    catalogue = translations("ar")
    assert {t for t in EXPORT_TEXTS if catalogue.gettext(t) == t} == set()
