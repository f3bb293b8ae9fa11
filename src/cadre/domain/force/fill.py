"""Fill reports: post-months required and filled by line, nation, qualification and month,
critical lines counted apart, and the pledged people over time (pure, from a matching)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.domain.force.offers import Offer
from cadre.domain.force.problem import Allocation, ForceProblem
from cadre.domain.months import month_end, months_of
from cadre.domain.requirements import Criticality, RequirementLine, line_order


@dataclass(frozen=True)
class Fill:
    """Post-months required and filled, all lines and critical lines apart."""

    key: str
    required: int
    filled: int
    critical_required: int = 0
    critical_filled: int = 0

    @property
    def share(self) -> float:
        return self.filled / self.required if self.required else 1.0

    @property
    def critical_share(self) -> float:
        return self.critical_filled / self.critical_required if self.critical_required else 1.0


@dataclass(frozen=True)
class LineFill:
    line: RequirementLine
    required: int
    filled: int
    months_short: int
    nations: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.filled / self.required if self.required else 1.0


@dataclass(frozen=True)
class NationFill:
    """What a nation pledged (post-months within the lines' horizon) and how much of it fills."""

    nation: str
    pledged: int
    filled: int
    critical_filled: int

    @property
    def used(self) -> float:
        return self.filled / self.pledged if self.pledged else 0.0


@dataclass(frozen=True)
class MonthFill:
    """People required, pledged (offers holding the middle of the month) and placed."""

    month: dt.date
    required: int
    pledged: int
    filled: int
    critical_required: int
    critical_filled: int


@dataclass(frozen=True)
class FillReport:
    total: Fill
    by_criticality: tuple[Fill, ...]
    by_line: tuple[LineFill, ...]
    by_nation: tuple[NationFill, ...]
    by_qualification: tuple[Fill, ...]
    by_month: tuple[MonthFill, ...]
    weighted_share: float  # post-months weighted by criticality


def fill_report(problem: ForceProblem, allocations: Sequence[Allocation]) -> FillReport:
    offers = problem.offers_by_code
    lines = problem.lines_by_number
    filled_line: Counter[str] = Counter()
    filled_month: Counter[tuple[str, dt.date]] = Counter()
    nations_of: dict[str, set[str]] = defaultdict(set)
    nation_filled: Counter[str] = Counter()
    nation_critical: Counter[str] = Counter()
    for a in allocations:
        amount = a.people * a.months()
        nation = offers[a.offer].nation
        filled_line[a.line] += amount
        nation_filled[nation] += amount
        if lines[a.line].criticality is Criticality.CRITICAL:
            nation_critical[nation] += amount
        nations_of[a.line].add(nation)
        for month in months_of(a.first_month, a.last_month):
            filled_month[a.line, month] += a.people

    by_line = tuple(
        LineFill(
            line,
            line.required_post_months(),
            filled_line[line.number],
            sum(
                1
                for month in months_of(line.start, line.end)
                if filled_month[line.number, month] < line.count
            ),
            tuple(sorted(nations_of[line.number])),
        )
        for line in sorted(problem.lines, key=lambda x: line_order(x.number))
    )
    months = sorted({m for line in problem.lines for m in months_of(line.start, line.end)})
    return FillReport(
        total=_sum("all lines", by_line),
        by_criticality=tuple(
            _sum(c.value, [f for f in by_line if f.line.criticality is c]) for c in Criticality
        ),
        by_line=by_line,
        by_nation=_by_nation(problem.offers, months, nation_filled, nation_critical),
        by_qualification=tuple(
            _sum(q, [f for f in by_line if f.line.qualification == q])
            for q in sorted({line.qualification for line in problem.lines})
        ),
        by_month=tuple(_month(problem, m, filled_month) for m in months),
        weighted_share=_weighted(by_line),
    )


def _sum(key: str, rows: Sequence[LineFill]) -> Fill:
    critical = [r for r in rows if r.line.criticality is Criticality.CRITICAL]
    return Fill(
        key,
        sum(r.required for r in rows),
        sum(r.filled for r in rows),
        sum(r.required for r in critical),
        sum(r.filled for r in critical),
    )


def _weighted(rows: Sequence[LineFill]) -> float:
    required = sum(r.required * r.line.criticality.weight for r in rows)
    filled = sum(r.filled * r.line.criticality.weight for r in rows)
    return filled / required if required else 1.0


def holds_month(offer: Offer, month: dt.date) -> bool:
    middle = month.replace(day=15)
    return offer.start <= middle <= offer.end


def _by_nation(
    offers: Sequence[Offer],
    months: Sequence[dt.date],
    filled: Counter[str],
    critical: Counter[str],
) -> tuple[NationFill, ...]:
    pledged: Counter[str] = Counter()
    for offer in offers:
        pledged[offer.nation] += offer.count * sum(1 for m in months if holds_month(offer, m))
    nations = sorted(set(pledged) | set(filled), key=lambda n: (-filled[n], n))
    return tuple(NationFill(n, pledged[n], filled[n], critical[n]) for n in nations)


def _month(
    problem: ForceProblem, month: dt.date, filled: Counter[tuple[str, dt.date]]
) -> MonthFill:
    active = [
        line for line in problem.lines if line.start <= month_end(month) and line.end >= month
    ]
    critical = [line for line in active if line.criticality is Criticality.CRITICAL]
    return MonthFill(
        month,
        sum(line.count for line in active),
        sum(o.count for o in problem.offers if holds_month(o, month)),
        sum(filled[line.number, month] for line in active),
        sum(line.count for line in critical),
        sum(filled[line.number, month] for line in critical),
    )
