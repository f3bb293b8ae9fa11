"""One scenario record between its domain value and its row (or stored JSON), for the
records whose mapping is more than a copy of fields: sites with rooms and holidays, courses,
caveats, pledges, trainers, cohorts, and the planning figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cadre.domain.catalogue import Course, CourseLevel, DeliveryMode
from cadre.domain.contributors import Caveat, Pledge, Restriction, Trainer
from cadre.domain.host import Cohort
from cadre.domain.record_names import Names
from cadre.domain.scenario import (
    AttritionShock,
    HandoverTarget,
    InitialGraduates,
    MobileTeamWindow,
    PlanningParameters,
    SeatOffer,
    YearBudget,
)
from cadre.domain.sites import Site
from cadre.storage.models import (
    CaveatRow,
    CohortRow,
    ContributorRow,
    CourseRow,
    DisciplineRow,
    HolidayRow,
    PledgeCaveatRow,
    PledgeRow,
    QualificationRow,
    RoomRow,
    SiteRow,
    TrainerQualificationRow,
    TrainerRow,
)


def site_row(mission_id: int, site: Site) -> SiteRow:
    return SiteRow(
        mission_id=mission_id,
        code=site.code,
        name=site.name,
        kind=site.kind.value,
        region=site.region,
        time_zone=site.time_zone,
        working_week=sorted(d.label for d in site.working_week),
        disciplines=sorted(site.disciplines),
        names=site.names.as_dict(),
        rooms=[RoomRow(code=r.code, capacity=r.capacity) for r in site.rooms],
        holidays=[
            HolidayRow(name=h.name, start_date=h.start, end_date=h.end) for h in site.holidays
        ],
    )


def course_row(
    mission_id: int,
    c: Course,
    disciplines: dict[str, DisciplineRow],
    qualifications: dict[str, QualificationRow],
) -> CourseRow:
    return CourseRow(
        mission_id=mission_id,
        code=c.code,
        title=c.title,
        discipline=disciplines[c.discipline],
        level=c.level.value,
        duration_days=c.duration_days,
        min_class_size=c.min_class_size,
        max_class_size=c.max_class_size,
        instructors_per_run=c.instructors_per_run,
        instructor_qualification=qualifications[c.instructor_qualification],
        pass_rate=c.pass_rate,
        delivery_modes=sorted(m.value for m in c.delivery_modes),
        language=c.language,
        clearance=c.clearance,
        grants=qualifications[c.grants] if c.grants else None,
        names=c.names.as_dict(),
    )


def caveat_row(mission_id: int, c: Caveat, contributors: dict[str, ContributorRow]) -> CaveatRow:
    return CaveatRow(
        mission_id=mission_id,
        code=c.code,
        nation=contributors[c.nation],
        allowed_sites=sorted(c.allowed_sites),
        forbidden_sites=sorted(c.forbidden_sites),
        allowed_regions=sorted(c.allowed_regions),
        forbidden_regions=sorted(c.forbidden_regions),
        forbidden_modes=sorted(m.value for m in c.forbidden_modes),
        max_tour_months=c.max_tour_months,
        restrictions=[{"kind": r.kind, "value": r.value} for r in c.restrictions],
        note=c.note,
    )


def course_of(r: CourseRow) -> Course:
    return Course(
        code=r.code,
        title=r.title,
        discipline=r.discipline.code,
        level=CourseLevel(r.level),
        duration_days=r.duration_days,
        min_class_size=r.min_class_size,
        max_class_size=r.max_class_size,
        instructors_per_run=r.instructors_per_run,
        instructor_qualification=r.instructor_qualification.code,
        pass_rate=r.pass_rate,
        prerequisites=tuple(p.required.code for p in r.prerequisites),
        delivery_modes=frozenset(DeliveryMode(m) for m in r.delivery_modes),
        language=r.language,
        clearance=r.clearance,
        grants=r.grants.code if r.grants else None,
        names=Names.of(r.names),
    )


def caveat_of(r: CaveatRow) -> Caveat:
    return Caveat(
        code=r.code,
        nation=r.nation.code,
        allowed_sites=frozenset(r.allowed_sites),
        forbidden_sites=frozenset(r.forbidden_sites),
        allowed_regions=frozenset(r.allowed_regions),
        forbidden_regions=frozenset(r.forbidden_regions),
        forbidden_modes=frozenset(DeliveryMode(m) for m in r.forbidden_modes),
        max_tour_months=r.max_tour_months,
        restrictions=tuple(Restriction(x["kind"], x["value"]) for x in r.restrictions),
        note=r.note,
    )


def planning_of(stored: dict[str, Any]) -> PlanningParameters:
    """Planning figures back from the JSON that `canonical` made of them."""
    nested = {
        "budget_per_year",
        "mobile_team_windows",
        "out_of_country_seats",
        "initial_graduates",
        "handover_by",
        "host_masters_from",
        "attrition_shocks",
    }
    day = dt.date.fromisoformat
    masters = stored.get("host_masters_from")
    return PlanningParameters(
        **{k: v for k, v in stored.items() if k not in nested},
        host_masters_from=day(masters) if masters else None,
        handover_by=tuple(
            HandoverTarget(h["discipline"], day(h["by"])) for h in stored.get("handover_by", [])
        ),
        attrition_shocks=tuple(
            AttritionShock(day(a["month"]), a["share"]) for a in stored.get("attrition_shocks", [])
        ),
        budget_per_year=tuple(YearBudget(**b) for b in stored.get("budget_per_year", [])),
        mobile_team_windows=tuple(
            MobileTeamWindow(day(w["start"]), day(w["end"]), w["site"])
            for w in stored.get("mobile_team_windows", [])
        ),
        out_of_country_seats=tuple(SeatOffer(**o) for o in stored.get("out_of_country_seats", [])),
        initial_graduates=tuple(InitialGraduates(**g) for g in stored.get("initial_graduates", [])),
    )


def pledge_row(
    mission_id: int,
    p: Pledge,
    contributors: dict[str, ContributorRow],
    qualifications: dict[str, QualificationRow],
    caveats: dict[str, CaveatRow],
) -> PledgeRow:
    return PledgeRow(
        mission_id=mission_id,
        code=p.code,
        nation=contributors[p.nation],
        qualification=qualifications.get(p.qualification),
        # a pledge may name a specialty that is not a teaching qualification (an HQ post)
        specialty=None if p.qualification in qualifications else p.qualification,
        count=p.count,
        start_date=p.start,
        end_date=p.end,
        tour_months=p.tour_months,
        caveats=[PledgeCaveatRow(caveat=caveats[c], position=i) for i, c in enumerate(p.caveats)],
    )


def trainer_row(
    mission_id: int,
    t: Trainer,
    contributors: dict[str, ContributorRow],
    pledges: dict[str, PledgeRow],
    qualifications: dict[str, QualificationRow],
) -> TrainerRow:
    return TrainerRow(
        mission_id=mission_id,
        code=t.code,
        name=t.name,
        nation=contributors[t.nation],
        in_theatre_from=t.in_theatre_from,
        in_theatre_to=t.in_theatre_to,
        pledge=pledges[t.pledge] if t.pledge else None,
        names=t.names.as_dict(),
        qualifications=[
            TrainerQualificationRow(qualification=qualifications[q], position=i)
            for i, q in enumerate(t.qualifications)
        ],
    )


def cohort_row(mission_id: int, c: Cohort, sites: dict[str, SiteRow]) -> CohortRow:
    return CohortRow(
        mission_id=mission_id,
        code=c.code,
        unit=c.unit,
        size=c.size,
        name_arabic=c.name.arabic,
        name_latin=c.name.latin,
        search_key=c.name.key,
        site=sites[c.site] if c.site else None,
    )
