"""Plots of a capacity plan, as PNG and SVG: what planners would rather look at than read."""

from __future__ import annotations

import pathlib
from collections import defaultdict
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # files only: no screen on a server or in CI

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.uncertainty import SweepRanges


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
            figure.savefig(path, dpi=120, bbox_inches="tight", metadata=_metadata(suffix))
            written.append(path)
        plt.close(figure)
    return written


def _metadata(suffix: str) -> dict[str, str | None]:
    # Without a fixed date SVGs differ on every run, which makes them useless to compare.
    return {"Date": None} if suffix == "svg" else {}


def force_figure(plan: CapacityPlan, title: str = "") -> Figure:
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7.5), sharex=True)
    months = list(plan.months)
    shown = [q for q, series in plan.foreign.items() if max(series, default=0) > 0.01]
    if shown:
        top.stackplot(months, *[plan.foreign[q] for q in shown], labels=shown, alpha=0.85)
        top.legend(loc="upper right", fontsize=7, ncol=2)
    top.set_ylabel("foreign instructors")
    top.set_title(f"{title}Training force by qualification ({plan.mode.value})")
    cadre = [q for q, series in plan.host_cadre.items() if max(series, default=0) > 0.01]
    if cadre:
        bottom.stackplot(months, *[plan.host_cadre[q] for q in cadre], labels=cadre, alpha=0.85)
        bottom.legend(loc="upper left", fontsize=7, ncol=2)
    bottom.set_ylabel("certified host instructors")
    bottom.set_title("Host instructor cadre")
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    figure.autofmt_xdate()
    return figure


def graduates_figure(plan: CapacityPlan, title: str = "") -> Figure:
    wanted: dict[tuple[str, int], float] = defaultdict(float)
    trained: dict[tuple[str, int], float] = defaultdict(float)
    for o in plan.outcomes:
        if o.intake:  # entrants, not graduates: the plan's table lists them
            continue
        wanted[o.discipline, o.year] += o.wanted
        trained[o.discipline, o.year] += min(o.graduated, o.wanted)
    disciplines = sorted({d for d, _ in wanted})
    years = sorted({y for _, y in wanted})
    figure, axes = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / max(1, len(years))
    for i, year in enumerate(years):
        xs = [d + i * width for d in range(len(disciplines))]
        axes.bar(
            xs,
            [wanted[d, year] for d in disciplines],
            width,
            color="lightgrey",
            edgecolor="grey",
            label="demand" if i == 0 else None,
        )
        axes.bar(xs, [trained[d, year] for d in disciplines], width * 0.6, label=str(year))
    axes.set_xticks([d + 0.4 - width / 2 for d in range(len(disciplines))], disciplines)
    axes.set_ylabel("people trained a year")
    axes.set_title(f"{title}Graduates against demand (grey: demand)")
    if years:  # a reader may be shown no demand at all (every course withheld)
        axes.legend(fontsize=7, ncol=len(years) + 1)
    return figure


def handover_figure(plan: CapacityPlan, title: str = "") -> Figure:
    subjects = list(plan.handovers) + list(plan.site_handovers)
    figure, axes = plt.subplots(figsize=(11, 0.4 * len(subjects) + 1.5))
    start, end = plan.months[0], plan.months[-1]
    for row, h in enumerate(subjects):
        until = h.month or end
        axes.barh(
            row,
            (until - start).days,
            left=mdates.date2num(start),
            color="tab:blue" if row < len(plan.handovers) else "tab:cyan",
        )
        if h.month is None:
            label = "not within the horizon"
        elif h.index == 0:
            label = "none needed"
        else:
            label = h.month.strftime("%b %Y")
        axes.text(mdates.date2num(until), row, f"  {label}", va="center", fontsize=7)
    axes.set_yticks(range(len(subjects)), [h.subject for h in subjects])
    axes.invert_yaxis()
    axes.set_xlim(mdates.date2num(start), mdates.date2num(end) + 31)
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_title(f"{title}Foreign instructors needed until handover (disciplines, then sites)")
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


def sweep_force_figure(ranges: SweepRanges, title: str = "") -> Figure:
    """The foreign training force (and the whole deployed force) by month: the P10-P90 band
    and the P50 line."""
    panels = [("foreign instructors", ranges.force)]
    if ranges.deployed.p50:
        panels.append(("whole deployed force", ranges.deployed))
    figure, axes = plt.subplots(len(panels), 1, figsize=(11, 3.8 * len(panels)), sharex=True)
    months = mdates.date2num(list(ranges.months))
    for axis, (label, band) in zip(figure.axes, panels, strict=True):
        axis.fill_between(months, band.p10, band.p90, alpha=0.3, label="P10-P90")
        axis.plot(months, band.p50, linewidth=1.6, label="P50")
        axis.set_ylabel(label)
        axis.legend(loc="upper right", fontsize=7)
    figure.axes[0].set_title(
        f"{title}Force by month over {ranges.samples} samples of the uncertain figures"
    )
    figure.axes[-1].xaxis_date()
    figure.axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    figure.autofmt_xdate()
    del axes
    return figure


def sweep_handover_figure(ranges: SweepRanges, title: str = "") -> Figure:
    """Each discipline's handover month as an interval, P10 to P90, with P50 marked; a
    handover beyond the horizon runs to its edge."""
    figure, axes = plt.subplots(figsize=(11, 0.45 * len(ranges.handovers) + 1.5))
    start, end = ranges.months[0], ranges.months[-1]
    edge = mdates.date2num(end) + 31
    for row, h in enumerate(ranges.handovers):
        low, mid, high = (edge if m is None else mdates.date2num(m) for m in (h.p10, h.p50, h.p90))
        axes.barh(row, max(high - low, 8), left=low, height=0.5, color="tab:blue", alpha=0.35)
        axes.plot([mid], [row], marker="|", markersize=14, color="tab:blue")
        beyond = f", {h.beyond} of {ranges.samples} not within" if h.beyond else ""
        median = h.p50.strftime("%b %Y") if h.p50 else "not within the horizon"
        axes.text(high, row, f"  P50 {median}{beyond}", va="center", fontsize=7)
    axes.set_yticks(range(len(ranges.handovers)), [h.subject for h in ranges.handovers])
    axes.invert_yaxis()
    axes.set_xlim(mdates.date2num(start), edge + 200)
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    axes.set_title(f"{title}Handover month, P10 to P90 (mark: P50)")
    return figure
