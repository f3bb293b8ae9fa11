"""Plots of force generation, as PNG and SVG: people required, pledged and placed over time,
critical posts apart, and the fill of each qualification. Figures are drawn without pyplot
(no global state, no screen), with Matplotlib's Agg and SVG canvases."""

from __future__ import annotations

import pathlib

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from cadre.domain.force.fill import FillReport


def write_force_plots(
    report: FillReport, directory: pathlib.Path, title: str = ""
) -> list[pathlib.Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, figure in (
        ("required-vs-pledged", required_vs_pledged(report, title)),
        ("fill-by-qualification", fill_by_qualification(report, title)),
    ):
        for suffix in ("png", "svg"):
            path = directory / f"{name}.{suffix}"
            # A fixed date keeps SVGs of the same plan identical, so they can be compared.
            metadata = {"Date": None} if suffix == "svg" else {}
            figure.savefig(path, dpi=120, bbox_inches="tight", metadata=metadata)
            written.append(path)
    return written


def required_vs_pledged(report: FillReport, title: str = "") -> Figure:
    figure = Figure(figsize=(11, 7))
    top, bottom = figure.subplots(2, 1, sharex=True)
    months = [m.month for m in report.by_month]
    top.step(months, [m.required for m in report.by_month], where="post", label="required")
    top.step(months, [m.pledged for m in report.by_month], where="post", label="pledged")
    top.fill_between(
        months, [m.filled for m in report.by_month], step="post", alpha=0.35, label="placed"
    )
    top.set_ylabel("people")
    top.set_title(f"{title}Posts required, people pledged and placed, by month")
    top.legend(loc="upper right")
    bottom.step(
        months, [m.critical_required for m in report.by_month], where="post", label="required"
    )
    bottom.fill_between(
        months,
        [m.critical_filled for m in report.by_month],
        step="post",
        alpha=0.35,
        color="tab:red",
        label="placed",
    )
    bottom.set_ylabel("people")
    bottom.set_title("Critical posts")
    bottom.legend(loc="upper right")
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))  # type: ignore[no-untyped-call]
    figure.autofmt_xdate()
    return figure


def fill_by_qualification(report: FillReport, title: str = "") -> Figure:
    rows = list(reversed(report.by_qualification))
    figure = Figure(figsize=(9, 1.2 + 0.35 * max(1, len(rows))))
    axes = figure.subplots()
    names = [r.key for r in rows]
    axes.barh(names, [r.required for r in rows], color="lightgrey", label="required")
    axes.barh(names, [r.filled for r in rows], color="tab:blue", label="filled")
    for y, r in enumerate(rows):
        axes.text(r.required, y, f" {r.share:.0%}", va="center", fontsize=8)
    axes.set_xlabel("post-months")
    axes.set_title(f"{title}Fill by qualification")
    axes.legend(loc="lower right")
    return figure
