"""Hand-made capacity scenarios whose answers are known in closed form."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cadre.domain.catalogue import (
    Course,
    CourseLevel,
    DeliveryMode,
    Discipline,
    InstructorLevel,
    Qualification,
)
from cadre.domain.contributors import Contributor, ContributorRole, Pledge, Trainer
from cadre.domain.host import Demand
from cadre.domain.scenario import Mission, PlanningParameters, Scenario
from cadre.domain.sites import Room, Site, SiteKind

START = dt.date(2019, 1, 1)
NATIONS = (
    Contributor("IRQ", "Iraq", ContributorRole.HOST),
    Contributor("CAN", "Canada", ContributorRole.ALLY),
    Contributor("SWE", "Sweden", ContributorRole.PARTNER),
)


def course(code: str, discipline: str, qualification: str, **changes: Any) -> Course:
    base = Course(
        code=code,
        title=code,
        discipline=discipline,
        level=CourseLevel.BASIC,
        duration_days=65,  # exactly three months of five-day weeks
        min_class_size=1,
        max_class_size=25,
        instructors_per_run=2,
        instructor_qualification=qualification,
        pass_rate=0.8,
        delivery_modes=frozenset({DeliveryMode.RESIDENT}),
    )
    return dataclasses.replace(base, **changes)


def site(code: str, rooms: int, disciplines: frozenset[str] = frozenset()) -> Site:
    return Site(
        code,
        code,
        SiteKind.SCHOOL,
        "Baghdad",
        rooms=tuple(Room(f"{code}-{i}", 40) for i in range(rooms)),
        disciplines=disciplines,
    )


def scenario(years: int = 4, **changes: Any) -> Scenario:
    base = Scenario(
        mission=Mission("T", "Test", "IRQ", START, dt.date(START.year + years - 1, 12, 31)),
        # The closed forms are of the teaching force: no advisory floor beside it.
        planning=PlanningParameters(
            certification_lag_months=0,
            foreign_teaching_fraction=0.8,
            quality_assurance_per_discipline=0,
        ),
        contributors=NATIONS,
        sites=(site("S", 50),),
        disciplines=(Discipline("OPS", "Operations"),),
        qualifications=(
            Qualification("OPS-Q", "Operator", "OPS", InstructorLevel.TRAINEE),
            Qualification("OPS-INS", "Instructor", "OPS", InstructorLevel.INSTRUCTOR),
        ),
        courses=(course("OPS-1", "OPS", "OPS-INS", grants="OPS-Q"),),
        demands=tuple(Demand("Army", "OPS-1", START.year + y, 1000) for y in range(years)),
    )
    return dataclasses.replace(base, **changes)


def cadre_scenario(attrition: float = 0.02, initial: int = 0) -> Scenario:
    """A train-the-trainer course fed at a fixed rate by one room, and an end-user course whose
    rooms allow exactly one run a month, so every month's runs are forced."""
    ttt = course(
        "TTT",
        "ITC",
        "ITC-MT",
        duration_days=21,
        max_class_size=20,
        pass_rate=0.9,
        level=CourseLevel.INSTRUCTOR,
        grants="OPS-INS",
        instructors_per_run=2,
    )
    ops = course("OPS-1", "OPS", "OPS-INS", max_class_size=20, pass_rate=1.0, instructors_per_run=2)
    host_trainers = tuple(
        Trainer(f"H{i}", f"Host {i}", "IRQ", ("OPS-INS",), START, dt.date(2030, 1, 1))
        for i in range(initial)
    )
    return scenario(
        years=3,
        planning=PlanningParameters(
            attrition_per_month=attrition,
            certification_lag_months=0,
            teaching_fraction=0.5,
            instructor_selection_rate=0.5,
            quality_assurance_per_discipline=0,
        ),
        sites=(site("A", 1, frozenset({"ITC"})), site("B", 3, frozenset({"OPS"}))),
        disciplines=(Discipline("ITC", "Instructor training"), Discipline("OPS", "Operations")),
        qualifications=(
            Qualification("ITC-MT", "Master trainer", "ITC", InstructorLevel.MASTER_TRAINER),
            Qualification("OPS-INS", "Instructor", "OPS", InstructorLevel.INSTRUCTOR),
        ),
        courses=(ttt, ops),
        demands=(
            # Runs started January to October graduate in the first year: ten a year at most.
            Demand("Army", "OPS-1", 2019, 200),
            Demand("Army", "OPS-1", 2020, 240),
            Demand("Army", "OPS-1", 2021, 240),
            *(Demand("Army", "OPS-INS", 2019 + y, 10_000) for y in range(3)),
        ),
        trainers=host_trainers,
    )


def pledge(code: str, nation: str, qualification: str, count: int, **changes: Any) -> Pledge:
    base = Pledge(code, nation, qualification, count, START, dt.date(2030, 1, 1), 6)
    return dataclasses.replace(base, **changes)
