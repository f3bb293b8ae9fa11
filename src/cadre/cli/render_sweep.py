"""Rich renderings of a capacity sweep: the ranges of the peak, of each handover month and of
the force by year, and the figures the answer moves with most."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.table import Table

from cadre.domain.capacity.uncertainty import SweepRanges

INPUT_NAMES = {
    "attrition": "host attrition a month",
    "pass_rate": "pass rates (factor)",
    "vetting_yield": "vetting yield",
    "pledge_reliability": "pledge reliability",
}


def _month(month: dt.date | None) -> str:
    return "not within" if month is None else f"{month:%b %Y}"


def sweep_summary(ranges: SweepRanges, names: dict[str, str], number: int) -> Group:
    peak = ranges.peak_force
    stopped = f"; {ranges.stopped} stopped without a plan (left out)" if ranges.stopped else ""
    parts: list[RenderableType] = [
        f"[bold]Capacity sweep (version {number}): {ranges.samples} samples{stopped}[/]",
        f"Peak foreign training force P10 {peak.p10[0]:.0f}, P50 {peak.p50[0]:.0f}, "
        f"P90 {peak.p90[0]:.0f} instructors.",
        _handovers(ranges, names),
        _force_by_year(ranges),
        _sensitivity(ranges, names),
    ]
    return Group(*parts)


def _handovers(ranges: SweepRanges, names: dict[str, str]) -> Table:
    table = Table(title="Handover month by discipline", title_justify="left")
    for column in ("", "P10", "P50", "P90", "not within the horizon"):
        table.add_column(column)
    for h in ranges.handovers:
        table.add_row(
            names.get(h.subject, h.subject),
            _month(h.p10),
            _month(h.p50),
            _month(h.p90),
            f"{h.beyond} of {ranges.samples}",
        )
    return table


def _force_by_year(ranges: SweepRanges) -> Table:
    """The largest monthly figure of each year, for each percentile."""
    table = Table(title="Foreign training force, the year's busiest month", title_justify="left")
    for column in ("year", "P10", "P50", "P90"):
        table.add_column(column, justify="right")
    for year in sorted({m.year for m in ranges.months}):
        t = [i for i, m in enumerate(ranges.months) if m.year == year]
        band = ranges.force
        table.add_row(
            str(year), *(f"{max(s[i] for i in t):.1f}" for s in (band.p10, band.p50, band.p90))
        )
    return table


def _sensitivity(ranges: SweepRanges, names: dict[str, str]) -> Table:
    table = Table(
        title="What the answer moves with most (Spearman's rank correlation)", title_justify="left"
    )
    for column in ("figure", "answer", "rho"):
        table.add_column(column)
    for s in ranges.most_sensitive(6):
        subject = s.answer.removeprefix("handover ")
        answer = f"handover {names.get(subject, subject)}" if subject != s.answer else s.answer
        table.add_row(INPUT_NAMES.get(s.input, s.input), answer, f"{s.rho:+.2f}")
    return table
