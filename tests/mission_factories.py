"""Small mission timetabling problems: a valid baseline each test changes in one place.

Two sites near Baghdad keep the Iraqi week (Sunday to Thursday); Eid al-Fitr closes them from
Tuesday 4 to Saturday 8 June 2019. Canada and Germany send counter-IED instructors (Germany
only to Taji); Iraq has a certified instructor and one under certification.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cadre.domain.catalogue import Course, CourseLevel, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat, Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.host import Cohort, HostName
from cadre.domain.sites import Holiday, Room, Site, SiteKind
from cadre.domain.timetable.check import check_timetable
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable
from cadre.domain.timetable.result import MissionResult
from cadre.solvers.timetable.solve import solve_timetable

D = dt.date
EID = Holiday("Eid al-Fitr", D(2019, 6, 4), D(2019, 6, 8))
TAJI = Site(
    "TAJI",
    "Taji Military Complex",
    SiteKind.TRAINING_CENTRE,
    "Baghdad",
    rooms=(Room("TAJI-CR1", 30), Room("TAJI-CR2", 20)),
    holidays=(EID,),
)
BESMAYA = Site(
    "BESMAYA", "Besmaya Range Complex", SiteKind.TRAINING_CENTRE, "Baghdad",
    rooms=(Room("BES-CR1", 30),), holidays=(EID,),
)  # fmt: skip
ASSISTANT = InstructorLevel.ASSISTANT_INSTRUCTOR
QUALIFICATIONS = (
    Qualification("CIED-AI", "C-IED assistant instructor", "CIED", ASSISTANT),
    Qualification("CIED-INS", "C-IED instructor", "CIED", InstructorLevel.INSTRUCTOR),
    Qualification("CIED-MT", "C-IED master trainer", "CIED", InstructorLevel.MASTER_TRAINER),
    Qualification("MED-INS", "Medicine instructor", "MED", InstructorLevel.INSTRUCTOR),
)  # fmt: skip


def make_course(**changes: Any) -> Course:
    base = Course(
        code="CIED-101",
        title="Counter-IED search and awareness",
        discipline="CIED",
        level=CourseLevel.BASIC,
        duration_days=5,
        min_class_size=8,
        max_class_size=30,
        instructors_per_run=1,
        instructor_qualification="CIED-INS",
        pass_rate=0.85,
    )
    return dataclasses.replace(base, **changes)


COURSES = (
    make_course(),
    make_course(code="CIED-201", title="Search team leader", prerequisites=("CIED-101",)),
    make_course(code="CIED-TTT", title="C-IED instructor course", level=CourseLevel.INSTRUCTOR,
                duration_days=10, instructors_per_run=2, prerequisites=("CIED-101",)),
)  # fmt: skip
MAY, JULY = D(2019, 5, 5), D(2019, 7, 31)


def make_trainer(code: str, nation: str, *qualifications: str, **changes: Any) -> Trainer:
    base = Trainer(code, f"Instructor {code}", nation, qualifications, MAY, JULY, None)
    return dataclasses.replace(base, **changes)


TRAINERS = (
    make_trainer("T-CAN", "CAN", "CIED-INS", pledge="P-CAN-CIED"),
    make_trainer("T-DEU", "DEU", "CIED-INS", pledge="P-DEU-CIED"),
)
DEU_TAJI_ONLY = Caveat("DEU-1", "DEU", allowed_sites=frozenset({"TAJI"}))
COHORTS = (
    Cohort("C1", "9th Division engineers", 25, HostName("مهندسو الفرقة التاسعة", "Muhandisu")),
    Cohort("C2", "6th Division engineers", 18, HostName("مهندسو الفرقة السادسة", "Muhandisu")),
)


def make_run(code: str = "R1", **changes: Any) -> CourseRun:
    base = CourseRun(code, "CIED-101", "TAJI", MAY, JULY)
    return dataclasses.replace(base, **changes)


def make_problem(**changes: Any) -> MissionProblem:
    base = MissionProblem(
        mission="TEST",
        host="IRQ",
        start=MAY,
        end=JULY,
        sites=(TAJI, BESMAYA),
        courses=COURSES,
        qualifications=QUALIFICATIONS,
        trainers=TRAINERS,
        caveats={"T-DEU": (DEU_TAJI_ONLY,)},
        cohorts=COHORTS,
        runs=(make_run(),),
    )
    return dataclasses.replace(base, **changes)


def solved(
    problem: MissionProblem, previous: MissionTimetable | None = None, seconds: float = 3.0
) -> MissionResult:
    """The solver's answer after the independent checker found no conflict in it and its
    objective matched the cost counted plainly."""
    result = solve_timetable(problem, seconds=seconds, seed=1, workers=1, previous=previous)
    assert check_timetable(problem, result.solution) == []
    assert result.objective == result.cost.total(problem)
    return result
