"""The capacity planning problem: a scenario reduced to months, rates and capacities.

The strategic model works in months. A course of d working days occupies its instructors and
room for d / WORKING_DAYS_PER_MONTH months; its graduates count in the month its last day falls.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.capacity.demand import DemandSpec, demands_of
from cadre.domain.catalogue import DeliveryMode, InstructorLevel, lower_rungs
from cadre.domain.scenario import PlanningParameters, Scenario
from cadre.domain.sites import SiteKind

WORKING_DAYS_PER_MONTH = 5 * 52 / 12  # a five-day week, as every site in the examples keeps


class PlanMode(StrEnum):
    SIZING = "sizing"  # foreign instructors are free: the answer is the requirement
    CHECK = "check"  # foreign instructors come from pledges: the answer is the gap


class RunMode(StrEnum):
    """Who leads a run, and how: the four delivery modes of the strategic model."""

    RESIDENT = "resident"
    MOBILE = "mobile_training_team"
    HOST = "host_led"
    ABROAD = "out_of_country"

    @property
    def foreign_led(self) -> bool:
        return self in (RunMode.RESIDENT, RunMode.MOBILE)


@dataclass(frozen=True)
class CourseSpec:
    code: str
    title: str
    discipline: str
    pass_rate: float
    min_class: int
    max_class: int
    instructors: int
    instructor_qualification: str
    grants: str | None
    prerequisites: tuple[str, ...]
    selection_rate: float  # share of graduates kept as instructors (instructor courses), else 1
    occupancy: tuple[float, ...]  # months of work in each month from the start of a run
    modes: frozenset[RunMode]
    sites: tuple[tuple[str, int], ...]  # (site, seats per run there)
    host_from: int = 0  # first month host instructors may lead a run (instructor courses)

    @property
    def months(self) -> int:
        """Months a run spans; graduates count in the last of them."""
        return len(self.occupancy)


@dataclass(frozen=True)
class SiteSpec:
    code: str
    rooms: int
    availability: tuple[float, ...]  # share of a normal month's working days, per month
    mobile_months: tuple[bool, ...]  # whether a mobile training team may teach there


@dataclass(frozen=True)
class SupplySpec:
    """Pledged foreign instructors, their person-months per month and where they may teach."""

    pledge: str
    nation: str
    qualification: str
    available: tuple[float, ...]
    sites: frozenset[str]
    modes: frozenset[RunMode]
    covers: frozenset[str] = frozenset()  # lower rungs it may teach too (`rung_fills`)

    def fills(self, qualification: str) -> bool:
        return qualification == self.qualification or qualification in self.covers


@dataclass(frozen=True)
class SeatSpec:
    nation: str
    course: str
    year: int
    seats: int


@dataclass(frozen=True)
class CapacityProblem:
    mode: PlanMode
    months: tuple[dt.date, ...]  # first day of each month of the horizon
    courses: tuple[CourseSpec, ...]
    sites: tuple[SiteSpec, ...]
    demands: tuple[DemandSpec, ...]
    supplies: tuple[SupplySpec, ...]
    seats: tuple[SeatSpec, ...]
    initial_cadre: tuple[tuple[str, float], ...]  # certified host instructors at the start
    initial_graduates: tuple[tuple[str, float], ...]
    disciplines: tuple[tuple[str, str], ...]  # (code, name)
    cadre_qualifications: tuple[str, ...]  # qualifications whose host cadre is tracked
    budgets: tuple[tuple[int, float], ...]
    attrition: float
    host_teaching_fraction: float
    foreign_teaching_fraction: float
    certification_lag: int
    mentor_ratio: int
    cost_per_instructor_month: float
    cost_per_seat: float
    # Handover (domain/capacity/handover.py) and what stays after it.
    handover_tolerance: float = 0.05
    handover_sustained: int = 6
    quality_assurance: int = 2  # foreign staff per discipline while the mission lasts
    mission_end: int = 10**6  # month index after the mission's last month
    mission_ends_at_handover: bool = False
    handover_by: tuple[tuple[str, int], ...] = ()  # (discipline, month index)
    # The instructor pipeline.
    attrition_by: tuple[tuple[str, float], ...] = ()  # per qualification, else `attrition`
    shocks: tuple[tuple[int, float], ...] = ()  # (month index, share of the cadre leaving)
    mentoring_experience: int = 0  # certified months before a host instructor mentors
    absorption: tuple[tuple[str, float], ...] = ()  # new instructors a month per qualification
    # What happened (domain/capacity/actuals.py): months before `replan_from` are fixed at the
    # records' figures and only the months from it on are planned.
    replan_from: int = 0
    actual_entrants: tuple[tuple[str, int, float], ...] = ()  # (course, month index, entrants)
    actual_graduates: tuple[tuple[str, int, float], ...] = ()  # (course, month index, graduates)
    actual_cadre: tuple[tuple[str, int, float], ...] = ()  # (qualification, month index, level)

    def survival(self, qualification: str, t: int) -> float:
        """The share of month t−1's host instructors of `qualification` still there in t."""
        rate = dict(self.attrition_by).get(qualification, self.attrition)
        shock = sum(share for month, share in self.shocks if month == t)
        return (1 - rate) * (1 - min(1.0, shock))

    def certified_from_history(self, q: str, t: int) -> bool:
        """Whether some host instructors of `q` certified in month t began their course before
        `replan_from`: the records' past, which no cap on new instructors can now refuse."""
        if self.replan_from <= 0:
            return False
        longest = max((c.months for c in self.courses if c.grants == q), default=0)
        return t - self.certification_lag - longest < self.replan_from

    def course(self, code: str) -> CourseSpec:
        return next(c for c in self.courses if c.code == code)

    def month_index(self, day: dt.date) -> int:
        return (day.year - self.months[0].year) * 12 + day.month - self.months[0].month


def first_of_month(day: dt.date, plus: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + plus
    return dt.date(index // 12, index % 12 + 1, 1)


def occupancy(duration_days: int) -> tuple[float, ...]:
    length = duration_days / WORKING_DAYS_PER_MONTH
    return tuple(min(1.0, length - k) for k in range(max(1, math.ceil(length - 1e-9))))


def build_problem(
    scenario: Scenario, mode: PlanMode, horizon_months: int | None = None
) -> CapacityProblem:
    """The capacity problem of `scenario` over `horizon_months` from the mission's start."""
    p = scenario.planning
    mission = scenario.mission
    length = (
        (mission.end.year - mission.start.year) * 12 + mission.end.month - mission.start.month + 1
    )
    horizon = horizon_months or p.horizon_months or min(length, 120)
    months = tuple(first_of_month(mission.start, k) for k in range(horizon))
    cadre = sorted({c.instructor_qualification for c in scenario.courses})
    host = mission.host
    masters = (
        horizon
        if p.host_masters_from is None
        else max(0, _months_between(mission.start, p.host_masters_from))
    )
    return CapacityProblem(
        mode=mode,
        months=months,
        courses=tuple(_course(scenario, c.code, p, masters) for c in scenario.courses),
        sites=tuple(
            _site(scenario, s.code, months) for s in scenario.sites if s.kind != SiteKind.ABROAD
        ),
        demands=demands_of(scenario),
        supplies=tuple(
            _supply(scenario, pl.code, months)
            for pl in scenario.pledges
            if pl.qualification in {q.code for q in scenario.qualifications}
        )  # pledges of a specialty that does not teach (HQ, FP, ...) supply no teaching
        if mode == PlanMode.CHECK
        else (),
        seats=tuple(SeatSpec(o.nation, o.course, o.year, o.seats) for o in p.out_of_country_seats),
        initial_cadre=tuple(
            (
                q,
                float(
                    sum(
                        1
                        for t in scenario.trainers
                        if t.nation == host
                        and q in t.qualifications
                        and t.in_theatre_from <= months[0] + dt.timedelta(days=31)
                        and t.in_theatre_to >= months[0]
                    )
                ),
            )
            for q in cadre
        ),
        initial_graduates=tuple((g.course, float(g.count)) for g in p.initial_graduates),
        disciplines=tuple((d.code, d.name) for d in scenario.disciplines),
        cadre_qualifications=tuple(cadre),
        budgets=tuple((b.year, b.amount) for b in p.budget_per_year),
        attrition=p.attrition_per_month,
        host_teaching_fraction=p.teaching_fraction,
        foreign_teaching_fraction=p.foreign_teaching_fraction,
        certification_lag=p.certification_lag_months,
        mentor_ratio=p.mentor_ratio,
        cost_per_instructor_month=p.cost_per_foreign_instructor_month,
        cost_per_seat=p.cost_per_out_of_country_seat,
        handover_tolerance=p.handover_tolerance,
        handover_sustained=p.handover_sustained_months,
        quality_assurance=p.quality_assurance_per_discipline,
        mission_end=length,
        mission_ends_at_handover=p.mission_ends_at_handover,
        handover_by=tuple(
            (h.discipline, _months_between(mission.start, h.by)) for h in p.handover_by
        ),
        attrition_by=tuple(
            (q.code, p.master_attrition_per_month)
            for q in scenario.qualifications
            if q.code in cadre and q.level == InstructorLevel.MASTER_TRAINER
        ),
        shocks=tuple(
            (_months_between(mission.start, a.month), a.share) for a in p.attrition_shocks
        ),
        mentoring_experience=p.mentoring_experience_months,
        absorption=_absorption(scenario, cadre),
    )


def _absorption(scenario: Scenario, cadre: list[str]) -> tuple[tuple[str, float], ...]:
    """New instructors of each qualification the schools that teach with it absorb a month."""
    per_school = scenario.planning.new_instructors_per_school_month
    schools = {
        q: {
            s.code
            for c in scenario.courses
            if c.instructor_qualification == q
            for s in scenario.sites
            if s.kind != SiteKind.ABROAD and s.teaches(c.discipline)
        }
        for q in cadre
    }
    return tuple((q, per_school * max(1, len(schools[q]))) for q in cadre)


def _months_between(start: dt.date, day: dt.date) -> int:
    """The index of `day`'s month counted from `start`'s month."""
    return (day.year - start.year) * 12 + day.month - start.month


def _course(scenario: Scenario, code: str, p: PlanningParameters, masters: int) -> CourseSpec:
    c = scenario.course(code)
    sites = tuple(
        (site.code, min(c.max_class_size, max(r.capacity for r in site.rooms)))
        for site in scenario.sites
        if site.kind != SiteKind.ABROAD
        and site.teaches(c.discipline)
        and site.rooms
        and max(r.capacity for r in site.rooms) >= c.min_class_size
    )
    modes = {RunMode.HOST}
    if DeliveryMode.RESIDENT in c.delivery_modes:
        modes.add(RunMode.RESIDENT)
    if DeliveryMode.MOBILE_TRAINING_TEAM in c.delivery_modes:
        modes.add(RunMode.MOBILE)
    if DeliveryMode.OUT_OF_COUNTRY in c.delivery_modes:
        modes.add(RunMode.ABROAD)
    return CourseSpec(
        code=c.code,
        title=c.title,
        discipline=c.discipline,
        pass_rate=c.pass_rate,
        min_class=c.min_class_size,
        max_class=c.max_class_size,
        instructors=c.instructors_per_run,
        instructor_qualification=c.instructor_qualification,
        grants=c.grants,
        prerequisites=c.prerequisites,
        # kept as instructors: selected from the class, then vetted and screened for language
        selection_rate=p.instructor_selection_rate * p.vetting_yield
        if c.trains_instructors
        else 1.0,
        occupancy=occupancy(c.duration_days),
        modes=frozenset(modes),
        sites=sites,
        # Instructor and master courses stay with foreign staff until the scenario's rule
        # lets host masters teach them (`host_masters_from`).
        host_from=masters if c.trains_instructors else 0,
    )


def _site(scenario: Scenario, code: str, months: tuple[dt.date, ...]) -> SiteSpec:
    site = scenario.site(code)
    start = scenario.mission.start
    windows = [w for w in scenario.planning.mobile_team_windows if w.site in (None, site.code)]
    availability = []
    mobile = []
    for month in months:
        last = first_of_month(month, 1) - dt.timedelta(days=1)
        normal = sum(
            1
            for n in range((last - month).days + 1)
            if (month + dt.timedelta(days=n)).weekday() in {d.value for d in site.working_week}
        )
        open_days = len(site.working_days(max(month, start), last))
        availability.append(open_days / normal if normal else 0.0)
        # No window listed at all means mobile teams may come at any time.
        mobile.append(
            not scenario.planning.mobile_team_windows
            or any(w.start <= last and month <= w.end for w in windows)
        )
    return SiteSpec(site.code, len(site.rooms), tuple(availability), tuple(mobile))


def _supply(scenario: Scenario, code: str, months: tuple[dt.date, ...]) -> SupplySpec:
    pledge = next(p for p in scenario.pledges if p.code == code)
    caveats = scenario.caveats_of(pledge)
    available = []
    for month in months:
        last = first_of_month(month, 1) - dt.timedelta(days=1)
        overlap = (min(last, pledge.end) - max(month, pledge.start)).days + 1
        available.append(pledge.count * max(0, overlap) / ((last - month).days + 1))
    sites = frozenset(
        s.code
        for s in scenario.sites
        if s.kind != SiteKind.ABROAD and all(c.allows_site(s.code, s.region) for c in caveats)
    )
    modes = frozenset(
        m
        for m, d in (
            (RunMode.RESIDENT, DeliveryMode.RESIDENT),
            (RunMode.MOBILE, DeliveryMode.MOBILE_TRAINING_TEAM),
        )
        if all(c.allows_mode(d) for c in caveats)
    )
    return SupplySpec(
        pledge.code,
        pledge.nation,
        pledge.qualification,
        tuple(available),
        sites,
        modes,
        lower_rungs(pledge.qualification, scenario.qualifications),
    )
