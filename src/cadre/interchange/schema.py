"""The shape of a scenario file: pydantic models that check types and generate the JSON Schema.

Shape only: whether a number is positive or a code is known is the domain's rule
(`cadre.domain.rules`), so the API, the web forms and the importers all apply the same rules.
Field names are the domain's own, so a rule's path into the domain is also a path into the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cadre.domain.catalogue import CourseLevel, DeliveryMode
from cadre.domain.contributors import ContributorRole
from cadre.domain.sites import SiteKind

FORMAT_VERSION: Literal[1] = 1

LevelName = Literal["trainee", "assistant_instructor", "instructor", "master_trainer"]
DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MissionShape(Shape):
    code: str
    name: str
    host: str = Field(description="Contributor code of the host nation (role host).")
    start: dt.date
    end: dt.date
    time_zone: str = "Asia/Baghdad"


class MobileTeamWindowShape(Shape):
    start: dt.date
    end: dt.date
    site: str | None = Field(None, description="A site code; none: any site.")


class SeatOfferShape(Shape):
    nation: str
    course: str
    year: int
    seats: int


class YearBudgetShape(Shape):
    year: int
    amount: float


class InitialGraduatesShape(Shape):
    course: str
    count: int


class PlanningShape(Shape):
    attrition_per_month: float = 0.015
    teaching_fraction: float = 0.6
    certification_lag_months: int = 2
    mentor_ratio: int = 4
    relief_overlap_days: int = 10
    foreign_teaching_fraction: float = 0.8
    instructor_selection_rate: float = 0.4
    horizon_months: int | None = None
    cost_per_foreign_instructor_month: float = 0.0
    cost_per_out_of_country_seat: float = 0.0
    budget_per_year: list[YearBudgetShape] = []
    mobile_team_windows: list[MobileTeamWindowShape] = []
    out_of_country_seats: list[SeatOfferShape] = []
    initial_graduates: list[InitialGraduatesShape] = []


class ContributorShape(Shape):
    code: str = Field(description="ISO 3166 alpha-3 for a nation; NATO, EU, UN, ... otherwise.")
    name: str
    role: ContributorRole
    hypothetical: bool = False


class RoomShape(Shape):
    code: str
    capacity: int


class HolidayShape(Shape):
    name: str
    start: dt.date
    end: dt.date


class SiteShape(Shape):
    code: str
    name: str
    kind: SiteKind
    region: str = Field(description="Governorate in the host nation, or country abroad.")
    time_zone: str = "Asia/Baghdad"
    rooms: list[RoomShape] = []
    working_week: list[DayName] = ["sun", "mon", "tue", "wed", "thu"]
    holidays: list[HolidayShape] = []
    disciplines: list[str] = Field([], description="Disciplines taught here; empty: any.")


class DisciplineShape(Shape):
    code: str
    name: str


class QualificationShape(Shape):
    code: str
    name: str
    discipline: str
    level: LevelName


class CourseShape(Shape):
    code: str
    title: str
    discipline: str
    level: CourseLevel
    duration_days: int
    min_class_size: int
    max_class_size: int
    instructors_per_run: int
    instructor_qualification: str
    pass_rate: float
    prerequisites: list[str] = []
    delivery_modes: list[DeliveryMode] = [DeliveryMode.RESIDENT]
    language: str = "ar"
    clearance: str = "none"
    grants: str | None = None


class DemandShape(Shape):
    organisation: str
    target: str = Field(description="A course code or a qualification code.")
    year: int
    trained: int


class RestrictionShape(Shape):
    kind: str
    value: str = ""


class CaveatShape(Shape):
    code: str
    nation: str
    allowed_sites: list[str] = []
    forbidden_sites: list[str] = []
    allowed_regions: list[str] = []
    forbidden_regions: list[str] = []
    forbidden_modes: list[DeliveryMode] = []
    max_tour_months: int | None = None
    restrictions: list[RestrictionShape] = []
    note: str = ""


class PledgeShape(Shape):
    code: str
    nation: str
    qualification: str
    count: int
    start: dt.date
    end: dt.date
    tour_months: int
    caveats: list[str] = []


class TrainerShape(Shape):
    code: str
    name: str
    nation: str
    qualifications: list[str]
    in_theatre_from: dt.date
    in_theatre_to: dt.date
    pledge: str | None = None


class HostNameShape(Shape):
    arabic: str
    latin: str


class CohortShape(Shape):
    code: str
    unit: str
    size: int
    name: HostNameShape
    site: str | None = None


class ScenarioShape(Shape):
    """A whole Cadre scenario: one mission and everything its plans are computed from."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Cadre scenario",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    format_version: Literal[1] = FORMAT_VERSION
    mission: MissionShape
    planning: PlanningShape = PlanningShape()
    contributors: list[ContributorShape] = []
    sites: list[SiteShape] = []
    disciplines: list[DisciplineShape] = []
    qualifications: list[QualificationShape] = []
    courses: list[CourseShape] = []
    demands: list[DemandShape] = []
    caveats: list[CaveatShape] = []
    pledges: list[PledgeShape] = []
    trainers: list[TrainerShape] = []
    cohorts: list[CohortShape] = []


def json_schema() -> dict[str, Any]:
    return ScenarioShape.model_json_schema()
