"""Timetables out of Cadre: iCalendar files whose events keep their UID across re-plans,
a workbook that never holds a formula, and JSON that reads back equal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib

import icalendar
import openpyxl

from cadre.domain.planning import SolveStatus
from cadre.domain.timetable.changes import RoomClosure, Withdrawal
from cadre.domain.timetable.cost import MissionCost
from cadre.domain.timetable.plan import TimetablePlan
from cadre.domain.timetable.problem import MissionTimetable, PlacedRun
from cadre.domain.timetable.result import (
    Blocker,
    BlockerKind,
    MissionResult,
    Move,
    UnplacedRun,
)
from cadre.interchange.timetable_ics import Version, calendar_text
from cadre.interchange.timetable_json import plan_from_json, plan_to_json
from cadre.interchange.timetable_xlsx import write_workbook
from tests.mission_factories import D, make_course, make_problem, make_run

RUNS = (make_run("R1", cohort="C1"), make_run("R2", site="BESMAYA"))
PROBLEM = make_problem(runs=RUNS)
FIRST = PlacedRun("R1", D(2019, 5, 5), D(2019, 5, 9), "TAJI-CR1", ("T-CAN",))
MOVED = PlacedRun("R1", D(2019, 6, 2), D(2019, 6, 11), "TAJI-CR1", ("T-DEU",))
STAMP = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)


def plan(*placed: PlacedRun, **changes: object) -> TimetablePlan:
    result = MissionResult(
        SolveStatus.OPTIMAL,
        MissionTimetable(placed),
        12,
        12,
        cost=MissionCost(1, 0, 12, 0),
        unplaced=(),
    )
    return dataclasses.replace(TimetablePlan(RUNS, PROBLEM.start, PROBLEM.end, result), **changes)


def events(text: str) -> list[tuple[str, str, int, object]]:
    cal = icalendar.Calendar.from_ical(text)
    return [
        (str(e["uid"]), str(e.get("status", "")), int(e["sequence"]), e.decoded("dtstart"))
        for e in cal.walk("VEVENT")
    ]


def test_a_moved_run_keeps_its_uid_and_a_higher_sequence_so_calendars_update_it() -> None:
    before = events(calendar_text(PROBLEM, plan(FIRST), "site", "TAJI", Version(1, STAMP)))
    after = events(calendar_text(PROBLEM, plan(MOVED), "site", "TAJI", Version(2, STAMP)))
    assert [(uid, n, start) for uid, _, n, start in before + after] == [
        (before[0][0], 1, D(2019, 5, 5)),
        (before[0][0], 2, D(2019, 6, 2)),
    ]


def test_an_instructor_who_lost_a_run_gets_it_cancelled_under_the_same_uid() -> None:
    first = events(calendar_text(PROBLEM, plan(FIRST), "instructor", "T-CAN", Version(1, STAMP)))
    later = calendar_text(
        PROBLEM, plan(MOVED), "instructor", "T-CAN", Version(2, STAMP), previous=plan(FIRST)
    )
    assert events(later) == [(first[0][0], "CANCELLED", 2, D(2019, 5, 5))]


def test_a_run_recurs_on_working_days_and_skips_the_holiday() -> None:
    text = calendar_text(PROBLEM, plan(MOVED), "cohort", "C1", Version(2, STAMP))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event["rrule"].to_ical() == b"FREQ=DAILY;UNTIL=20190611;BYDAY=SU,MO,TU,WE,TH"
    assert [d.dt for d in event["exdate"].dts] == [D(2019, 6, 4), D(2019, 6, 5), D(2019, 6, 6)]
    assert str(event["summary"]) == "CIED-101 Counter-IED search and awareness"


def test_the_workbook_lists_runs_and_assignments_and_writes_no_formula(
    tmp_path: pathlib.Path,
) -> None:
    course = make_course(title='=HYPERLINK("http://x")')
    problem = make_problem(runs=RUNS, courses=(course,))
    unplaced = (UnplacedRun("R2", (Blocker(BlockerKind.NO_ROOM, "no room"),)),)
    stored = plan(FIRST)
    stored = TimetablePlan(
        RUNS, stored.start, stored.end,
        MissionResult(SolveStatus.OPTIMAL, stored.result.solution, 1, 1,
                      cost=MissionCost(1, 0, 5, 0), unplaced=unplaced),
    )  # fmt: skip
    path = tmp_path / "timetable.xlsx"
    write_workbook(path, problem, stored)
    book = openpyxl.load_workbook(path)
    runs, assignments = book["Runs"], book["Assignments"]
    assert book.sheetnames == ["Runs", "Assignments", "BESMAYA", "TAJI"]
    assert [c.value for c in runs[2]][:8] == [
        "R1", "CIED-101", "=HYPERLINK(\"http://x\")", "TAJI", "TAJI-CR1", "C1",
        dt.datetime(2019, 5, 5), dt.datetime(2019, 5, 9),
    ]  # fmt: skip
    assert (runs["C2"].data_type, runs["L3"].value, runs["M3"].value) == ("s", "no", "no room")
    assert [c.value for c in assignments[2]][6:] == [
        "T-CAN",
        "Instructor T-CAN",
        "CAN",
        "certified",
        None,
    ]
    assert book["TAJI"]["B2"].value == "CIED-101 · C1 · T-CAN"


def test_a_stored_timetable_reads_back_equal() -> None:
    moved = Move("R1", FIRST, MOVED, ("2019-06-02–2019-06-11, was 2019-05-05–2019-05-09",), "why")
    stored = plan(
        MOVED,
        notes=("a note",),
        changes=(Withdrawal(nation="CAN", effective=D(2019, 6, 1)), RoomClosure("TAJI-CR2")),
    )
    stored = dataclasses.replace(stored, result=dataclasses.replace(stored.result, moves=(moved,)))
    assert plan_from_json(plan_to_json(stored)) == stored
