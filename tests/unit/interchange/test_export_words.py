"""The timetable's calendar and workbook in the reader's language: sheet names, headers and
the words around the records in Arabic, dates as the locale writes them, and every sentence
the exports ask for in the catalogue with its Arabic."""

from __future__ import annotations

import datetime as dt
import io

import icalendar
import openpyxl
import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.training.certificates import Mark
from cadre.interchange.roster_workbook import (
    RosterSheet,
    SheetLine,
    day_column,
    read_roster,
    roster_workbook,
    score_column,
)
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
    roster_workbook(ROSTER, words)
    assert len(asked) > 20
    assert asked - EXPORT_TEXTS == set()
    catalogue = translations("ar")
    assert {t for t in EXPORT_TEXTS if catalogue.gettext(t) == t} == set()


ROSTER = RosterSheet(
    "TINY",
    "R-01",
    "CIED-101",
    (dt.date(2019, 2, 3), dt.date(2019, 2, 4)),
    (SheetLine(7, "Army", "A-1", "Ali Hassan", "علي حسن", (Mark.PRESENT, None), None),),
)


def _filled(data: bytes, mark: str, score: object) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    roster = book.worksheets[0]
    roster.cell(2, day_column(1), mark)
    roster.cell(2, score_column(2), score)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_arabic_roster_reads_back_whoever_sends_it() -> None:
    data = roster_workbook(ROSTER, ARABIC)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["السجل", "Base", "حول"]
    heads = [c.value for c in book.worksheets[0][1]]
    assert heads == [
        "رقم المتدرّب", "الصنف", "الرقم العسكري", "الاسم بالحروف اللاتينية", "الاسم",
        "2019-02-03", "2019-02-04", "الدرجة",
    ]  # fmt: skip
    assert book.worksheets[0].sheet_view.rightToLeft
    upload = read_roster(_filled(data, "A", 80), "roster.xlsx")
    assert (upload.mission, upload.run, upload.days, upload.sheet) == (
        "TINY", "R-01", ROSTER.days, "السجل",
    )  # fmt: skip
    [line] = upload.lines
    assert (line.trainee, line.marks, line.score) == (7, (Mark.PRESENT, Mark.ABSENT), 80.0)
    assert line.base_marks == (Mark.PRESENT, None)


def test_a_problem_in_an_arabic_roster_names_its_arabic_sheet() -> None:
    data = _filled(roster_workbook(ROSTER, ARABIC), "X", 120)
    with pytest.raises(InvalidInput) as refused:
        read_roster(data, "roster.xlsx")
    assert sorted(p.field for p in refused.value.problems) == ["السجل!G2", "السجل!H2"]


def test_an_english_roster_is_as_it_was_and_reads_back() -> None:
    data = roster_workbook(ROSTER)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Roster", "Base", "About"]
    assert read_roster(_filled(data, "E", 55), "r.xlsx").lines[0].marks[1] == Mark.EXCUSED


def test_a_workbook_that_is_not_a_roster_is_refused_in_one_sentence() -> None:
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInput) as refused:
        read_roster(out.getvalue(), "other.xlsx")
    assert "not a roster as Cadre made it" in refused.value.problems[0].reason
