"""Which offer may fill which line in which months, computed before any optimisation so that
the flow networks hold only arcs that can carry people.

Rules that do not depend on time are decided once per group of alike offers and alike lines
(same qualification, rank band, caveats; same place, mode, band), with the domain's
eligibility rules; time is then decided for every pair at once with NumPy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cadre.domain.force.eligibility import barriers, ladder_fills
from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import ForceProblem
from cadre.domain.requirements import RequirementLine

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Candidates:
    """Pairs (offer index, line index) that may be matched from month `first` to `last`
    (indices into `months`); `exact` marks a qualification matched without the ladder."""

    months: tuple[dt.date, ...]
    offer: IntArray
    line: IntArray
    first: IntArray
    last: IntArray
    exact: BoolArray
    line_first: IntArray
    line_last: IntArray


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def candidates(problem: ForceProblem) -> Candidates:
    lines, offers = problem.lines, problem.offers
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates((), empty, empty, empty, empty, empty.astype(bool), empty, empty)
    base = min(_month_number(line.start) for line in lines)
    top = max(_month_number(line.end) for line in lines)
    months = tuple(dt.date(n // 12, n % 12 + 1, 1) for n in range(base, top + 1))
    pair_offer, pair_line, exact = _static_pairs(problem)

    l_start = np.array([line.start.toordinal() for line in lines], dtype=np.int64)
    l_end = np.array([line.end.toordinal() for line in lines], dtype=np.int64)
    l_first = np.array([_month_number(line.start) - base for line in lines], dtype=np.int64)
    l_last = np.array([_month_number(line.end) - base for line in lines], dtype=np.int64)
    o_start = np.array([o.start.toordinal() for o in offers], dtype=np.int64)
    o_end = np.array([o.end.toordinal() for o in offers], dtype=np.int64)
    # The first month an offer holds from its first day, and the last it holds to its end.
    o_whole_from = np.array(
        [_month_number(o.start) - base + (o.start.day != 1) for o in offers], dtype=np.int64
    )
    o_whole_to = np.array(
        [_month_number(o.end) - base - (not _is_month_end(o.end)) for o in offers],
        dtype=np.int64,
    )
    po, pl = pair_offer, pair_line
    # Where the offer starts no later than the line, it holds the line's first month too.
    first = np.where(
        o_start[po] <= l_start[pl], l_first[pl], np.maximum(l_first[pl], o_whole_from[po])
    )
    last = np.where(o_end[po] >= l_end[pl], l_last[pl], np.minimum(l_last[pl], o_whole_to[po]))
    keep = first <= last
    return Candidates(
        months, po[keep], pl[keep], first[keep], last[keep], exact[keep], l_first, l_last
    )


def _static_pairs(problem: ForceProblem) -> tuple[IntArray, IntArray, BoolArray]:
    """Pairs that qualification, rank band, target and caveats allow, ignoring time."""
    line_index = {line.number: i for i, line in enumerate(problem.lines)}
    line_groups: dict[Hashable, list[int]] = defaultdict(list)
    for i, line in enumerate(problem.lines):
        line_groups[_line_key(line)].append(i)
    by_qualification: dict[str, list[Hashable]] = defaultdict(list)
    for key, members in line_groups.items():
        by_qualification[problem.lines[members[0]].qualification].append(key)
    offer_groups: dict[Hashable, list[int]] = defaultdict(list)
    for j, offer in enumerate(problem.offers):
        offer_groups[_offer_key(offer)].append(j)

    offers_out: list[IntArray] = []
    lines_out: list[IntArray] = []
    exact_out: list[BoolArray] = []
    for members in offer_groups.values():
        offer = problem.offers[members[0]]
        if offer.line is not None:
            targets = [[line_index[offer.line]]] if offer.line in line_index else []
        else:
            targets = [
                line_groups[key]
                for needed, keys in by_qualification.items()
                if offer.qualification is not None
                and ladder_fills(offer.qualification, needed, problem.ladder)
                for key in keys
            ]
        group = np.array(members, dtype=np.int64)
        for target in targets:
            line = problem.lines[target[0]]
            if barriers(problem, offer, line):
                continue
            offers_out.append(np.repeat(group, len(target)))
            lines_out.append(np.tile(np.array(target, dtype=np.int64), len(group)))
            same = offer.line is not None or offer.qualification == line.qualification
            exact_out.append(np.full(len(group) * len(target), same))
    if not offers_out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty.astype(bool)
    return np.concatenate(offers_out), np.concatenate(lines_out), np.concatenate(exact_out)


def _line_key(line: RequirementLine) -> Hashable:
    return (line.qualification, line.site, line.region, line.mode, line.rank_band)


def _offer_key(offer: Offer) -> Hashable:
    # Tour length matters only against a caveat's longest tour, but is cheap to keep.
    return (offer.line, offer.qualification, offer.rank_band, offer.caveats, offer.tour_months)
