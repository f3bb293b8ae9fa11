"""The relief calendar: who holds each post when, who relieves whom with how many days of
handover, and every gap where a tour ends with nobody to take over.

Built from a matching (people of an offer on a line, month by month): each line's posts are
numbered 1..count and people keep their post from month to month while their offer still
fills the line, so a post's history reads as tours of the offering nation's tour length.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import Allocation, ForceProblem
from cadre.domain.months import add_months, month_end, months_of
from cadre.domain.requirements import RequirementLine, line_order


@dataclass(frozen=True)
class Tour:
    line: str
    post: int  # 1..count of the line
    offer: str
    nation: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Relief:
    """`incoming` relieves `outgoing` in place; both are there from `arrives` to the end of the
    outgoing tour. A handover shorter than asked is kept and flagged, not hidden."""

    outgoing: Tour
    incoming: Tour
    arrives: dt.date
    handover_days: int
    short_by: int  # days fewer than the planned overlap


@dataclass(frozen=True)
class Gap:
    """A post empty while its line needs it; `after` is the tour that ended with no relief,
    None when the post has not been filled since the line opened."""

    line: str
    post: int
    start: dt.date
    end: dt.date
    after: Tour | None

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


@dataclass(frozen=True)
class RotationPlan:
    overlap_days: int
    tours: tuple[Tour, ...]
    reliefs: tuple[Relief, ...]
    gaps: tuple[Gap, ...]

    @property
    def unrelieved(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.after is not None)


def rotation_plan(
    problem: ForceProblem, allocations: Sequence[Allocation], overlap_days: int = 10
) -> RotationPlan:
    by_line: dict[str, list[Allocation]] = defaultdict(list)
    for a in allocations:
        by_line[a.line].append(a)
    tours: list[Tour] = []
    reliefs: list[Relief] = []
    gaps: list[Gap] = []
    for line in sorted(problem.lines, key=lambda x: line_order(x.number)):
        holders = _post_holders(line, by_line.get(line.number, []))
        for post, months in enumerate(holders, 1):
            post_tours, post_gaps = _tours_and_gaps(problem, line, post, months)
            tours.extend(post_tours)
            gaps.extend(post_gaps)
            reliefs.extend(
                _relief(problem.offer(b.offer), a, b, overlap_days)
                for a, b in itertools.pairwise(post_tours)
                if b.start == a.end + dt.timedelta(days=1)
            )
    reliefs.sort(key=lambda r: (r.incoming.start, line_order(r.incoming.line), r.incoming.post))
    gaps.sort(key=lambda g: (g.start, line_order(g.line), g.post))
    return RotationPlan(overlap_days, tuple(tours), tuple(reliefs), tuple(gaps))


def _post_holders(
    line: RequirementLine, allocations: Sequence[Allocation]
) -> list[list[tuple[dt.date, str | None]]]:
    """For each post of the line, the offer holding it in each month the line needs."""
    people: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for a in allocations:
        for month in months_of(a.first_month, a.last_month):
            people[month][a.offer] = people[month].get(a.offer, 0) + a.people
    posts: list[str | None] = [None] * line.count
    holders: list[list[tuple[dt.date, str | None]]] = [[] for _ in range(line.count)]
    for month in months_of(line.start, line.end):
        wanted = dict(people.get(month, {}))
        for post, offer in enumerate(posts):  # an offer that shrinks keeps its first posts
            if offer is not None:
                if wanted.get(offer, 0) > 0:
                    wanted[offer] -= 1
                else:
                    posts[post] = None
        for offer in sorted(wanted):
            for _ in range(wanted[offer]):
                posts[posts.index(None)] = offer
        for post, offer in enumerate(posts):
            holders[post].append((month, offer))
    return holders


def _tours_and_gaps(
    problem: ForceProblem,
    line: RequirementLine,
    post: int,
    months: list[tuple[dt.date, str | None]],
) -> tuple[list[Tour], list[Gap]]:
    tours: list[Tour] = []
    gaps: list[Gap] = []
    runs: list[tuple[str | None, dt.date, dt.date]] = []
    for month, code in months:
        if runs and runs[-1][0] == code:
            runs[-1] = (code, runs[-1][1], month)
        else:
            runs.append((code, month, month))
    for holder, first, last in runs:
        if holder is None:
            after = tours[-1] if tours else None
            start = max(first, line.start)
            gaps.append(Gap(line.number, post, start, min(month_end(last), line.end), after))
            continue
        offer = problem.offer(holder)
        month = first
        while month <= last:
            tour_last = min(add_months(month, offer.tour_months - 1), last)
            tours.append(
                Tour(
                    line.number,
                    post,
                    offer.code,
                    offer.nation,
                    max(month, line.start, offer.start),
                    min(month_end(tour_last), line.end, offer.end),
                )
            )
            month = add_months(tour_last, 1)
    return tours, gaps


def _relief(offer: Offer, outgoing: Tour, incoming: Tour, overlap_days: int) -> Relief:
    arrives = max(incoming.start - dt.timedelta(days=overlap_days), offer.start)
    handover = max(0, (outgoing.end - arrives).days + 1)
    return Relief(outgoing, incoming, arrives, handover, max(0, overlap_days - handover))
