"""An independent check of a matching: shares no code with the matcher or its eligibility
rules, re-deriving each rule from the plain fields, so a bug in one is caught by the other."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cadre.domain.contributors import Caveat
from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import Allocation, ForceProblem
from cadre.domain.requirements import RequirementLine


@dataclass(frozen=True)
class ForceViolation:
    rule: str
    message: str


def check_force_plan(
    problem: ForceProblem, allocations: Sequence[Allocation]
) -> list[ForceViolation]:
    """Every rule a force plan's allocations break; empty when the matching is sound."""
    found: list[ForceViolation] = []
    offer_load: Counter[tuple[str, dt.date]] = Counter()
    line_load: Counter[tuple[str, dt.date]] = Counter()
    lines = {line.number: line for line in problem.lines}
    offers = {offer.code: offer for offer in problem.offers}
    for a in allocations:
        line, offer = lines.get(a.line), offers.get(a.offer)
        if line is None or offer is None:
            found.append(ForceViolation("known", f"{a}: unknown line or offer"))
            continue
        if a.people < 1 or a.first_month.day != 1 or a.last_month < a.first_month:
            found.append(ForceViolation("shape", f"{a}: not a span of people over months"))
            continue
        found.extend(_static(problem, a, line, offer))
        for month in _months(a.first_month, a.last_month):
            offer_load[a.offer, month] += a.people
            line_load[a.line, month] += a.people
            if not _covers(offer, line, month):
                found.append(
                    ForceViolation(
                        "window",
                        f"{a}: offer {offer.code} does not cover line {line.number} "
                        f"in {month:%Y-%m}",
                    )
                )
    for (code, month), load in sorted(offer_load.items()):
        if load > offers[code].count:
            found.append(
                ForceViolation(
                    "offer capacity",
                    f"offer {code} places {load} people in {month:%Y-%m}, "
                    f"but offers {offers[code].count}",
                )
            )
    for (number, month), load in sorted(line_load.items()):
        if load > lines[number].count:
            found.append(
                ForceViolation(
                    "line capacity",
                    f"line {number} gets {load} people in {month:%Y-%m}, "
                    f"but has {lines[number].count} posts",
                )
            )
    return found


def filled_post_months(problem: ForceProblem, assignment: Sequence[Allocation]) -> Counter[str]:
    """Post-months filled per criticality, counted from the allocations alone."""
    criticality = {line.number: line.criticality.value for line in problem.lines}
    filled: Counter[str] = Counter()
    for a in assignment:
        months = (a.last_month.year - a.first_month.year) * 12 + a.last_month.month
        filled[criticality[a.line]] += a.people * (months - a.first_month.month + 1)
    return filled


def _static(
    problem: ForceProblem, a: Allocation, line: RequirementLine, offer: Offer
) -> Iterator[ForceViolation]:
    if offer.line is not None and offer.line != line.number:
        yield ForceViolation("target", f"{a}: offer {offer.code} is for line {offer.line}")
    if offer.line is None and not _qualified(problem, offer.qualification, line.qualification):
        yield ForceViolation(
            "qualification", f"{a}: {offer.qualification} cannot fill {line.qualification}"
        )
    band = offer.rank_band
    if band is not None and not (
        line.rank_band.low.ordinal <= band.low.ordinal
        and band.high.ordinal <= line.rank_band.high.ordinal
    ):
        yield ForceViolation("rank", f"{a}: rank {band} outside {line.rank_band}")
    caveats = {c.code: c for c in problem.caveats}
    for code in offer.caveats:
        caveat = caveats.get(code)
        if caveat is None or not _caveat_permits(problem, caveat, offer, line):
            yield ForceViolation("caveat", f"{a}: caveat {code} forbids line {line.number}")


def _qualified(problem: ForceProblem, offered: str | None, needed: str) -> bool:
    if offered == needed:
        return True
    levels = {q.code: (q.discipline, q.level.value) for q in problem.qualifications}
    have = levels.get(offered or "")
    want = levels.get(needed)
    return have is not None and want is not None and have[0] == want[0] and have[1] >= want[1]


def _caveat_permits(
    problem: ForceProblem, caveat: Caveat, offer: Offer, line: RequirementLine
) -> bool:
    if caveat.max_tour_months is not None and offer.tour_months > caveat.max_tour_months:
        return False
    if any(mode.value == line.mode.value for mode in caveat.forbidden_modes):
        return False
    region = problem.site_regions.get(line.site, "") if line.site else (line.region or "")
    if line.site is not None:
        candidates = [line.site]
    else:
        candidates = [s for s, r in problem.site_regions.items() if r == region]
    if not candidates:  # a region without a known site: only the region rules can speak
        return (
            not caveat.allowed_sites
            and (not caveat.allowed_regions or region in caveat.allowed_regions)
            and region not in caveat.forbidden_regions
        )
    return any(
        (not caveat.allowed_sites or site in caveat.allowed_sites)
        and site not in caveat.forbidden_sites
        and (not caveat.allowed_regions or region in caveat.allowed_regions)
        and region not in caveat.forbidden_regions
        for site in candidates
    )


def _covers(offer: Offer, line: RequirementLine, month: dt.date) -> bool:
    last_day = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    needed_from = line.start if line.start > month else month
    needed_to = line.end if line.end < last_day else last_day
    if needed_from > needed_to:
        return False  # the line needs nobody that month
    return offer.start <= needed_from and needed_to <= offer.end


def _months(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield dt.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
