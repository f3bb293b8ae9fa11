"""A whole scenario: the mission and everything a plan is computed from, as one frozen value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from cadre.domain.catalogue import Course, Discipline, Qualification
from cadre.domain.contributors import Caveat, Contributor, Pledge, Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.errors import NotFound
from cadre.domain.host import Cohort, Demand
from cadre.domain.requirements import RequirementLine
from cadre.domain.sites import Site
from cadre.domain.uncertain_inputs import Uncertainty


@dataclass(frozen=True)
class Mission:
    code: str
    name: str
    host: str  # the host nation's contributor code
    start: dt.date
    end: dt.date
    time_zone: str = "Asia/Baghdad"


@dataclass(frozen=True)
class MobileTeamWindow:
    """A period when mobile training teams may teach, at one site or (site None) anywhere."""

    start: dt.date
    end: dt.date
    site: str | None = None


@dataclass(frozen=True)
class SeatOffer:
    """Seats a nation offers on a course at its own schools, for host personnel, in a year."""

    nation: str
    course: str
    year: int
    seats: int


@dataclass(frozen=True)
class YearBudget:
    year: int
    amount: float


@dataclass(frozen=True)
class InitialGraduates:
    """Host personnel who already hold a course's outcome when the mission starts."""

    course: str
    count: int


@dataclass(frozen=True)
class HandoverTarget:
    """The month by which the scenario wants a discipline handed over to host instructors."""

    discipline: str
    by: dt.date


@dataclass(frozen=True)
class AttritionShock:
    """A month in which a share of the host instructors leaves at once (a unit redeployed, a
    purge, a pay dispute)."""

    month: dt.date
    share: float


@dataclass(frozen=True)
class PlanningParameters:
    """Planning figures a scenario may override; defaults from the reference planning figures."""

    attrition_per_month: float = 0.015
    teaching_fraction: float = 0.6  # share of a host instructor's time spent teaching
    certification_lag_months: int = 2  # supervised teaching before a host instructor is certified
    mentor_ratio: int = 4  # newly certified host instructors one foreign instructor can mentor
    relief_overlap_days: int = 10
    # The posts that do not teach, as ratios to the teaching force (docs/sources.md): with them
    # the statement of requirements and the headline are the whole deployed force.
    headquarters_core: int = 20  # command group and core staff, whatever the mission's size
    headquarters_per_trainer: float = 0.1  # more staff per trainer and adviser
    advisers_at_headquarters: int = 10  # to the host's ministries, for the whole mission
    advisers_per_school: int = 2  # to each school the mission teaches at, while it does
    force_protection_per_site: int = 30  # a platoon at each site where the mission works
    force_protection_per_mobile_trainer: float = 1.0  # guards travelling with a mobile team
    support_per_deployed: float = 0.25  # logistics, medical, signals per other deployed post
    foreign_teaching_fraction: float = 0.8  # the rest goes to preparation, leave and travel
    instructor_selection_rate: float = 0.4  # of an instructor course's class, kept as instructors
    horizon_months: int | None = None  # default: the mission's length, at most 120
    cost_per_foreign_instructor_month: float = 0.0
    cost_per_out_of_country_seat: float = 0.0
    budget_per_year: tuple[YearBudget, ...] = ()
    mobile_team_windows: tuple[MobileTeamWindow, ...] = ()
    out_of_country_seats: tuple[SeatOffer, ...] = ()
    initial_graduates: tuple[InitialGraduates, ...] = ()
    # Handover (docs/capacity.md, "Handover"; defaults in docs/sources.md):
    handover_tolerance: float = 0.05  # share of a month's teaching foreign-led runs may keep
    handover_sustained_months: int = 6  # months host-led runs must cover the demand in a row
    # foreign advisers and quality assurance each discipline keeps until the mission ends
    quality_assurance_per_discipline: int = 2
    mission_ends_at_handover: bool = False  # true: the floor goes with each discipline's handover
    # instructor and master courses are taught by foreign staff before this day (None: always)
    host_masters_from: dt.date | None = None
    handover_by: tuple[HandoverTarget, ...] = ()
    # The instructor pipeline (docs/capacity.md, "The instructor pipeline"; docs/sources.md):
    vetting_yield: float = 0.8  # of those selected, the share who pass vetting and language
    mentoring_experience_months: int = 12  # certified months before a host instructor mentors
    new_instructors_per_school_month: float = 8.0  # a school absorbs at most so many a month
    master_attrition_per_month: float = 0.01  # host master trainers leave less often
    attrition_shocks: tuple[AttritionShock, ...] = ()


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


C = TypeVar("C", bound=_Coded)


def _find(items: Iterable[C], code: str, kind: str) -> C:
    for item in items:
        if item.code == code:
            return item
    raise NotFound(f"{kind} {code} is not in the scenario")


@dataclass(frozen=True)
class Scenario:
    mission: Mission
    planning: PlanningParameters = field(default_factory=PlanningParameters)
    contributors: tuple[Contributor, ...] = ()
    sites: tuple[Site, ...] = ()
    disciplines: tuple[Discipline, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    courses: tuple[Course, ...] = ()
    demands: tuple[Demand, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    pledges: tuple[Pledge, ...] = ()
    trainers: tuple[Trainer, ...] = ()
    cohorts: tuple[Cohort, ...] = ()
    requirements: tuple[RequirementLine, ...] = ()  # the statement of requirements, if written
    runs: tuple[CourseRun, ...] = ()  # runs to timetable, if listed (else from a capacity plan)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)  # for the capacity sweep

    def course(self, code: str) -> Course:
        return _find(self.courses, code, "course")

    def site(self, code: str) -> Site:
        return _find(self.sites, code, "site")

    def contributor(self, code: str) -> Contributor:
        return _find(self.contributors, code, "contributor")

    def qualification(self, code: str) -> Qualification:
        return _find(self.qualifications, code, "qualification")

    def caveats_of(self, pledge: Pledge) -> tuple[Caveat, ...]:
        return tuple(c for c in self.caveats if c.code in pledge.caveats)

    def caveats_for_trainer(self, trainer: Trainer) -> tuple[Caveat, ...]:
        """A trainer serves under their pledge's caveats, or all of their nation's without one."""
        if trainer.pledge is not None:
            for pledge in self.pledges:
                if pledge.code == trainer.pledge:
                    return self.caveats_of(pledge)
        return tuple(c for c in self.caveats if c.nation == trainer.nation)
