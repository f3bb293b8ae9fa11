"""The shape of a scenario file: pydantic models that check types and generate the JSON Schema.

Shape only: whether a number is positive or a code is known is the domain's rule
(`cadre.domain.rules`), so the API, the web forms and the importers all apply the same rules.
Field names are the domain's own, so a rule's path into the domain is also a path into the file.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cadre.domain.catalogue import CourseLevel, DeliveryMode
from cadre.domain.contributors import ContributorRole
from cadre.domain.sites import SiteKind
from cadre.domain.uncertain_inputs import DistributionKind
from cadre.interchange.fields import (
    Code,
    Count,
    Day,
    Days,
    Months,
    Name,
    Number,
    OtherNames,
    Text,
    Year,
)
from cadre.interchange.requirements_shape import RequirementShape
from cadre.interchange.runs_shape import RunShape

FORMAT_VERSION: Literal[1] = 1

LevelName = Literal["trainee", "assistant_instructor", "instructor", "master_trainer"]
DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MissionShape(Shape):
    code: Code
    name: Name
    host: Code = Field(description="Contributor code of the host nation (role host).")
    start: Day
    end: Day
    time_zone: Name = "Asia/Baghdad"


class MobileTeamWindowShape(Shape):
    start: Day
    end: Day
    site: Code | None = Field(None, description="A site code; none: any site.")


class SeatOfferShape(Shape):
    nation: Code
    course: Code
    year: Year
    seats: Count


class YearBudgetShape(Shape):
    year: Year
    amount: Number


class InitialGraduatesShape(Shape):
    course: Code
    count: Count


class HandoverTargetShape(Shape):
    discipline: Code
    by: Day = Field(description="The month (its first day or any day of it) handover is wanted by.")


class AttritionShockShape(Shape):
    month: Day = Field(description="Any day of the month in which the share leaves.")
    share: Number = Field(description="Share of the host instructors who leave that month.")


class PlanningShape(Shape):
    attrition_per_month: Number = 0.015
    teaching_fraction: Number = 0.6
    certification_lag_months: Months = 2
    mentor_ratio: Count = 4
    relief_overlap_days: Days = 10
    headquarters_core: Count = Field(20, description="HQ posts whatever the mission's size.")
    headquarters_per_trainer: Number = Field(
        0.1, description="More HQ posts per teaching and adviser post."
    )
    advisers_at_headquarters: Count = Field(
        10, description="Advisers to the host's ministries, for the whole mission."
    )
    advisers_per_school: Count = Field(
        2, description="Advisers at each school while the mission teaches there."
    )
    force_protection_per_site: Count = Field(
        30, description="Guards at each site where the mission works (a platoon)."
    )
    force_protection_per_mobile_trainer: Number = Field(
        1.0, description="Guards travelling with a mobile team, per instructor."
    )
    support_per_deployed: Number = Field(
        0.25, description="Support posts (logistics, medical, signals) per other post."
    )
    foreign_teaching_fraction: Number = 0.8
    instructor_selection_rate: Number = 0.4
    horizon_months: Months | None = None
    cost_per_foreign_instructor_month: Number = 0.0
    cost_per_out_of_country_seat: Number = 0.0
    budget_per_year: list[YearBudgetShape] = []
    mobile_team_windows: list[MobileTeamWindowShape] = []
    out_of_country_seats: list[SeatOfferShape] = []
    initial_graduates: list[InitialGraduatesShape] = []
    handover_tolerance: Number = Field(
        0.05, description="Share of a month's teaching foreign-led runs may keep at handover."
    )
    handover_sustained_months: Months = Field(
        6, description="Months in a row host-led runs must cover the demand to call a handover."
    )
    quality_assurance_per_discipline: Count = Field(
        2, description="Foreign advisers and quality assurance kept per discipline until the end."
    )
    mission_ends_at_handover: bool = Field(
        False, description="True: the quality-assurance floor leaves with the handover."
    )
    host_masters_from: Day | None = Field(
        None,
        description="From this day host masters may teach instructor and master courses; "
        "none: foreign staff teach them throughout.",
    )
    handover_by: list[HandoverTargetShape] = []
    vetting_yield: Number = Field(
        0.8, description="Of those selected as instructors, the share passing vetting and language."
    )
    mentoring_experience_months: Months = Field(
        12, description="Months certified before a host instructor may mentor."
    )
    new_instructors_per_school_month: Number = Field(
        8.0, description="New host instructors a school can absorb in a month."
    )
    master_attrition_per_month: Number = Field(
        0.01, description="Host master trainers leaving, a share a month."
    )
    attrition_shocks: list[AttritionShockShape] = []


class DistributionShape(Shape):
    distribution: DistributionKind
    low: Number
    high: Number
    mode: Number | None = Field(None, description="Triangular: the most likely value.")
    alpha: Number | None = Field(None, description="Beta: its first shape, on [low, high].")
    beta: Number | None = Field(None, description="Beta: its second shape.")


class UncertaintyShape(Shape):
    """Distributions of the figures the capacity sweep draws; each left out keeps its default."""

    attrition: DistributionShape | None = Field(None, description="Host attrition a month.")
    pass_rate: DistributionShape | None = Field(
        None, description="A factor on every course's pass rate."
    )
    vetting_yield: DistributionShape | None = Field(
        None, description="Share of selected instructor candidates cleared by vetting."
    )
    pledge_reliability: DistributionShape | None = Field(
        None, description="Share of pledged person-months that arrive."
    )


class ContributorShape(Shape):
    code: Code = Field(description="ISO 3166 alpha-3 for a nation; NATO, EU, UN, ... otherwise.")
    name: Name
    role: ContributorRole
    hypothetical: bool = False


class RoomShape(Shape):
    code: Code
    capacity: Count


class HolidayShape(Shape):
    name: Name
    start: Day
    end: Day


class SiteShape(Shape):
    code: Code
    name: Name
    names: OtherNames = {}
    kind: SiteKind
    region: Name = Field(description="Governorate in the host nation, or country abroad.")
    time_zone: Name = "Asia/Baghdad"
    rooms: list[RoomShape] = []
    working_week: list[DayName] = ["sun", "mon", "tue", "wed", "thu"]
    holidays: list[HolidayShape] = []
    disciplines: list[Code] = Field([], description="Disciplines taught here; empty: any.")


class DisciplineShape(Shape):
    code: Code
    name: Name


class QualificationShape(Shape):
    code: Code
    name: Name
    discipline: Code
    level: LevelName


class CourseShape(Shape):
    code: Code
    title: Name
    names: OtherNames = {}
    discipline: Code
    level: CourseLevel
    duration_days: Days
    min_class_size: Count
    max_class_size: Count
    instructors_per_run: Count
    instructor_qualification: Code
    pass_rate: Number
    prerequisites: list[Code] = []
    delivery_modes: list[DeliveryMode] = [DeliveryMode.RESIDENT]
    language: Name = "ar"
    clearance: Name = "none"
    grants: Code | None = None


class DemandShape(Shape):
    organisation: Name
    target: Code = Field(description="A course code or a qualification code.")
    year: Year
    quarter: Count | None = Field(
        None, description="1 to 4: the demand is for that quarter of the year."
    )
    month: Count | None = Field(None, description="1 to 12: the demand is for that month.")
    trained: Count = Field(0, description="Graduates wanted in the period.")
    intake: Count = Field(
        0,
        description="People released to start training in the period (entrants whose run "
        "starts then), instead of `trained`.",
    )


class RestrictionShape(Shape):
    kind: Code
    value: Text = ""


class CaveatShape(Shape):
    code: Code
    nation: Code
    allowed_sites: list[Code] = []
    forbidden_sites: list[Code] = []
    allowed_regions: list[Code] = []
    forbidden_regions: list[Code] = []
    forbidden_modes: list[DeliveryMode] = []
    max_tour_months: Months | None = None
    restrictions: list[RestrictionShape] = []
    note: Text = ""


class PledgeShape(Shape):
    code: Code
    nation: Code
    qualification: Code
    count: Count
    start: Day
    end: Day
    tour_months: Months
    caveats: list[Code] = []


class TrainerShape(Shape):
    code: Code
    name: Name
    names: OtherNames = {}
    nation: Code
    qualifications: list[Code]
    in_theatre_from: Day
    in_theatre_to: Day
    pledge: Code | None = None


class HostNameShape(Shape):
    arabic: Name
    latin: Name


class CohortShape(Shape):
    code: Code
    unit: Name
    size: Count
    name: HostNameShape
    site: Code | None = None


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
    requirements: list[RequirementShape] = []
    runs: list[RunShape] = []
    uncertainty: UncertaintyShape = UncertaintyShape()


def json_schema() -> dict[str, Any]:
    return ScenarioShape.model_json_schema()
