"""Phases and refusals by code, said in each reader's language: a phase is the English sentence
the CLI prints and carries its code and values; the web says every code the core reports in
English and Arabic, marking the codes it quotes as Latin."""

from __future__ import annotations

import ast
import datetime as dt
import pathlib
import pickle
from collections.abc import Iterator
from contextlib import contextmanager

import cadre
from cadre.domain.errors import Problem
from cadre.domain.phases import DONE, Phase, code_of, reading
from cadre.domain.timetable.changes import RoomClosure, Withdrawal
from cadre.services.jobs.kinds.timetable import replanning
from cadre.web import i18n
from cadre.web.job_words import JOB_WORDS
from cadre.web.messages import problem_markup, words_for
from cadre.web.presenters.jobs import Said, said

SRC = pathlib.Path(cadre.__file__).parent


@contextmanager
def reading_in(code: str) -> Iterator[None]:
    token = i18n.current.set(i18n.LANGUAGES[code])
    try:
        yield
    finally:
        i18n.current.reset(token)


def test_a_phase_reads_as_its_english_sentence_and_keeps_its_code_and_values() -> None:
    phase = Phase("import.rows_checked", "checked %(done)s of %(total)s rows", done=1200, total=9)
    assert (str(phase), phase.code, dict(phase.params)) == (
        "checked 1,200 of 9 rows",
        "import.rows_checked",
        {"done": 1200, "total": 9},
    )
    again = pickle.loads(pickle.dumps(phase))
    assert (str(again), again.code, dict(again.params)) == (str(phase), phase.code, phase.params)
    assert code_of(phase) == ("import.rows_checked", {"done": 1200, "total": 9})
    assert code_of("building the model") == (None, None)


def test_a_replan_says_the_same_english_as_before_with_the_change_as_values() -> None:
    closed = replanning(RoomClosure("CR1", "TAJI"))
    withdrawn = replanning(Withdrawal("CAN", None, dt.date(2019, 5, 1)))
    assert (str(closed), closed.code, dict(closed.params)) == (
        "re-planning: room CR1 closes at TAJI",
        "timetable.replan_room",
        {"room": "CR1", "site": "TAJI"},
    )
    assert (withdrawn.code, dict(withdrawn.params)) == (
        "timetable.replan_nation",
        {"nation": "CAN", "effective": "2019-05-01"},
    )


def _phase_codes() -> set[str]:
    """Every code given to a phase below the edges."""
    found = set()
    for part in ("domain", "solvers", "services", "storage"):
        for path in (SRC / part).rglob("*.py"):
            for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
                first = call.args[0]
                if name in ("Phase", "said") and isinstance(first, ast.Constant):
                    found.add(str(first.value))
                found |= {  # the timetable solver's helper: tell(what, code=...)
                    str(k.value.value)
                    for k in call.keywords
                    if name == "tell" and k.arg == "code" and isinstance(k.value, ast.Constant)
                }
    return found


def test_every_phase_the_core_reports_has_words_in_both_languages() -> None:
    codes = _phase_codes()
    assert {"job.done", "import.rows_checked", "timetable.first", "sweep.gathering"} <= codes
    assert sorted(codes - set(JOB_WORDS)) == []
    params = {"done": 1, "total": 2, "count": 3, "n": 1, "placed": 1, "cost": 9, "seconds": 5,
              "file": "f", "error": "E", "exit_code": 1, "nation": "CAN", "pledge": "P",
              "effective": None, "room": "R", "site": "S"}  # fmt: skip
    with reading_in("ar"):
        arabic = {code: words_for(code, params) for code in codes}
    assert [code for code, text in arabic.items() if not text or text == JOB_WORDS[code]] == []


def test_a_phase_is_said_in_the_readers_language() -> None:
    rows = Phase("import.rows_checked", "checked %(done)s of %(total)s rows", done=5, total=9)
    with reading_in("en"):
        english = (words_for(DONE.code, DONE.params), words_for(rows.code, rows.params))
    with reading_in("ar"):
        arabic = (words_for(DONE.code, DONE.params), words_for(rows.code, rows.params))
    assert english == ("Done.", "Checked 5 of 9 rows.")
    assert arabic == ("اكتمل.", "فُحص 5 من 9 صفًا.")


def test_a_code_an_arabic_sentence_quotes_is_a_latin_piece_for_the_page_script() -> None:
    phase = reading("people.csv")
    with reading_in("ar"):
        shown = said(phase.code, dict(phase.params), str(phase))
        assert shown.parts() == [("جارٍ قراءة ", False), ("people.csv", True), (".", False)]
        assert str(shown.markup()) == (
            '<bdi>جارٍ قراءة <bdi lang="en" dir="ltr">people.csv</bdi>.</bdi>'
        )
        unknown = said(None, None, "building the model")
    assert unknown == Said("building the model", True)
    assert unknown.parts() == [("building the model", True)]
    assert str(unknown.markup()) == '<bdi lang="en" dir="ltr">building the model</bdi>'


def test_an_offer_workbook_problem_names_its_column_in_the_readers_words() -> None:
    problem = Problem(
        "tour months must be a whole number",
        code="pledge.not_whole",
        params={"heading": "tour months", "column": "tour_months", "value": "six"},
    )
    with reading_in("en"):
        english = str(problem_markup(problem))
    with reading_in("ar"):
        arabic = str(problem_markup(problem))
    assert english == "“tour months” must be a whole number, not “six”."
    wanted = 'يجب أن يكون «مدة المهمة بالأشهر» عددًا صحيحًا، لا «<bdi lang="en" dir="ltr">six</bdi>».'
    assert arabic == wanted


def test_a_refusal_abroad_is_said_in_arabic() -> None:
    problem = Problem(
        "all 2 seats are filled", field="trainee", code="abroad.full", params={"seats": 2}
    )
    with reading_in("ar"):
        assert str(problem_markup(problem)) == "شُغلت المقاعد كلها وعددها 2."
