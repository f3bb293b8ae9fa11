"""Who may serve on which post: the rules the matcher respects, one function each, and the
reasons an offer cannot fill a line, so reports can say which caveat keeps a post empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.catalogue import Qualification, rung_fills
from cadre.domain.contributors import Caveat
from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import ForceProblem
from cadre.domain.months import month_end
from cadre.domain.requirements import RequirementLine


class BarrierKind(StrEnum):
    TARGET = "target"
    QUALIFICATION = "qualification"
    RANK = "rank"
    CAVEAT = "caveat"


@dataclass(frozen=True)
class Barrier:
    kind: BarrierKind
    reason: str
    caveat: str | None = None


def ladder_fills(offered: str, needed: str, ladder: Mapping[str, Qualification]) -> bool:
    """A qualification fills a post asking for itself or for a lower rung of the same
    discipline's instructor ladder (a master trainer may teach as an instructor)."""
    if offered == needed:
        return True
    have, want = ladder.get(offered), ladder.get(needed)
    return have is not None and want is not None and rung_fills(have, want)


def caveat_allows_place(
    caveat: Caveat, site: str | None, region: str, region_sites: frozenset[str]
) -> bool:
    """A caveat allows a post at a site as `Caveat.allows_site` says; a post anywhere in a
    region when the caveat allows at least one of the region's sites (the post is then given
    there), or, for a region without a known site, when its region rules allow the region."""
    if site is not None:
        return caveat.allows_site(site, region)
    if region_sites:
        return any(caveat.allows_site(s, region) for s in region_sites)
    if caveat.allowed_sites:
        return False
    allowed = not caveat.allowed_regions or region in caveat.allowed_regions
    return allowed and region not in caveat.forbidden_regions


def caveat_barrier(
    caveat: Caveat | None,
    code: str,
    offer: Offer,
    line: RequirementLine,
    region: str,
    region_sites: frozenset[str],
) -> Barrier | None:
    """Why caveat `code` on `offer` keeps it off `line`, or None when it does not."""
    if caveat is None:
        return Barrier(BarrierKind.CAVEAT, f"caveat {code} is not defined", code)
    if caveat.max_tour_months is not None and offer.tour_months > caveat.max_tour_months:
        return Barrier(
            BarrierKind.CAVEAT,
            f"caveat {code} limits tours to {caveat.max_tour_months} months, "
            f"the offer has {offer.tour_months}",
            code,
        )
    reason = caveat_bars_line(caveat, line, region, region_sites)
    return Barrier(BarrierKind.CAVEAT, f"caveat {code} {reason}", code) if reason else None


def caveat_bars_line(
    caveat: Caveat, line: RequirementLine, region: str, region_sites: frozenset[str]
) -> str | None:
    """What in `caveat` bars the place or the mode of `line` ("bars MOSUL (Ninawa)")."""
    if not caveat_allows_place(caveat, line.site, region, region_sites):
        return f"bars {line.site} ({region})" if line.site else f"bars region {region}"
    if not caveat.allows_mode(line.mode):
        return f"bars {line.mode.value.replace('_', ' ')} posts"
    return None


def barriers(problem: ForceProblem, offer: Offer, line: RequirementLine) -> tuple[Barrier, ...]:
    """Everything but time that keeps `offer` off `line`; empty when it may serve there."""
    found: list[Barrier] = []
    if offer.line is not None:
        if offer.line != line.number:
            found.append(Barrier(BarrierKind.TARGET, f"the offer is for line {offer.line}"))
    elif offer.qualification is None or not ladder_fills(
        offer.qualification, line.qualification, problem.ladder
    ):
        found.append(
            Barrier(
                BarrierKind.QUALIFICATION,
                f"{offer.qualification} does not fill a post needing {line.qualification}",
            )
        )
    if offer.rank_band is not None and not line.rank_band.contains(offer.rank_band):
        found.append(
            Barrier(BarrierKind.RANK, f"rank {offer.rank_band} is outside {line.rank_band}")
        )
    region = problem.region_of(line)
    region_sites = problem.sites_by_region.get(region, frozenset())
    for code in offer.caveats:
        barrier = caveat_barrier(
            problem.caveats_by_code.get(code), code, offer, line, region, region_sites
        )
        if barrier is not None:
            found.append(barrier)
    return tuple(found)


def serves_in(offer: Offer, line: RequirementLine, month: dt.date) -> bool:
    """An offer fills a post in a month when its window holds every day the post needs then."""
    first = max(line.start, month)
    last = min(line.end, month_end(month))
    return first <= last and offer.start <= first and last <= offer.end
