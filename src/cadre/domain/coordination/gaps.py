"""Gaps: governorate × discipline cells where the host's stated demand is not covered, and the
activity by governorate the map shows.

The rule, in one sentence: a cell with demand is a gap when the activities there (any actor,
any type) count for fewer people than the demand; it is uncovered when no activity is there at
all, short when some are. Activities are counted through `Cover`, one organisation's total in
one cell, so the same rule runs on a few hand-made values and on totals a database adds up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cadre.domain.coordination.activities import Activity, Need
from cadre.domain.coordination.places import GOVERNORATES


@dataclass(frozen=True)
class Cover:
    """What one organisation's activities give one cell: how many, counting how many people."""

    governorate: str
    discipline: str
    organisation: str
    activities: int
    people: int


@dataclass(frozen=True)
class Gap:
    governorate: str
    discipline: str
    demand: int
    people: int  # the people the activities in the cell count for
    activities: int
    organisations: tuple[str, ...]

    @property
    def shortfall(self) -> int:
        return max(0, self.demand - self.people)

    @property
    def uncovered(self) -> bool:
        return self.activities == 0


@dataclass(frozen=True)
class GovernorateActivity:
    """One governorate on the map: its activities, their actors, and its gaps."""

    governorate: str
    activities: int
    people: int
    organisations: tuple[str, ...]
    gaps: int  # cells of this governorate with a gap
    uncovered: int  # of which nobody covers at all


def covers(activities: Iterable[Activity]) -> list[Cover]:
    """The activities added up per cell and organisation."""
    totals: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for a in activities:
        total = totals[(a.governorate, a.discipline, a.organisation)]
        total[0] += 1
        total[1] += a.people
    return [Cover(g, d, o, n, p) for (g, d, o), (n, p) in sorted(totals.items())]


def find_gaps(found: Iterable[Cover], needs: Iterable[Need]) -> list[Gap]:
    """Every cell with demand that the activities do not cover, the largest shortfall first."""
    demand: dict[tuple[str, str], int] = defaultdict(int)
    for need in needs:
        demand[(need.governorate, need.discipline)] += need.people
    people: dict[tuple[str, str], int] = defaultdict(int)
    count: dict[tuple[str, str], int] = defaultdict(int)
    actors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cover in found:
        cell = (cover.governorate, cover.discipline)
        if cell in demand:
            people[cell] += cover.people
            count[cell] += cover.activities
            actors[cell].add(cover.organisation)
    gaps = [
        Gap(g, d, wanted, people[(g, d)], count[(g, d)], tuple(sorted(actors[(g, d)])))
        for (g, d), wanted in demand.items()
        if people[(g, d)] < wanted
    ]
    gaps.sort(key=lambda gap: (-gap.shortfall, gap.governorate, gap.discipline))
    return gaps


def by_governorate(found: Iterable[Cover], gaps: Iterable[Gap]) -> list[GovernorateActivity]:
    """Every governorate of Iraq, in p-code order, with its activity and its gaps."""
    activities: dict[str, int] = defaultdict(int)
    people: dict[str, int] = defaultdict(int)
    actors: dict[str, set[str]] = defaultdict(set)
    for cover in found:
        activities[cover.governorate] += cover.activities
        people[cover.governorate] += cover.people
        actors[cover.governorate].add(cover.organisation)
    gap_count: dict[str, int] = defaultdict(int)
    uncovered: dict[str, int] = defaultdict(int)
    for gap in gaps:
        gap_count[gap.governorate] += 1
        uncovered[gap.governorate] += gap.uncovered
    return [
        GovernorateActivity(
            g.pcode,
            activities[g.pcode],
            people[g.pcode],
            tuple(sorted(actors[g.pcode])),
            gap_count[g.pcode],
            uncovered[g.pcode],
        )
        for g in GOVERNORATES
    ]
