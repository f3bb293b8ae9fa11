"""Small factories of domain values: a valid baseline that each test changes in one place."""

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
from cadre.domain.contributors import Caveat, Contributor, ContributorRole, Pledge, Trainer
from cadre.domain.host import Cohort, Demand, HostName
from cadre.domain.rules import Registries
from cadre.domain.scenario import Mission, Scenario
from cadre.domain.sites import Room, Site, SiteKind

REGISTRIES = Registries(
    nations=frozenset({"IRQ", "CAN", "SWE", "AUS", "FIN", "GEO", "USA", "GBR", "DNK", "BEL"}),
    time_zones=frozenset({"Asia/Baghdad", "Europe/Berlin", "UTC"}),
)


def make_course(**changes: Any) -> Course:
    base = Course(
        code="CIED-101",
        title="Counter-IED awareness",
        discipline="CIED",
        level=CourseLevel.BASIC,
        duration_days=25,
        min_class_size=12,
        max_class_size=30,
        instructors_per_run=2,
        instructor_qualification="CIED-INS",
        pass_rate=0.85,
        delivery_modes=frozenset({DeliveryMode.RESIDENT}),
        grants="CIED-OP",
    )
    return dataclasses.replace(base, **changes)


def make_pledge(**changes: Any) -> Pledge:
    base = Pledge(
        code="P-CAN-1",
        nation="CAN",
        qualification="CIED-INS",
        count=4,
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        tour_months=6,
    )
    return dataclasses.replace(base, **changes)


def make_scenario(**changes: Any) -> Scenario:
    base = Scenario(
        mission=Mission("TEST", "Test mission", "IRQ", dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
        contributors=(
            Contributor("IRQ", "Iraq", ContributorRole.HOST),
            Contributor("CAN", "Canada", ContributorRole.ALLY),
            Contributor("SWE", "Sweden", ContributorRole.PARTNER),
            Contributor("NATO", "NATO", ContributorRole.ORGANISATION),
        ),
        sites=(Site("TAJI", "Taji", SiteKind.TRAINING_CENTRE, "Baghdad", rooms=(Room("R1", 30),)),),
        disciplines=(Discipline("CIED", "Counter-IED"),),
        qualifications=(
            Qualification("CIED-OP", "Operator", "CIED", InstructorLevel.TRAINEE),
            Qualification("CIED-INS", "Instructor", "CIED", InstructorLevel.INSTRUCTOR),
        ),
        courses=(
            make_course(),
            make_course(
                code="CIED-TTT",
                level=CourseLevel.INSTRUCTOR,
                prerequisites=("CIED-101",),
                grants="CIED-INS",
            ),
        ),
        demands=(Demand("Iraqi Army", "CIED-101", 2019, 300),),
        caveats=(
            Caveat("SWE-1", "SWE", allowed_regions=frozenset({"Baghdad"}), max_tour_months=6),
        ),
        pledges=(make_pledge(), make_pledge(code="P-SWE-1", nation="SWE", caveats=("SWE-1",))),
        trainers=(
            Trainer(
                "T1",
                "A. Tremblay",
                "CAN",
                ("CIED-INS",),
                dt.date(2019, 1, 1),
                dt.date(2019, 6, 30),
                "P-CAN-1",
            ),
        ),
        cohorts=(
            Cohort("C1", "9th Division", 25, HostName("الفرقة التاسعة", "al-Firqa al-Tasi'a")),
        ),
    )
    return dataclasses.replace(base, **changes)
