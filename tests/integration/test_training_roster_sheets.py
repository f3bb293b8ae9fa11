"""The roster as a workbook and back, on SQLite and PostgreSQL: what the sheet changed is
stored, all of it or none; a cell changed in the app meanwhile and in the sheet differently is
a conflict named by sheet, row and column (nothing stored), and one changed in the app alone
is kept."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.training.certificates import Mark
from cadre.interchange.roster_workbook import read_roster
from cadre.services.training import attendance, enrolment, results, roster_sheets
from cadre.services.training.attendance import AttendanceMark
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results
from cadre.storage.scenarios import find_mission
from tests.integration.test_training_enrolment import enter, work_with_runs

__all__ = ["work_with_runs"]
TODAY = dt.date(2019, 5, 30)


def filled(data: bytes, edits: dict[str, object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ref, value in edits.items():
        book["Roster"][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def stored(work: UnitOfWork) -> dict[int, tuple[dict[dt.date, Mark], float | None]]:
    with work.transaction() as session:
        on_run = training_results.enrolments_in(session, find_mission(session).id, "R-01")
        marks = training_results.marks(session, [e.id for e in on_run])
        return {e.trainee_id: (marks[e.id], e.score) for e in on_run}


def test_a_roster_round_trip_stores_the_sheets_edits_and_refuses_a_conflicting_one(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    first, second = enter(work, "1"), enter(work, "2")
    for trainee in (first, second):
        enrolment.enrol(work, None, "R-01", trainee)
    days = mission_runs(work, None).run("R-01").days
    results.record_attendance(work, None, "R-01", days[0], {first: Mark.PRESENT})
    sheet = roster_sheets.download_roster(work, None, "R-01")
    upload = read_roster(sheet, "r.xlsx")
    assert [line.trainee for line in upload.lines] == [first, second]
    assert upload.days == days
    # F is the first teaching day, G the second; rows 2 and 3 are the two trainees.
    score = openpyxl.utils.get_column_letter(6 + len(days))
    # Meanwhile, in the app: the first trainee's first day becomes absent, and the second
    # trainee's second day is marked present.
    results.record_attendance(work, None, "R-01", days[0], {first: Mark.ABSENT})
    results.record_attendance(work, None, "R-01", days[1], {second: Mark.PRESENT})
    offline = filled(sheet, {"F2": "E", "G2": "P", "F3": "p", f"{score}3": 88})
    with pytest.raises(InvalidInput) as refused:
        roster_sheets.upload_roster(work, None, "R-01", offline, "r.xlsx", TODAY)
    problems = refused.value.problems
    assert [(p.code, p.field, p.line, p.column) for p in problems] == [
        ("roster.conflict", "Roster!F2", 2, 6)
    ]
    assert "changed in Cadre to A" in problems[0].reason
    assert "the sheet says E" in problems[0].reason
    # All or nothing: the sheet's other edits were not stored either.
    now = stored(work)
    assert now[first][0] == {days[0]: Mark.ABSENT}
    assert now[second] == ({days[1]: Mark.PRESENT}, None)
    # The director settles the conflict by typing what holds; the rest goes in, and the
    # second trainee's second day, changed only in the app, is kept.
    settled = filled(offline, {"F2": "A"})
    done = roster_sheets.upload_roster(work, None, "R-01", settled, "r.xlsx", TODAY)
    assert (done.marks, done.scores, done.kept) == (2, 1, 1)
    now = stored(work)
    assert now[first][0] == {days[0]: Mark.ABSENT, days[1]: Mark.PRESENT}
    assert now[second] == ({days[0]: Mark.PRESENT, days[1]: Mark.PRESENT}, 88.0)


def test_a_bad_sheet_is_refused_with_every_cell_located(work_with_runs: UnitOfWork) -> None:
    work = work_with_runs
    trainee = enter(work, "1")
    enrolment.enrol(work, None, "R-01", trainee)
    days = mission_runs(work, None).run("R-01").days
    sheet = roster_sheets.download_roster(work, None, "R-01")
    score = openpyxl.utils.get_column_letter(6 + len(days))
    bad = filled(sheet, {"F2": "X", "G2": "=1+1", f"{score}2": 140, "A3": 999})
    with pytest.raises(InvalidInput) as refused:
        roster_sheets.upload_roster(work, None, "R-01", bad, "r.xlsx", TODAY)
    assert sorted((p.field, p.line, p.column) for p in refused.value.problems) == sorted(
        [
            ("Roster!F2", 2, 6),
            ("Roster!G2", 2, 7),
            (f"Roster!{score}2", 2, 6 + len(days)),
            ("Roster!A3", 3, 1),
        ]
    )
    with pytest.raises(InvalidInput) as elsewhere:
        roster_sheets.upload_roster(work, None, "R-02", sheet, "r.xlsx", TODAY)
    assert elsewhere.value.problems[0].code == "roster.other_run"
    assert stored(work)[trainee] == ({}, None)


def test_attendance_in_bulk_is_stored_all_or_nothing_with_each_bad_line_located(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    first, second = enter(work, "1"), enter(work, "2")
    enrolment.enrol(work, None, "R-01", first)
    days = mission_runs(work, None).run("R-01").days
    marks = [AttendanceMark(first, "R-01", day, Mark.PRESENT) for day in days]
    bad = [
        *marks,
        AttendanceMark(second, "R-01", days[0], Mark.ABSENT),
        AttendanceMark(first, "R-01", days[0] - dt.timedelta(days=30), Mark.ABSENT),
        AttendanceMark(first, "R-77", days[0], Mark.ABSENT),
    ]
    with pytest.raises(InvalidInput) as refused:
        attendance.import_attendance(work, None, bad, source="marks.csv")
    assert [p.line for p in refused.value.problems] == [len(days) + 1, len(days) + 2, len(days) + 3]
    assert stored(work)[first] == ({}, None)
    assert attendance.import_attendance(work, None, marks) == len(days)
    again = [AttendanceMark(first, "R-01", days[0], Mark.EXCUSED)]
    assert attendance.import_attendance(work, None, again) == 1
    assert stored(work)[first][0][days[0]] is Mark.EXCUSED
    assert len(stored(work)[first][0]) == len(days)
