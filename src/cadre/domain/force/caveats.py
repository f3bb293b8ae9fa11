"""What national caveats cost: posts left empty while people fit for them in every other way
are kept off them, directly (people idle) or through the whole matching (fill lost)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from cadre.domain.force.eligibility import BarrierKind, barriers, ladder_fills, serves_in
from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import Allocation, ForceProblem
from cadre.domain.force.shortfalls import empty_posts
from cadre.domain.months import months_of
from cadre.domain.requirements import RequirementLine


@dataclass(frozen=True)
class CaveatBlock:
    """Post-months of `line` left empty while people of `offers`, idle then and fit for the
    post in every other way, are kept off it by `caveat`."""

    line: str
    caveat: str
    nation: str
    offers: tuple[str, ...]
    post_months: int
    first_month: dt.date
    last_month: dt.date
    reason: str


@dataclass(frozen=True)
class CaveatImpact:
    """A line that would hold `post_months` more if no caveat applied (the matching solved
    again without them), with the caveats that bar people otherwise fit for it."""

    line: str
    post_months: int
    caveats: tuple[str, ...]
    nations: tuple[str, ...]
    reason: str


def caveat_impact(
    problem: ForceProblem,
    allocations: Sequence[Allocation],
    without_caveats: Sequence[Allocation],
) -> tuple[CaveatImpact, ...]:
    """Lines filled better when caveats are lifted, most gained first. A line can gain though
    no caveat bars it, when people barred elsewhere would have freed others for it: then it
    names no caveat and says so."""
    filled: Counter[str] = Counter()
    for a in allocations:
        filled[a.line] -= a.people * a.months()
    for a in without_caveats:
        filled[a.line] += a.people * a.months()
    index = _offer_index(problem)
    nations = {c.code: c.nation for c in problem.caveats}
    out = []
    for number, gain in filled.items():
        if gain <= 0:
            continue
        line = problem.lines_by_number[number]
        found: dict[str, str] = {}
        for offer in _candidates(problem, line, index):
            for code, reason in _only_caveats(problem, offer, line) or ():
                found.setdefault(code, reason)
        reason = next(
            iter(found.values()),
            "no caveat bars it: people barred elsewhere would free others for it",
        )
        out.append(
            CaveatImpact(
                number,
                gain,
                tuple(sorted(found)),
                tuple(sorted({nations.get(c, "") for c in found})),
                reason,
            )
        )
    out.sort(key=lambda x: (-x.post_months, x.line))
    return tuple(out)


def caveat_blocks(
    problem: ForceProblem, allocations: Sequence[Allocation]
) -> tuple[CaveatBlock, ...]:
    """For each line and caveat: the empty post-months that idle people would fill but for
    that caveat (people under two blocking caveats count for both)."""
    empty = empty_posts(problem, allocations)
    used: Counter[tuple[str, dt.date]] = Counter()
    for a in allocations:
        for month in months_of(a.first_month, a.last_month):
            used[a.offer, month] += a.people
    blocked: dict[tuple[str, str], dict[dt.date, tuple[int, set[str]]]] = defaultdict(dict)
    reasons: dict[tuple[str, str], str] = {}
    cache: dict[tuple[Hashable, Hashable], tuple[tuple[str, str], ...] | None] = {}
    index = _offer_index(problem)
    for number, short in empty.items():
        line = problem.lines_by_number[number]
        for offer in _candidates(problem, line, index):
            key = (_offer_key(offer), _line_key(line))
            if key not in cache:
                cache[key] = _only_caveats(problem, offer, line)
            caveats = cache[key]
            if not caveats:
                continue
            for month, posts in short.items():
                idle = offer.count - used[offer.code, month]
                if idle <= 0 or not serves_in(offer, line, month):
                    continue
                for caveat, reason in caveats:
                    people, codes = blocked[number, caveat].get(month, (0, set()))
                    blocked[number, caveat][month] = (
                        min(posts, people + idle),
                        codes | {offer.code},
                    )
                    reasons[number, caveat] = reason
    nations = {c.code: c.nation for c in problem.caveats}
    out = [
        CaveatBlock(
            number,
            caveat,
            nations.get(caveat, ""),
            tuple(sorted(set().union(*(codes for _, codes in months.values())))),
            sum(people for people, _ in months.values()),
            min(months),
            max(months),
            reasons[number, caveat],
        )
        for (number, caveat), months in blocked.items()
    ]
    out.sort(key=lambda b: (-b.post_months, b.line, b.caveat))
    return tuple(out)


def _offer_index(problem: ForceProblem) -> dict[str, list[Offer]]:
    """Offers by the line they target and by the qualification they offer."""
    index: dict[str, list[Offer]] = defaultdict(list)
    for offer in problem.offers:
        index[f"line:{offer.line}" if offer.line else f"q:{offer.qualification}"].append(offer)
    return index


def _candidates(
    problem: ForceProblem, line: RequirementLine, index: dict[str, list[Offer]]
) -> list[Offer]:
    found = list(index.get(f"line:{line.number}", []))
    for key, offers in index.items():
        if key.startswith("q:") and ladder_fills(key[2:], line.qualification, problem.ladder):
            found.extend(offers)
    return found


def _only_caveats(
    problem: ForceProblem, offer: Offer, line: RequirementLine
) -> tuple[tuple[str, str], ...] | None:
    found = barriers(problem, offer, line)
    if not found or any(b.kind is not BarrierKind.CAVEAT for b in found):
        return None
    return tuple((b.caveat or "", b.reason) for b in found)


def _line_key(line: RequirementLine) -> Hashable:
    return (line.qualification, line.site, line.region, line.mode, line.rank_band)


def _offer_key(offer: Offer) -> Hashable:
    return (offer.line, offer.qualification, offer.rank_band, offer.caveats, offer.tour_months)
