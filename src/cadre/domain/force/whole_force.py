"""The whole deployed force: the posts that do not teach, derived month by month from the
teaching posts and the scenario's ratios, so that the statement of requirements and the
headline count everyone the nations must send, not only the instructors.

For each month t, with T trainers (teaching posts) and the schools S where they teach:
  advisers        A = advisers at headquarters + advisers per school × |S|
  headquarters    H = core + ⌈per trainer × (T + A)⌉
  protection      F = per site × |S ∪ {headquarters site}| + ⌈per mobile trainer × mobile T⌉
  support         U = ⌈per deployed × (T + A + H + F)⌉
and the whole force is T + A + H + F + U. A kind the scenario writes lines for itself is
taken as written (and counted in the ratios that follow it) instead of derived.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.months import add_months, month_end, months_between
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.domain.scenario import PlanningParameters

TOLERANCE = 1e-6  # 2.0000001 posts are two, not three
HEADQUARTERS_SPECIALTY = "HQ"
ADVISER_SPECIALTY = "ADV"
PROTECTION_SPECIALTY = "FP"
SUPPORT_SPECIALTY = "SUP"
# What the posts that do not teach ask for: a pledge or an offer may name any of them.
SPECIALTIES = (
    HEADQUARTERS_SPECIALTY,
    ADVISER_SPECIALTY,
    PROTECTION_SPECIALTY,
    SUPPORT_SPECIALTY,
)
HEADQUARTERS_BAND = RankBand.parse("OR-6..OF-5")
ADVISER_BAND = RankBand.parse("OF-3..OF-6")
PROTECTION_BAND = RankBand.parse("OR-2..OR-8")
SUPPORT_BAND = RankBand.parse("OR-2..OF-3")


def posts(need: float) -> int:
    """Whole posts for a fractional need: rounded up, but not for a rounding error."""
    return math.ceil(need - TOLERANCE) if need > TOLERANCE else 0


@dataclass(frozen=True)
class MissionFrame:
    """Where and when the derived posts serve: the months planned, the mission's own dates
    (the first and last months are cut to them) and the headquarters' site."""

    months: tuple[dt.date, ...]
    start: dt.date
    end: dt.date
    headquarters: str


def posts_by_month(
    lines: Iterable[RequirementLine], months: Sequence[dt.date]
) -> dict[PostKind, tuple[int, ...]]:
    """Posts required in each month, by kind: every kind, zero where it has none."""
    kept = tuple(lines)
    return {
        kind: tuple(
            sum(line.count for line in kept if line.kind is kind and line.needs(m)) for m in months
        )
        for kind in PostKind
    }


def whole_force_lines(
    teaching: Sequence[RequirementLine],
    ratios: PlanningParameters,
    frame: MissionFrame,
    *,
    written: Sequence[RequirementLine] = (),
    prefix: str = "SOR-",
) -> tuple[RequirementLine, ...]:
    """The headquarters, adviser, force protection and support lines of the whole force that
    serves beside `teaching` (teaching lines; force protection lines that guard a mobile team
    among them are kept as given). `written` are the scenario's own non-teaching lines: a
    kind among them is not derived again, and they count in the ratios that follow."""
    months = frame.months
    if not months:
        return ()
    taught = [line for line in teaching if line.kind is PostKind.TEACHING]
    escorts = [line for line in teaching if line.kind is PostKind.FORCE_PROTECTION]
    trainers = [_count(taught, m) for m in months]
    schools = [_schools(taught, m, frame.headquarters) for m in months]
    own = {line.kind for line in written}
    by_kind = posts_by_month(written, months)
    derived: list[RequirementLine] = []

    def add(kind: PostKind, site: str, series: Sequence[int], level: Criticality) -> None:
        before = sum(1 for line in derived if line.kind is kind)
        derived.extend(_lines(kind, site, series, level, frame, prefix, before))

    advisers = list(by_kind[PostKind.ADVISER])
    if PostKind.ADVISER not in own:
        add(
            PostKind.ADVISER,
            frame.headquarters,
            [ratios.advisers_at_headquarters] * len(months),
            Criticality.ESSENTIAL,
        )
        for site in sorted(set().union(*schools)):
            series = [ratios.advisers_per_school if site in s else 0 for s in schools]
            add(PostKind.ADVISER, site, series, Criticality.ESSENTIAL)
        advisers = [
            ratios.advisers_at_headquarters + ratios.advisers_per_school * len(s) for s in schools
        ]
    staff = list(by_kind[PostKind.HEADQUARTERS])
    if PostKind.HEADQUARTERS not in own:
        staff = [
            ratios.headquarters_core + posts(ratios.headquarters_per_trainer * (t + a))
            for t, a in zip(trainers, advisers, strict=True)
        ]
        add(PostKind.HEADQUARTERS, frame.headquarters, staff, Criticality.ESSENTIAL)
    guards = [
        by_kind[PostKind.FORCE_PROTECTION][i] + _count(escorts, m) for i, m in enumerate(months)
    ]
    if not any(
        line.kind is PostKind.FORCE_PROTECTION and line.protects is None for line in written
    ):
        levels = _site_criticality(taught)
        for site in [frame.headquarters, *sorted(set().union(*schools) - {frame.headquarters})]:
            at = [site == frame.headquarters or site in s for s in schools]
            series = [ratios.force_protection_per_site if here else 0 for here in at]
            add(PostKind.FORCE_PROTECTION, site, series, levels.get(site, Criticality.ESSENTIAL))
            guards = [g + n for g, n in zip(guards, series, strict=True)]
    if PostKind.SUPPORT not in own:
        support = [
            posts(ratios.support_per_deployed * (t + a + h + g))
            for t, a, h, g in zip(trainers, advisers, staff, guards, strict=True)
        ]
        add(PostKind.SUPPORT, frame.headquarters, support, Criticality.ESSENTIAL)
    return tuple(derived)


def _count(lines: Iterable[RequirementLine], month: dt.date) -> int:
    return sum(line.count for line in lines if line.needs(month))


def _schools(lines: Iterable[RequirementLine], month: dt.date, headquarters: str) -> set[str]:
    """Sites where resident teaching posts serve in `month`; mobile teams bring their own
    guards and visit, so they make no school of a site."""
    return {
        line.site
        for line in lines
        if line.site is not None
        and line.site != headquarters
        and line.mode is not DeliveryMode.MOBILE_TRAINING_TEAM
        and line.needs(month)
    }


def _site_criticality(lines: Iterable[RequirementLine]) -> dict[str, Criticality]:
    """A site's guards matter as much as the most critical post they protect."""
    levels: dict[str, Criticality] = {}
    for line in lines:
        if line.site is not None:
            held = levels.get(line.site)
            if held is None or line.criticality.priority < held.priority:
                levels[line.site] = line.criticality
    return levels


_KINDS = {
    PostKind.HEADQUARTERS: ("HQ", HEADQUARTERS_SPECIALTY, HEADQUARTERS_BAND, "Headquarters staff"),
    PostKind.ADVISER: ("ADV", ADVISER_SPECIALTY, ADVISER_BAND, "Adviser"),
    PostKind.FORCE_PROTECTION: ("FP", PROTECTION_SPECIALTY, PROTECTION_BAND, "Force protection"),
    PostKind.SUPPORT: ("SUP", SUPPORT_SPECIALTY, SUPPORT_BAND, "Support"),
}


def _lines(
    kind: PostKind,
    site: str,
    series: Sequence[int],
    level: Criticality,
    frame: MissionFrame,
    prefix: str,
    before: int,
) -> list[RequirementLine]:
    code, specialty, band, title = _KINDS[kind]
    need = {
        m: n
        for m, n in zip(frame.months, series, strict=True)
        if n > 0 and m <= frame.end and month_end(m) >= frame.start  # within the mission
    }
    if not need:
        return []
    return [
        RequirementLine(
            number=f"{prefix}{code}-{before + i:03d}",
            title=f"{title}, {site}",
            qualification=specialty,
            rank_band=band,
            start=max(first, frame.start),
            end=min(month_end(last), frame.end),
            count=count,
            criticality=level,
            kind=kind,
            site=site,
        )
        for i, (first, last, count) in enumerate(layers(need), 1)
    ]


def layers(series: Mapping[dt.date, int]) -> list[tuple[dt.date, dt.date, int]]:
    """A monthly need cut into horizontal layers: for each height, the runs of months reaching
    it; layers with the same run merge into one line of several posts. The layers' counts add
    up to the need in every month."""
    first = min(series)
    values = [
        series.get(add_months(first, i), 0) for i in range(months_between(first, max(series)) + 1)
    ]
    runs: dict[tuple[int, int], int] = defaultdict(int)
    for height in range(1, max(values) + 1):
        start = None
        for i, value in enumerate([*values, 0]):
            if value >= height and start is None:
                start = i
            elif value < height and start is not None:
                runs[start, i - 1] += 1
                start = None
    return [
        (add_months(first, a), add_months(first, b), count)
        for (a, b), count in sorted(runs.items(), key=lambda item: (item[0][0], -item[0][1]))
    ]
