"""Hypothesis strategies for whole, valid scenarios: every reference resolves, every rule holds."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cadre.domain.catalogue import (
    Course,
    CourseLevel,
    DeliveryMode,
    Discipline,
    InstructorLevel,
    Qualification,
)
from cadre.domain.contributors import (
    Caveat,
    Contributor,
    ContributorRole,
    Pledge,
    Restriction,
    Trainer,
)
from cadre.domain.host import Cohort, Demand, HostName
from cadre.domain.scenario import Mission, PlanningParameters, Scenario
from cadre.domain.sites import Holiday, Room, Site, SiteKind, Weekday

NATIONS = ["CAN", "USA", "GBR", "DNK", "ITA", "SWE", "FIN", "AUS", "GEO", "BEL"]
# Text a person might type, in Latin and Arabic script, with what YAML must quote.
TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ 019-'\":#&*!?[]{},|>%@`é") + list("الفرقةتاسعكتيبه")),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip() == s and s.strip())
CODES = st.from_regex(r"[A-Z][A-Z0-9]{1,5}", fullmatch=True)
START = dt.date(2019, 1, 1)
DAYS = st.integers(0, 700).map(lambda n: START + dt.timedelta(days=n))


def _unique(draw: st.DrawFn, count: int, prefix: str) -> list[str]:
    codes = draw(st.lists(CODES, min_size=count, max_size=count, unique=True))
    return [f"{prefix}{c}" for c in codes]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    nations = draw(st.lists(st.sampled_from(NATIONS), min_size=1, max_size=4, unique=True))
    contributors = (
        Contributor("IRQ", draw(TEXT), ContributorRole.HOST),
        Contributor("NATO", draw(TEXT), ContributorRole.ORGANISATION),
        *(
            Contributor(
                n,
                draw(TEXT),
                draw(st.sampled_from([ContributorRole.ALLY, ContributorRole.PARTNER])),
                draw(st.booleans()),
            )
            for n in nations
        ),
    )
    discipline_codes = _unique(draw, draw(st.integers(1, 2)), "D")
    disciplines = tuple(Discipline(c, draw(TEXT)) for c in discipline_codes)
    site_codes = _unique(draw, draw(st.integers(1, 3)), "S")
    sites = tuple(
        Site(
            code,
            draw(TEXT),
            draw(st.sampled_from(list(SiteKind))),
            "Baghdad",
            rooms=tuple(
                Room(f"{code}-R{i}", draw(st.integers(1, 60)))
                for i in range(draw(st.integers(0, 3)))
            ),
            working_week=frozenset(draw(st.sets(st.sampled_from(list(Weekday)), min_size=1))),
            holidays=tuple(
                Holiday(draw(TEXT), day, day + dt.timedelta(days=draw(st.integers(0, 5))))
                for day in draw(st.lists(DAYS, max_size=2))
            ),
            disciplines=frozenset(draw(st.sets(st.sampled_from(discipline_codes)))),
        )
        for code in site_codes
    )
    qualifications = tuple(
        Qualification(f"{d}-{level.name[:3]}", draw(TEXT), d, level)
        for d in discipline_codes
        for level in draw(st.sets(st.sampled_from(list(InstructorLevel)), min_size=1))
    )
    qual_codes = [q.code for q in qualifications]
    course_codes = _unique(draw, draw(st.integers(1, 4)), "C")
    courses = []
    for i, code in enumerate(course_codes):
        smallest = draw(st.integers(1, 20))
        courses.append(
            Course(
                code=code,
                title=draw(TEXT),
                discipline=draw(st.sampled_from(discipline_codes)),
                level=draw(st.sampled_from(list(CourseLevel))),
                duration_days=draw(st.integers(1, 90)),
                min_class_size=smallest,
                max_class_size=smallest + draw(st.integers(0, 20)),
                instructors_per_run=draw(st.integers(1, 5)),
                instructor_qualification=draw(st.sampled_from(qual_codes)),
                pass_rate=draw(st.sampled_from([0.5, 0.75, 0.8, 0.9, 1.0])),
                prerequisites=tuple(draw(st.sets(st.sampled_from(course_codes[:i]))) if i else ()),
                delivery_modes=frozenset(
                    draw(st.sets(st.sampled_from(list(DeliveryMode)), min_size=1))
                ),
                language=draw(st.sampled_from(["ar", "en", "ku"])),
                clearance=draw(st.sampled_from(["none", "NATO RESTRICTED"])),
                grants=draw(st.none() | st.sampled_from(qual_codes)),
            )
        )
    caveats = tuple(
        Caveat(
            f"{n}-CAV",
            n,
            allowed_sites=frozenset(draw(st.sets(st.sampled_from(site_codes)))),
            forbidden_modes=frozenset(draw(st.sets(st.sampled_from(list(DeliveryMode))))),
            max_tour_months=draw(st.none() | st.integers(6, 12)),
            restrictions=tuple(
                Restriction(draw(CODES), draw(TEXT)) for _ in range(draw(st.integers(0, 2)))
            ),
            note=draw(TEXT),
        )
        for n in draw(st.sets(st.sampled_from(nations)))
    )
    caveat_of = {c.nation: c.code for c in caveats}
    pledges = []
    for i, n in enumerate(draw(st.lists(st.sampled_from(nations), max_size=3))):
        start = draw(DAYS)
        pledges.append(
            Pledge(
                f"P{i}",
                n,
                draw(st.sampled_from(qual_codes)),
                draw(st.integers(1, 10)),
                start,
                start + dt.timedelta(days=draw(st.integers(1, 400))),
                draw(st.sampled_from([4, 6])),
                (caveat_of[n],) if n in caveat_of else (),
            )
        )
    trainers = tuple(
        Trainer(f"T{i}", draw(TEXT), p.nation, (p.qualification,), p.start, p.end, p.code)
        for i, p in enumerate(pledges)
    )
    if draw(st.booleans()):  # a pledge of a specialty that does not teach, with no trainer
        start = draw(DAYS)
        pledges.append(
            Pledge(
                f"P{len(pledges)}",
                draw(st.sampled_from(nations)),
                draw(st.sampled_from(["HQ", "FP", "SUP"])),
                draw(st.integers(1, 30)),
                start,
                start + dt.timedelta(days=draw(st.integers(1, 400))),
                6,
            )
        )
    cohorts = tuple(
        Cohort(
            f"K{i}",
            draw(TEXT),
            draw(st.integers(1, 40)),
            HostName(draw(TEXT), draw(TEXT)),
            draw(st.none() | st.sampled_from(site_codes)),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    demands = tuple(
        draw(demands_on(course_codes + qual_codes)) for _ in range(draw(st.integers(0, 3)))
    )
    return Scenario(
        mission=Mission(draw(CODES), draw(TEXT), "IRQ", START, dt.date(2020, 12, 31)),
        planning=PlanningParameters(attrition_per_month=draw(st.sampled_from([0.0, 0.015]))),
        contributors=contributors,
        sites=sites,
        disciplines=disciplines,
        qualifications=qualifications,
        courses=tuple(courses),
        demands=demands,
        caveats=caveats,
        pledges=tuple(pledges),
        trainers=trainers,
        cohorts=cohorts,
    )


@st.composite
def demands_on(draw: st.DrawFn, targets: list[str]) -> Demand:
    """A demand for a year, a quarter or a month, of graduates or of an intake."""
    period = draw(
        st.one_of(
            st.just({}),
            st.integers(1, 4).map(lambda q: {"quarter": q}),
            st.integers(1, 12).map(lambda m: {"month": m}),
        )
    )
    count = {draw(st.sampled_from(["trained", "intake"])): draw(st.integers(1, 500))}
    return Demand(
        draw(TEXT),
        draw(st.sampled_from(targets)),
        draw(st.integers(2019, 2020)),
        **period,
        **count,
    )
