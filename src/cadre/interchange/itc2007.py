"""ITC-2007 track 3 files: instances (.ctt) in, solutions (.sol) in and out.

A course becomes an event whose sessions are its lectures; its teacher and its curricula become
resources (curricula compact, so that isolated lectures cost). Every malformed line is reported
with file, line and reason, all of them at once.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.itc2007 import (
    Event,
    Resource,
    ResourceKind,
    Session,
    TimeGrid,
    Timetable,
    TimetableProblem,
    TimetableRoom,
)

HEADER = ("Name", "Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints")
SECTIONS = ("COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:")
MAX_FILE_BYTES = 10 * 1024 * 1024  # the largest competition instance is under 20 kB


def teacher_code(teacher: str) -> str:
    return f"teacher:{teacher}"


def curriculum_code(curriculum: str) -> str:
    return f"curriculum:{curriculum}"


@dataclass
class _Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)

    def fail(self, line: int, reason: str) -> None:
        self.problems.append(Problem(reason, file=self.file, line=line))

    def integer(self, line: int, text: str, what: str, minimum: int = 0) -> int:
        try:
            value = int(text)
        except ValueError:
            self.fail(line, f"{what} must be a whole number, not {text!r}")
            return minimum
        if value < minimum:
            self.fail(line, f"{what} must be at least {minimum}, not {value}")
            return minimum
        return value


def _read_text(path: pathlib.Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Problem(f"the file is {size:,} bytes; too large", file=str(path))])
        return path.read_text(encoding="utf-8")
    except OSError as error:
        reason = f"cannot read the file: {error.strerror or error}"
        raise InvalidInput([Problem(reason, file=str(path))]) from None
    except UnicodeDecodeError as error:
        raise InvalidInput([Problem(f"not UTF-8 text: {error.reason}", file=str(path))]) from None


def read_instance(path: pathlib.Path) -> TimetableProblem:
    """The instance in a .ctt file, or InvalidInput naming every malformed line."""
    return parse_instance(_read_text(path), str(path))


def parse_instance(text: str, file: str = "<text>") -> TimetableProblem:
    reader = _Reader(file)
    lines = [(n, line.split()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    header: dict[str, str] = {}
    sections: dict[str, list[tuple[int, list[str]]]] = {}
    current: str | None = None
    ended = False
    for number, words in lines:
        if words == ["END."]:
            ended = True
            break
        if len(words) == 1 and words[0] in SECTIONS:
            current = words[0]
            sections[current] = []
        elif current is not None:
            sections[current].append((number, words))
        elif words[0].endswith(":") and words[0][:-1] in HEADER and len(words) == 2:
            header[words[0][:-1]] = words[1]
        else:
            reader.fail(number, f"expected a header line such as 'Courses: 30', not {words[0]!r}")
    if not ended:
        reader.fail(len(text.splitlines()), "the file does not end with 'END.'")
    for key in HEADER:
        if key not in header:
            reader.fail(1, f"the header lacks '{key}:'")
    for section in SECTIONS:
        if section not in sections:
            reader.fail(1, f"the file lacks the section {section}")
    if reader.problems:
        raise InvalidInput(reader.problems)

    counts = {key: reader.integer(1, header[key], key, 1) for key in HEADER[1:5]}
    counts["Curricula"] = reader.integer(1, header["Curricula"], "Curricula", 0)
    counts["Constraints"] = reader.integer(1, header["Constraints"], "Constraints", 0)
    grid = TimeGrid(counts["Days"], counts["Periods_per_day"])
    problem = _build(reader, grid, sections, counts, header["Name"])
    if reader.problems:
        raise InvalidInput(reader.problems)
    return problem


def _build(
    reader: _Reader,
    grid: TimeGrid,
    sections: dict[str, list[tuple[int, list[str]]]],
    counts: dict[str, int],
    name: str,
) -> TimetableProblem:
    for section, key, width in (
        ("COURSES:", "Courses", 5),
        ("ROOMS:", "Rooms", 2),
        ("CURRICULA:", "Curricula", None),
        ("UNAVAILABILITY_CONSTRAINTS:", "Constraints", 3),
    ):
        rows = sections[section]
        if len(rows) != counts[key]:
            line = rows[-1][0] if rows else 1
            reader.fail(line, f"the header says {key}: {counts[key]}, the file has {len(rows)}")
        for number, words in rows:
            if width is not None and len(words) != width:
                reader.fail(number, f"a {section[:-1]} line has {width} fields, not {len(words)}")

    courses: dict[str, tuple[str, int, int, int]] = {}
    for number, words in sections["COURSES:"]:
        if len(words) != 5:
            continue
        code, teacher, lectures, min_days, students = words
        if code in courses:
            reader.fail(number, f"course {code} appears twice")
        courses[code] = (
            teacher,
            reader.integer(number, lectures, f"course {code}: lectures", 1),
            reader.integer(number, min_days, f"course {code}: minimum working days", 0),
            reader.integer(number, students, f"course {code}: students", 0),
        )

    rooms: dict[str, int] = {}
    for number, words in sections["ROOMS:"]:
        if len(words) != 2:
            continue
        if words[0] in rooms:
            reader.fail(number, f"room {words[0]} appears twice")
        rooms[words[0]] = reader.integer(number, words[1], f"room {words[0]}: capacity", 0)

    curricula: dict[str, list[str]] = {}
    for number, words in sections["CURRICULA:"]:
        if len(words) < 2:
            reader.fail(number, "a CURRICULA line needs an identifier and a number of courses")
            continue
        code, size, members = words[0], words[1], words[2:]
        if code in curricula:
            reader.fail(number, f"curriculum {code} appears twice")
        if reader.integer(number, size, f"curriculum {code}: courses", 0) != len(members):
            reader.fail(number, f"curriculum {code} says {size} courses and lists {len(members)}")
        for member in members:
            if member not in courses:
                reader.fail(number, f"curriculum {code} names course {member}, which is not listed")
        curricula[code] = [m for m in members if m in courses]

    barred: dict[str, set[int]] = {code: set() for code in courses}
    for number, words in sections["UNAVAILABILITY_CONSTRAINTS:"]:
        if len(words) != 3:
            continue
        code, day_text, slot_text = words
        day = reader.integer(number, day_text, "day", 0)
        slot = reader.integer(number, slot_text, "period of the day", 0)
        if code not in courses:
            reader.fail(number, f"the constraint names course {code}, which is not listed")
        elif day >= grid.days or slot >= grid.periods_per_day:
            reader.fail(number, f"day {day} period {slot} is outside the {grid.days}-day grid")
        else:
            barred[code].add(day * grid.periods_per_day + slot)

    member_of: dict[str, list[str]] = {code: [] for code in courses}
    for curriculum, members in curricula.items():
        for member in members:
            member_of[member].append(curriculum_code(curriculum))
    teachers = sorted({teacher for teacher, *_ in courses.values()})
    return TimetableProblem(
        name=name,
        grid=grid,
        rooms=tuple(TimetableRoom(code, capacity) for code, capacity in rooms.items()),
        resources=tuple(Resource(teacher_code(t), ResourceKind.INSTRUCTOR) for t in teachers)
        + tuple(
            Resource(curriculum_code(q), ResourceKind.CURRICULUM, compact=True) for q in curricula
        ),
        events=tuple(
            Event(
                code=code,
                sessions=lectures,
                size=students,
                resources=(teacher_code(teacher), *member_of[code]),
                min_days=min_days,
                allowed_periods=(
                    frozenset(range(grid.periods)) - frozenset(barred[code])
                    if barred[code]
                    else None
                ),
            )
            for code, (teacher, lectures, min_days, students) in courses.items()
        ),
    )


def format_solution(problem: TimetableProblem, timetable: Timetable) -> str:
    """The competition format: one line per lecture, `CourseID RoomID Day Slot`."""
    per_day = problem.grid.periods_per_day
    return "".join(
        f"{s.event} {s.room} {s.period // per_day} {s.period % per_day}\n"
        for s in timetable.sessions
    )


def write_solution(path: pathlib.Path, problem: TimetableProblem, timetable: Timetable) -> None:
    path.write_text(format_solution(problem, timetable), encoding="utf-8")


def read_solution(path: pathlib.Path, problem: TimetableProblem) -> Timetable:
    return parse_solution(_read_text(path), problem, str(path))


def parse_solution(text: str, problem: TimetableProblem, file: str = "<text>") -> Timetable:
    """Lectures of a .sol file; names and days are checked here, the rules by the checker."""
    reader = _Reader(file)
    events = {event.code for event in problem.events}
    rooms = {room.code for room in problem.rooms}
    grid = problem.grid
    sessions: list[Session] = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words:
            continue
        if len(words) != 4:
            reader.fail(number, f"expected 'CourseID RoomID Day Slot', not {line.strip()!r}")
            continue
        course, room, day_text, slot_text = words
        day = reader.integer(number, day_text, "day", 0)
        slot = reader.integer(number, slot_text, "period of the day", 0)
        if course not in events:
            reader.fail(number, f"course {course} is not in the instance {problem.name}")
        if room not in rooms:
            reader.fail(number, f"room {room} is not in the instance {problem.name}")
        if day >= grid.days or slot >= grid.periods_per_day:
            reader.fail(number, f"day {day} period {slot} is outside the {grid.days}-day grid")
        sessions.append(Session(course, room, day * grid.periods_per_day + slot))
    if reader.problems:
        raise InvalidInput(reader.problems)
    return Timetable(tuple(sessions))
