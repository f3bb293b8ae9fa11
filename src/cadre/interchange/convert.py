"""Between the file's shape and the domain's values, in both directions, losing nothing."""

from __future__ import annotations

import json
from typing import Any, cast

from cadre.domain.catalogue import Course, Discipline, InstructorLevel, Qualification
from cadre.domain.contributors import Caveat, Contributor, Pledge, Restriction, Trainer
from cadre.domain.host import Cohort, Demand, HostName
from cadre.domain.record_names import Names
from cadre.domain.scenario import (
    AttritionShock,
    HandoverTarget,
    InitialGraduates,
    Mission,
    MobileTeamWindow,
    PlanningParameters,
    Scenario,
    SeatOffer,
    YearBudget,
)
from cadre.domain.sites import Holiday, Room, Site, Weekday
from cadre.domain.uncertain_inputs import Distribution, UncertainInput, Uncertainty
from cadre.interchange.requirements_shape import lines_to_document, lines_to_domain
from cadre.interchange.runs_shape import runs_to_document, runs_to_domain
from cadre.interchange.schema import (
    FORMAT_VERSION,
    DistributionShape,
    PlanningShape,
    ScenarioShape,
    UncertaintyShape,
)


def to_domain(shape: ScenarioShape) -> Scenario:
    m = shape.mission
    return Scenario(
        mission=Mission(m.code, m.name, m.host, m.start, m.end, m.time_zone),
        planning=_planning(shape.planning),
        contributors=tuple(
            Contributor(c.code, c.name, c.role, c.hypothetical) for c in shape.contributors
        ),
        sites=tuple(
            Site(
                code=s.code,
                name=s.name,
                kind=s.kind,
                region=s.region,
                time_zone=s.time_zone,
                rooms=tuple(Room(r.code, r.capacity) for r in s.rooms),
                working_week=frozenset(Weekday[d.upper()] for d in s.working_week),
                holidays=tuple(Holiday(h.name, h.start, h.end) for h in s.holidays),
                disciplines=frozenset(s.disciplines),
                names=Names.of(s.names),
            )
            for s in shape.sites
        ),
        disciplines=tuple(Discipline(d.code, d.name) for d in shape.disciplines),
        qualifications=tuple(
            Qualification(q.code, q.name, q.discipline, InstructorLevel.from_label(q.level))
            for q in shape.qualifications
        ),
        courses=tuple(
            Course(
                **c.model_dump(exclude={"prerequisites", "delivery_modes", "names"}),
                prerequisites=tuple(c.prerequisites),
                delivery_modes=frozenset(c.delivery_modes),
                names=Names.of(c.names),
            )
            for c in shape.courses
        ),
        demands=tuple(Demand(**d.model_dump()) for d in shape.demands),
        caveats=tuple(
            Caveat(
                code=c.code,
                nation=c.nation,
                allowed_sites=frozenset(c.allowed_sites),
                forbidden_sites=frozenset(c.forbidden_sites),
                allowed_regions=frozenset(c.allowed_regions),
                forbidden_regions=frozenset(c.forbidden_regions),
                forbidden_modes=frozenset(c.forbidden_modes),
                max_tour_months=c.max_tour_months,
                restrictions=tuple(Restriction(r.kind, r.value) for r in c.restrictions),
                note=c.note,
            )
            for c in shape.caveats
        ),
        pledges=tuple(
            Pledge(**p.model_dump(exclude={"caveats"}), caveats=tuple(p.caveats))
            for p in shape.pledges
        ),
        trainers=tuple(
            Trainer(
                **t.model_dump(exclude={"qualifications", "names"}),
                qualifications=tuple(t.qualifications),
                names=Names.of(t.names),
            )
            for t in shape.trainers
        ),
        cohorts=tuple(
            Cohort(c.code, c.unit, c.size, HostName(c.name.arabic, c.name.latin), c.site)
            for c in shape.cohorts
        ),
        requirements=lines_to_domain(shape.requirements),
        runs=runs_to_domain(shape.runs),
        uncertainty=_uncertainty(shape.uncertainty),
    )


def to_document(s: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the file's layout; sets come out sorted, for stable output."""
    m = s.mission
    return {
        "format_version": FORMAT_VERSION,
        "mission": {
            "code": m.code,
            "name": m.name,
            "host": m.host,
            "start": m.start,
            "end": m.end,
            "time_zone": m.time_zone,
        },
        "planning": planning_document(s.planning),
        "contributors": [
            {"code": c.code, "name": c.name, "role": c.role.value, "hypothetical": c.hypothetical}
            for c in s.contributors
        ],
        "sites": [_site(site) for site in s.sites],
        "disciplines": [{"code": d.code, "name": d.name} for d in s.disciplines],
        "qualifications": [
            {"code": q.code, "name": q.name, "discipline": q.discipline, "level": q.level.label}
            for q in s.qualifications
        ],
        "courses": [_course(c) for c in s.courses],
        "demands": [_demand(d) for d in s.demands],
        "caveats": [_caveat(c) for c in s.caveats],
        "pledges": [
            {
                "code": p.code,
                "nation": p.nation,
                "qualification": p.qualification,
                "count": p.count,
                "start": p.start,
                "end": p.end,
                "tour_months": p.tour_months,
                "caveats": list(p.caveats),
            }
            for p in s.pledges
        ],
        "trainers": [
            {
                "code": t.code,
                "name": t.name,
                "names": t.names.as_dict(),
                "nation": t.nation,
                "qualifications": list(t.qualifications),
                "in_theatre_from": t.in_theatre_from,
                "in_theatre_to": t.in_theatre_to,
                "pledge": t.pledge,
            }
            for t in s.trainers
        ],
        "cohorts": [
            {
                "code": c.code,
                "unit": c.unit,
                "size": c.size,
                "name": {"arabic": c.name.arabic, "latin": c.name.latin},
                "site": c.site,
            }
            for c in s.cohorts
        ],
        **lines_to_document(s.requirements),
        **runs_to_document(s.runs),
        **_uncertainty_document(s.uncertainty),
    }


def to_json_document(s: Scenario) -> dict[str, Any]:
    """The scenario document with dates as ISO text, as JSON columns and the API hold it."""
    return cast(dict[str, Any], json.loads(json.dumps(to_document(s), default=str)))


def _site(site: Site) -> dict[str, Any]:
    return {
        "code": site.code,
        "name": site.name,
        "names": site.names.as_dict(),
        "kind": site.kind.value,
        "region": site.region,
        "time_zone": site.time_zone,
        "rooms": [{"code": r.code, "capacity": r.capacity} for r in site.rooms],
        "working_week": [d.label for d in sorted(site.working_week, key=_week_order)],
        "holidays": [{"name": h.name, "start": h.start, "end": h.end} for h in site.holidays],
        "disciplines": sorted(site.disciplines),
    }


def _week_order(day: Weekday) -> int:
    return (day.value + 1) % 7  # Sunday first, as the week is written in Iraq


def _course(c: Course) -> dict[str, Any]:
    return {
        "code": c.code,
        "title": c.title,
        "names": c.names.as_dict(),
        "discipline": c.discipline,
        "level": c.level.value,
        "duration_days": c.duration_days,
        "min_class_size": c.min_class_size,
        "max_class_size": c.max_class_size,
        "instructors_per_run": c.instructors_per_run,
        "instructor_qualification": c.instructor_qualification,
        "pass_rate": c.pass_rate,
        "prerequisites": list(c.prerequisites),
        "delivery_modes": sorted(m.value for m in c.delivery_modes),
        "language": c.language,
        "clearance": c.clearance,
        "grants": c.grants,
    }


def _caveat(c: Caveat) -> dict[str, Any]:
    return {
        "code": c.code,
        "nation": c.nation,
        "allowed_sites": sorted(c.allowed_sites),
        "forbidden_sites": sorted(c.forbidden_sites),
        "allowed_regions": sorted(c.allowed_regions),
        "forbidden_regions": sorted(c.forbidden_regions),
        "forbidden_modes": sorted(m.value for m in c.forbidden_modes),
        "max_tour_months": c.max_tour_months,
        "restrictions": [{"kind": r.kind, "value": r.value} for r in c.restrictions],
        "note": c.note,
    }


def _planning(shape: PlanningShape) -> PlanningParameters:
    return PlanningParameters(
        **shape.model_dump(
            exclude={
                "budget_per_year",
                "mobile_team_windows",
                "out_of_country_seats",
                "initial_graduates",
                "handover_by",
                "attrition_shocks",
            }
        ),
        attrition_shocks=tuple(AttritionShock(a.month, a.share) for a in shape.attrition_shocks),
        handover_by=tuple(HandoverTarget(h.discipline, h.by) for h in shape.handover_by),
        budget_per_year=tuple(YearBudget(b.year, b.amount) for b in shape.budget_per_year),
        mobile_team_windows=tuple(
            MobileTeamWindow(w.start, w.end, w.site) for w in shape.mobile_team_windows
        ),
        out_of_country_seats=tuple(
            SeatOffer(o.nation, o.course, o.year, o.seats) for o in shape.out_of_country_seats
        ),
        initial_graduates=tuple(
            InitialGraduates(g.course, g.count) for g in shape.initial_graduates
        ),
    )


def planning_document(p: PlanningParameters) -> dict[str, Any]:
    """The planning figures as plain data; also what a plan version records of its inputs."""
    return {
        **{k: v for k, v in vars(p).items() if not isinstance(v, tuple)},
        "budget_per_year": [{"year": b.year, "amount": b.amount} for b in p.budget_per_year],
        "mobile_team_windows": [
            {"start": w.start, "end": w.end, "site": w.site} for w in p.mobile_team_windows
        ],
        "out_of_country_seats": [
            {"nation": o.nation, "course": o.course, "year": o.year, "seats": o.seats}
            for o in p.out_of_country_seats
        ],
        "initial_graduates": [{"course": g.course, "count": g.count} for g in p.initial_graduates],
        "handover_by": [{"discipline": h.discipline, "by": h.by} for h in p.handover_by],
        "attrition_shocks": [{"month": a.month, "share": a.share} for a in p.attrition_shocks],
    }


def planning_from_document(document: dict[str, Any]) -> PlanningParameters:
    return _planning(PlanningShape.model_validate(document))


def _distribution(shape: DistributionShape | None) -> Distribution | None:
    if shape is None:
        return None
    return Distribution(
        shape.distribution, shape.low, shape.high, shape.mode, shape.alpha, shape.beta
    )


def _uncertainty(shape: UncertaintyShape) -> Uncertainty:
    return Uncertainty(**{n.value: _distribution(getattr(shape, n.value)) for n in UncertainInput})


def _uncertainty_document(u: Uncertainty) -> dict[str, Any]:
    """The section as the file writes it; left out when the scenario states none."""
    stated = {
        n.value: {
            "distribution": d.kind.value,
            "low": d.low,
            "high": d.high,
            **{
                k: v
                for k, v in (("mode", d.mode), ("alpha", d.alpha), ("beta", d.beta))
                if v is not None
            },
        }
        for n in UncertainInput
        if (d := getattr(u, n.value)) is not None
    }
    return {"uncertainty": stated} if stated else {}


def _demand(d: Demand) -> dict[str, object]:
    """A demand as written: its period and count only where they are set."""
    found: dict[str, object] = {"organisation": d.organisation, "target": d.target, "year": d.year}
    if d.quarter is not None:
        found["quarter"] = d.quarter
    if d.month is not None:
        found["month"] = d.month
    if d.intake:
        found["intake"] = d.intake
    if d.trained or not d.intake:
        found["trained"] = d.trained
    return found
