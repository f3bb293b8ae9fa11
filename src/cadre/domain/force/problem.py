"""What the matcher is given and the plan it gives back, as frozen values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cadre.domain.catalogue import Qualification
from cadre.domain.contributors import Caveat
from cadre.domain.errors import NotFound
from cadre.domain.force.offers import Offer
from cadre.domain.requirements import RequirementLine
from cadre.domain.sites import Site


@dataclass(frozen=True)
class ForceProblem:
    """Requirement lines and the offers that may fill them (already chosen by state), with the
    caveats, the qualification ladder and the sites' regions that decide who may serve where."""

    lines: tuple[RequirementLine, ...]
    offers: tuple[Offer, ...]
    caveats: tuple[Caveat, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    site_regions: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        lines: Iterable[RequirementLine],
        offers: Iterable[Offer],
        caveats: Iterable[Caveat] = (),
        qualifications: Iterable[Qualification] = (),
        sites: Iterable[Site] = (),
    ) -> ForceProblem:
        return cls(
            tuple(lines),
            tuple(offers),
            tuple(caveats),
            tuple(qualifications),
            {s.code: s.region for s in sites},
        )

    @cached_property
    def lines_by_number(self) -> dict[str, RequirementLine]:
        return {line.number: line for line in self.lines}

    @cached_property
    def offers_by_code(self) -> dict[str, Offer]:
        return {offer.code: offer for offer in self.offers}

    @cached_property
    def caveats_by_code(self) -> dict[str, Caveat]:
        return {c.code: c for c in self.caveats}

    @cached_property
    def ladder(self) -> dict[str, Qualification]:
        return {q.code: q for q in self.qualifications}

    @cached_property
    def sites_by_region(self) -> dict[str, frozenset[str]]:
        regions: dict[str, set[str]] = {}
        for site, region in self.site_regions.items():
            regions.setdefault(region, set()).add(site)
        return {region: frozenset(sites) for region, sites in regions.items()}

    def line(self, number: str) -> RequirementLine:
        try:
            return self.lines_by_number[number]
        except KeyError:
            raise NotFound(f"requirement line {number} is not in the statement") from None

    def offer(self, code: str) -> Offer:
        try:
            return self.offers_by_code[code]
        except KeyError:
            raise NotFound(f"offer {code} is not known") from None

    def region_of(self, line: RequirementLine) -> str:
        if line.site is not None:
            return self.site_regions.get(line.site, line.region or "")
        return line.region or ""


@dataclass(frozen=True, order=True)
class Allocation:
    """`people` of `offer` serve on `line` in every month from `first_month` to `last_month`
    (both named by their first day, both included)."""

    line: str
    offer: str
    first_month: dt.date
    last_month: dt.date
    people: int

    def months(self) -> int:
        last, first = self.last_month, self.first_month
        return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class TierFill:
    """Post-months required and filled in one criticality class."""

    criticality: str
    required: int
    filled: int


@dataclass(frozen=True)
class ForcePlan:
    """The matcher's solution: the allocations, and the post-months required and filled in
    each criticality class, most critical first."""

    allocations: tuple[Allocation, ...]
    fills: tuple[TierFill, ...]
