"""Plots of a capacity plan, as PNG and SVG: what planners would rather look at than read, in
the reader's words (English for the files the CLI writes)."""

from __future__ import annotations

import pathlib
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only: no screen on a server or in CI

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.uncertainty import SweepRanges
from cadre.interchange.chart_parts import (
    Corner,
    drawing,
    mirrored,
    month_label,
    month_ticks,
    nothing_to_draw,
    number_ticks,
    palette,
    stacked_peak,
)
from cadre.interchange.words import ENGLISH, Words

NO_FOREIGN = "This plan needs no foreign instructor in any month."
NO_CADRE = "This plan certifies no host instructor within its horizon."
NO_DEMAND = "There is no demand for graduates that you may see in this plan."
NO_HANDOVER = "There is no discipline or site to hand over in this plan."


def write_plots(plan: CapacityPlan, directory: pathlib.Path, title: str = "") -> list[pathlib.Path]:
    """Write the three plots of `plan` to `directory`; the files written."""
    return _write(
        directory,
        ("training-force", lambda: force_figure(plan, title)),
        ("graduates-vs-demand", lambda: graduates_figure(plan, title)),
        ("handover-timeline", lambda: handover_figure(plan, title)),
    )


def _write(
    directory: pathlib.Path, *figures: tuple[str, Callable[[], Figure]]
) -> list[pathlib.Path]:
    """Each figure as PNG and SVG in `directory`, drawn one at a time; the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in figures:
        figure = draw()
        for suffix in ("png", "svg"):
            path = directory / f"{name}.{suffix}"
            with drawing(ENGLISH):
                figure.savefig(path, dpi=120, bbox_inches="tight", metadata=_metadata(suffix))
            written.append(path)
    return written


def _subplots(*grid: int, figsize: tuple[float, float], sharex: bool = False) -> tuple[Figure, Any]:
    # A Figure of its own, not pyplot's: pyplot keeps every figure until it is closed, and a
    # server drawing for many readers (or a brief drawing several) would hold them all.
    figure = Figure(figsize=figsize)
    return figure, figure.subplots(*grid, sharex=sharex)


def _metadata(suffix: str) -> dict[str, str | None]:
    # Without a fixed date SVGs differ on every run, which makes them useless to compare.
    return {"Date": None} if suffix == "svg" else {}


def force_peaks(plan: CapacityPlan) -> tuple[float, float]:
    """The tops of the two stacks of `force_figure`, for a scale shared with another plan."""
    return stacked_peak(list(plan.foreign.values())), stacked_peak(list(plan.host_cadre.values()))


def force_figure(
    plan: CapacityPlan,
    title: str = "",
    words: Words = ENGLISH,
    tops: tuple[float, float] | None = None,
) -> Figure:
    """The foreign training force and the host cadre by month; `tops` fixes the two y scales
    (plans compared side by side share them, or the eye compares heights that mean nothing)."""
    say = words.say
    figure, (top, bottom) = _subplots(2, 1, figsize=(11, 7.5), sharex=True)
    months: list[Any] = list(plan.months)  # dates, which Matplotlib's types do not name
    # One colour per qualification of the plan, the same in both panels and in a compared plan.
    colours = dict(
        zip(
            sorted({*plan.foreign, *plan.host_cadre}),
            palette(len({*plan.foreign, *plan.host_cadre})),
            strict=True,
        )
    )
    mode = say(plan.mode.value)
    top.set_title(title + say("Training force by qualification (%(mode)s)") % {"mode": mode})
    bottom.set_title(say("Host instructor cadre"))
    panels: list[tuple[Axes, dict[str, tuple[float, ...]], str, Corner, str, int]] = [
        (top, plan.foreign, "foreign instructors", "upper right", NO_FOREIGN, 0),
        (bottom, plan.host_cadre, "certified host instructors", "upper left", NO_CADRE, 1),
    ]
    for axes, series, label, corner, empty, peak in panels:
        shown = [q for q, values in series.items() if max(values, default=0) > 0.01]
        if not shown:
            nothing_to_draw(axes, say(empty))
            continue
        axes.stackplot(
            months,
            *[series[q] for q in shown],
            labels=shown,
            colors=[colours[q] for q in shown],
            alpha=0.85,
        )
        axes.legend(loc=mirrored(corner, words), fontsize=7, ncol=2)
        axes.set_ylabel(say(label))
        if tops is not None:
            axes.set_ylim(0, tops[peak])
        number_ticks(axes, words)
    month_ticks(bottom, words)
    month_ticks(top, words)
    figure.autofmt_xdate()
    if not bottom.axison:  # the months, which the bottom panel no longer shows
        top.tick_params(labelbottom=True, labelrotation=30)
        figure.subplots_adjust(hspace=0.6)
    return figure


def graduates_figure(plan: CapacityPlan, title: str = "", words: Words = ENGLISH) -> Figure:
    say = words.say
    wanted: dict[tuple[str, int], float] = defaultdict(float)
    trained: dict[tuple[str, int], float] = defaultdict(float)
    for o in plan.outcomes:
        if o.intake:  # entrants, not graduates: the plan's table lists them
            continue
        wanted[o.discipline, o.year] += o.wanted
        trained[o.discipline, o.year] += min(o.graduated, o.wanted)
    disciplines = sorted({d for d, _ in wanted})
    years = sorted({y for _, y in wanted})
    figure, axes = _subplots(figsize=(11, 4.5))
    axes.set_title(title + say("Graduates against demand (grey: demand)"))
    if not years:  # a reader may be shown no demand at all (every course withheld)
        nothing_to_draw(axes, say(NO_DEMAND))
        return figure
    width = 0.8 / len(years)
    for i, (year, colour) in enumerate(zip(years, palette(len(years)), strict=True)):
        xs = [d + i * width for d in range(len(disciplines))]
        axes.bar(
            xs,
            [wanted[d, year] for d in disciplines],
            width,
            color="lightgrey",
            edgecolor="grey",
            label=say("demand") if i == 0 else None,
        )
        axes.bar(
            xs,
            [trained[d, year] for d in disciplines],
            width * 0.6,
            color=colour,
            label=str(year),
        )
    axes.set_xticks([d + 0.4 - width / 2 for d in range(len(disciplines))], disciplines)
    axes.set_ylabel(say("people trained a year"))
    number_ticks(axes, words)
    axes.legend(fontsize=7, ncol=len(years) + 1)
    return figure


def handover_figure(plan: CapacityPlan, title: str = "", words: Words = ENGLISH) -> Figure:
    say = words.say
    subjects = list(plan.handovers) + list(plan.site_handovers)
    figure, axes = _subplots(figsize=(11, 0.4 * len(subjects) + 1.5))
    axes.set_title(
        title + say("Foreign instructors needed until handover (disciplines, then sites)")
    )
    if not subjects or not plan.months:
        nothing_to_draw(axes, say(NO_HANDOVER))
        return figure
    start, end = plan.months[0], plan.months[-1]
    disciplines, sites = palette(2)
    for row, h in enumerate(subjects):
        until = h.month or end
        axes.barh(
            row,
            (until - start).days,
            left=mdates.date2num(start),
            color=disciplines if row < len(plan.handovers) else sites,
        )
        if h.month is not None and h.index == 0:
            label = say("none needed")
        else:
            label = month_label(h.month, words, "not within the horizon")
        axes.text(mdates.date2num(until), row, f"  {label}", va="center", fontsize=7)
    axes.set_yticks(range(len(subjects)), [h.subject for h in subjects])
    axes.invert_yaxis()
    axes.set_xlim(mdates.date2num(start), mdates.date2num(end) + 31)
    axes.xaxis_date()
    month_ticks(axes, words)
    figure.autofmt_xdate()  # Arabic month names are long: slanted, they do not overlap
    return figure


def write_sweep_plots(
    ranges: SweepRanges, directory: pathlib.Path, title: str = ""
) -> list[pathlib.Path]:
    """Write the two plots of a sweep to `directory`; the files written."""
    return _write(
        directory,
        ("sweep-force", lambda: sweep_force_figure(ranges, title)),
        ("sweep-handovers", lambda: sweep_handover_figure(ranges, title)),
    )


def sweep_force_figure(ranges: SweepRanges, title: str = "", words: Words = ENGLISH) -> Figure:
    """The foreign training force (and the whole deployed force) by month: the P10-P90 band
    and the P50 line."""
    say = words.say
    panels = [(say("foreign instructors"), ranges.force)]
    if ranges.deployed.p50:
        panels.append((say("whole deployed force"), ranges.deployed))
    figure, axes = _subplots(len(panels), 1, figsize=(11, 3.8 * len(panels)), sharex=True)
    months = mdates.date2num(list(ranges.months))
    for axis, (label, band) in zip(figure.axes, panels, strict=True):
        axis.fill_between(months, band.p10, band.p90, alpha=0.3, label=say("P10 to P90"))
        axis.plot(months, band.p50, linewidth=1.6, label=say("P50"))
        axis.set_ylabel(label)
        axis.legend(loc=mirrored("upper right", words), fontsize=7)
        number_ticks(axis, words)
    figure.axes[0].set_title(
        title
        + say("Force by month over %(samples)s samples of the uncertain figures")
        % {"samples": words.number(ranges.samples)}
    )
    figure.axes[-1].xaxis_date()
    month_ticks(figure.axes[-1], words)
    figure.autofmt_xdate()
    del axes
    return figure


def sweep_handover_figure(ranges: SweepRanges, title: str = "", words: Words = ENGLISH) -> Figure:
    """Each discipline's handover month as an interval, P10 to P90, with P50 marked; a
    handover beyond the horizon runs to its edge."""
    say = words.say
    figure, axes = _subplots(figsize=(11, 0.45 * len(ranges.handovers) + 1.5))
    start, end = ranges.months[0], ranges.months[-1]
    edge = mdates.date2num(end) + 31
    for row, h in enumerate(ranges.handovers):
        low, mid, high = (edge if m is None else mdates.date2num(m) for m in (h.p10, h.p50, h.p90))
        axes.barh(row, max(high - low, 8), left=low, height=0.5, color="tab:blue", alpha=0.35)
        axes.plot([mid], [row], marker="|", markersize=14, color="tab:blue")
        month = month_label(h.p50, words, "not within the horizon")
        if h.beyond:
            label = say("P50 %(month)s, %(beyond)s of %(samples)s not within") % {
                "month": month,
                "beyond": words.number(h.beyond),
                "samples": words.number(ranges.samples),
            }
        else:
            label = say("P50 %(month)s") % {"month": month}
        axes.text(high, row, f"  {label}", va="center", fontsize=7)
    axes.set_yticks(range(len(ranges.handovers)), [h.subject for h in ranges.handovers])
    axes.invert_yaxis()
    axes.set_xlim(mdates.date2num(start), edge + 200)
    axes.xaxis_date()
    month_ticks(axes, words)
    figure.autofmt_xdate()  # Arabic month names are long: slanted, they do not overlap
    axes.set_title(title + say("Handover month, P10 to P90 (mark: P50)"))
    return figure
