"""ITC-2007 files: instances read into the timetabling model, solutions written and read back."""

from __future__ import annotations

import pathlib

import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.itc2007 import Event, Session, Timetable
from cadre.interchange.itc2007 import format_solution, parse_instance, parse_solution, read_instance

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "itc2007"
GOOD = (DATA / "tiny_zero.ctt").read_text()


def test_a_course_becomes_an_event_with_its_teacher_curricula_and_allowed_periods() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    assert (problem.name, problem.grid.periods, len(problem.rooms)) == ("TinyZero", 4, 2)
    assert problem.events[0] == Event(
        "A", sessions=2, size=10, resources=("teacher:t1", "curriculum:Q1"), min_days=2
    )
    assert problem.events[2] == Event(
        "C", 1, 5, ("teacher:t1",), min_days=1, allowed_periods=frozenset({1, 2, 3})
    )


def test_every_malformed_line_is_reported_with_its_number() -> None:
    text = GOOD.replace("B t2 2 2 10", "B t2 two 2 10").replace("Q1 2 A B", "Q1 2 A D")
    with pytest.raises(InvalidInput) as raised:
        parse_instance(text, "bad.ctt")
    assert raised.value.problems == (
        Problem("course B: lectures must be a whole number, not 'two'", file="bad.ctt", line=11),
        Problem("curriculum Q1 names course D, which is not listed", file="bad.ctt", line=19),
    )


def test_a_count_that_disagrees_with_the_header_is_reported() -> None:
    text = GOOD.replace("Rooms: 2", "Rooms: 3")
    with pytest.raises(InvalidInput) as raised:
        parse_instance(text, "bad.ctt")
    assert raised.value.problems == (
        Problem("the header says Rooms: 3, the file has 2", file="bad.ctt", line=16),
    )


def test_a_file_without_end_or_sections_says_what_is_missing() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_instance("Name: X\nCourses: 1\n", "cut.ctt")
    assert [p.reason for p in raised.value.problems] == [
        "the file does not end with 'END.'",
        "the header lacks 'Rooms:'",
        "the header lacks 'Days:'",
        "the header lacks 'Periods_per_day:'",
        "the header lacks 'Curricula:'",
        "the header lacks 'Constraints:'",
        "the file lacks the section COURSES:",
        "the file lacks the section ROOMS:",
        "the file lacks the section CURRICULA:",
        "the file lacks the section UNAVAILABILITY_CONSTRAINTS:",
    ]


def test_a_solution_is_written_as_course_room_day_slot_and_read_back() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    timetable = Timetable((Session("A", "R1", 0), Session("C", "R2", 3)))
    text = format_solution(problem, timetable)
    assert (text, parse_solution(text, problem)) == ("A R1 0 0\nC R2 1 1\n", timetable)


def test_a_solution_naming_unknown_courses_or_days_is_refused_with_lines() -> None:
    problem = read_instance(DATA / "tiny_zero.ctt")
    with pytest.raises(InvalidInput) as raised:
        parse_solution("A R1 0 0\nZ R1 0 1\nA R1 5 0\nA R1\n", problem, "x.sol")
    assert [(p.line, p.reason) for p in raised.value.problems] == [
        (2, "course Z is not in the instance TinyZero"),
        (3, "day 5 period 0 is outside the 2-day grid"),
        (4, "expected 'CourseID RoomID Day Slot', not 'A R1'"),
    ]
