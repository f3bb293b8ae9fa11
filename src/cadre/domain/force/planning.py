"""Building a statement of requirements: from a capacity plan's foreign instructor requirement,
and the posts that do not teach (headquarters staff, force protection of mobile teams)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cadre.domain.catalogue import DeliveryMode, Qualification
from cadre.domain.force.whole_force import (
    PROTECTION_BAND,
    PROTECTION_SPECIALTY,
    layers,
    posts,
)
from cadre.domain.months import month_end, month_of
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.domain.sites import Site, SiteKind

INSTRUCTOR_BAND = RankBand.parse("OR-6..OF-4")  # senior NCOs to majors teach most courses


@dataclass(frozen=True)
class StaffPost:
    """A line of the headquarters' staff table."""

    title: str
    specialty: str
    rank_band: RankBand
    count: int = 1
    criticality: Criticality = Criticality.ESSENTIAL


def requirements_from_plan(
    foreign_requirement: Mapping[tuple[str, dt.date], float],
    sites: str | Mapping[str, str] | Sequence[Site],
    protection_ratio: float = 1.0,
    *,
    qualifications: Sequence[Qualification] = (),
    modes: Mapping[str, DeliveryMode] | None = None,
    criticality: Criticality | Mapping[str, Criticality] = Criticality.ESSENTIAL,
    rank_band: RankBand = INSTRUCTOR_BAND,
    titles: Mapping[str, str] | None = None,
    courses: Mapping[str, Sequence[str]] | None = None,
    prefix: str = "SOR-",
    first_number: int = 1,
) -> tuple[RequirementLine, ...]:
    """Teaching lines for the foreign instructors a capacity plan needs, by qualification and
    month (months named by their first day), plus force protection for mobile teams.

    Fractional needs are rounded up month by month, then cut into as few lines as possible,
    each as long as possible: a need of 2, 2, 3, 3, 2 becomes 2 posts for five months and 1
    post for the two months in the middle, so a post lasts as long as the plan needs it.
    `sites` places every qualification at one site (a code), each at its own (qualification →
    site code), or, given the scenario's sites, at the first school teaching its discipline
    (see `school_for`; `qualifications` then tell each qualification's discipline).
    Teaching lines of a qualification taught by mobile teams (`modes`) get a force protection
    line of ⌈count × protection_ratio⌉ posts guarding them.
    """
    need: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for (qualification, month), people in foreign_requirement.items():
        if count := posts(people):
            need[qualification][month_of(month)] = count
    lines: list[RequirementLine] = []
    for qualification in sorted(need):
        site = _place(qualification, sites, qualifications)
        if site is None:
            raise ValueError(f"no site given for the posts of {qualification}")
        level = (
            criticality
            if isinstance(criticality, Criticality)
            else criticality.get(qualification, Criticality.ESSENTIAL)
        )
        for first, last, count in layers(need[qualification]):
            lines.append(
                RequirementLine(
                    number=f"{prefix}{first_number + len(lines):04d}",
                    title=(titles or {}).get(qualification, f"{qualification} instructor"),
                    qualification=qualification,
                    rank_band=rank_band,
                    start=first,
                    end=month_end(last),
                    count=count,
                    criticality=level,
                    site=site,
                    mode=(modes or {}).get(qualification, DeliveryMode.RESIDENT),
                    courses=tuple((courses or {}).get(qualification, ())),
                )
            )
    return (*lines, *protection_posts(lines, protection_ratio))


def _place(
    qualification: str,
    sites: str | Mapping[str, str] | Sequence[Site],
    qualifications: Sequence[Qualification],
) -> str | None:
    if isinstance(sites, str):
        return sites
    if isinstance(sites, Mapping):
        return sites.get(qualification)
    known = {q.code: q for q in qualifications}
    return school_for(known.get(qualification), sites)


def school_for(qualification: Qualification | None, sites: Sequence[Site]) -> str | None:
    """Where posts teaching `qualification` go by default: a site named for its discipline,
    else one teaching any discipline; schools before headquarters, never a site abroad."""
    home = sorted(
        (s for s in sites if s.kind is not SiteKind.ABROAD),
        key=lambda s: s.kind is SiteKind.HEADQUARTERS,
    )
    if qualification is not None:
        for named in (True, False):
            for site in home:
                if site.teaches(qualification.discipline) and bool(site.disciplines) == named:
                    return site.code
    return home[0].code if home else None


def protection_posts(
    lines: Sequence[RequirementLine], ratio: float, band: RankBand = PROTECTION_BAND
) -> tuple[RequirementLine, ...]:
    """A force protection line for each mobile teaching team: ⌈posts × ratio⌉ soldiers, with
    the team, for as long as it; the Belgian team at Taji in 2018 was 4 instructors and 4 guards
    (ratio 1)."""
    if ratio <= 0:
        return ()
    return tuple(
        RequirementLine(
            number=f"{line.number}-FP",
            title=f"Force protection for {line.title}",
            qualification=PROTECTION_SPECIALTY,
            rank_band=band,
            start=line.start,
            end=line.end,
            count=posts(line.count * ratio),
            criticality=line.criticality,
            kind=PostKind.FORCE_PROTECTION,
            site=line.site,
            region=line.region,
            mode=line.mode,
            protects=line.number,
        )
        for line in lines
        if line.kind is PostKind.TEACHING and line.mode is DeliveryMode.MOBILE_TRAINING_TEAM
    )


def headquarters_posts(
    table: Sequence[StaffPost],
    site: str,
    start: dt.date,
    end: dt.date,
    prefix: str = "HQ-",
) -> tuple[RequirementLine, ...]:
    """The headquarters' staff table as requirement lines for the whole period."""
    return tuple(
        RequirementLine(
            number=f"{prefix}{n:03d}",
            title=post.title,
            qualification=post.specialty,
            rank_band=post.rank_band,
            start=start,
            end=end,
            count=post.count,
            criticality=post.criticality,
            kind=PostKind.HEADQUARTERS,
            site=site,
        )
        for n, post in enumerate(table, 1)
    )
