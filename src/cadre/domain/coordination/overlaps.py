"""Overlaps: two actors teaching or advising the same beneficiary in the same discipline, in
the same place, at the same time. A pure check on plain values, like the timetable's checker.

The rule, in one sentence: two activities of different organisations overlap when they share
governorate, discipline and beneficiary (names compared by their search key), their districts
do not differ (when both name one), and their dates share at least one day. The score says how
much they overlap, from 0 to 1: the share of the shorter activity's days that the other also
covers, times how close the place is known to be (the same site 1, the same district 0.8,
only the same governorate 0.6).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cadre.domain.coordination.activities import Activity
from cadre.domain.host import search_key

SAME_SITE, SAME_DISTRICT, SAME_GOVERNORATE = 1.0, 0.8, 0.6


@dataclass(frozen=True)
class Overlap:
    governorate: str
    discipline: str
    beneficiary: str
    first: str  # activity codes, in code order
    second: str
    organisations: tuple[str, str]
    start: dt.date  # the days both cover
    end: dt.date
    place: str  # "site", "district" or "governorate": where both are known to be
    score: float


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def _place(a: Activity, b: Activity) -> tuple[str, float] | None:
    if a.district and b.district and a.district != b.district:
        return None
    if a.site and b.site and search_key(a.site) == search_key(b.site):
        return "site", SAME_SITE
    if a.district and a.district == b.district:
        return "district", SAME_DISTRICT
    return "governorate", SAME_GOVERNORATE


def overlap_of(a: Activity, b: Activity) -> Overlap | None:
    """The overlap of two activities, or None when they do not overlap."""
    if a.organisation == b.organisation or not a.during(b.start, b.end):
        return None
    if (a.governorate, a.discipline, a.beneficiary_key) != (
        b.governorate,
        b.discipline,
        b.beneficiary_key,
    ):
        return None
    place = _place(a, b)
    if place is None:
        return None
    first, second = sorted((a, b), key=lambda x: x.code)
    start, end = max(a.start, b.start), min(a.end, b.end)
    shorter = min(_days(a.start, a.end), _days(b.start, b.end))
    score = round(_days(start, end) / shorter * place[1], 2)
    return Overlap(
        a.governorate,
        a.discipline,
        first.beneficiary,
        first.code,
        second.code,
        (first.organisation, second.organisation),
        start,
        end,
        place[0],
        score,
    )


def find_overlaps(activities: Iterable[Activity]) -> list[Overlap]:
    """Every overlapping pair, highest score first (then by place, discipline and codes)."""
    cells: dict[tuple[str, str, str], list[Activity]] = defaultdict(list)
    for a in activities:
        cells[(a.governorate, a.discipline, a.beneficiary_key)].append(a)
    found: list[Overlap] = []
    for members in cells.values():
        members.sort(key=lambda a: (a.start, a.code))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if b.start > a.end:
                    break  # sorted by start: no later one meets `a` either
                overlap = overlap_of(a, b)
                if overlap is not None:
                    found.append(overlap)
    found.sort(key=lambda o: (-o.score, o.governorate, o.discipline, o.first, o.second))
    return found
