"""Interchangeable sites merged into one before solving, and split again afterwards.

Sites that can teach the same courses with the same seats, keep the same calendar and admit
the same pledges are interchangeable: a plan over their summed rooms splits back into one per
site in proportion to rooms, run by run, with every site within its own rooms. Merging them
removes choices that only differ by name, which were most of the simplex's work.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from cadre.domain.capacity.problem import CapacityProblem, SiteSpec, SupplySpec


@dataclass(frozen=True)
class MergedSites:
    problem: CapacityProblem
    members: dict[str, tuple[tuple[str, float], ...]]  # merged code → (site, share of rooms)


def merge_sites(problem: CapacityProblem) -> MergedSites:
    groups: dict[Hashable, list[SiteSpec]] = defaultdict(list)
    for site in problem.sites:
        groups[_signature(problem, site)].append(site)
    merged_code: dict[str, str] = {}
    members: dict[str, tuple[tuple[str, float], ...]] = {}
    sites = []
    for group in groups.values():
        code = group[0].code if len(group) == 1 else "+".join(s.code for s in group)
        rooms = sum(s.rooms for s in group)
        members[code] = tuple((s.code, s.rooms / rooms if rooms else 1 / len(group)) for s in group)
        for s in group:
            merged_code[s.code] = code
        sites.append(dataclasses.replace(group[0], code=code, rooms=rooms))
    courses = tuple(
        dataclasses.replace(c, sites=tuple({merged_code[s]: seats for s, seats in c.sites}.items()))
        for c in problem.courses
    )
    supplies = tuple(
        dataclasses.replace(s, sites=frozenset(merged_code[x] for x in s.sites if x in merged_code))
        for s in problem.supplies
    )
    merged = dataclasses.replace(problem, sites=tuple(sites), courses=courses, supplies=supplies)
    return MergedSites(merged, members)


def _signature(problem: CapacityProblem, site: SiteSpec) -> Hashable:
    return (
        site.availability,
        site.mobile_months,
        frozenset(
            (c.code, seats) for c in problem.courses for s, seats in c.sites if s == site.code
        ),
        frozenset(s.pledge for s in problem.supplies if site.code in s.sites),
    )


@dataclass(frozen=True)
class MergedPledges:
    problem: CapacityProblem
    members: dict[str, tuple[tuple[str, tuple[float, ...]], ...]]  # merged → (pledge, available)


def merge_pledges(problem: CapacityProblem) -> MergedPledges:
    """Pledges of one qualification that may teach at the same sites in the same modes are
    interchangeable too: their people are summed month by month, and what the plan gives the
    sum is split back in proportion to what each pledge has that month."""
    groups: dict[Hashable, list[SupplySpec]] = defaultdict(list)
    for s in problem.supplies:
        groups[s.qualification, s.sites, s.modes].append(s)
    supplies = []
    members: dict[str, tuple[tuple[str, tuple[float, ...]], ...]] = {}
    for group in groups.values():
        code = group[0].pledge if len(group) == 1 else "+".join(s.pledge for s in group)
        members[code] = tuple((s.pledge, s.available) for s in group)
        total = tuple(sum(month) for month in zip(*(s.available for s in group), strict=True))
        supplies.append(dataclasses.replace(group[0], pledge=code, available=total))
    return MergedPledges(dataclasses.replace(problem, supplies=tuple(supplies)), members)
