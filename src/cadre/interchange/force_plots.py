"""Plots of force generation, as PNG and SVG: people required, pledged and placed over time,
critical posts apart, and the fill of each qualification. Figures are drawn without pyplot
(no global state, no screen), with Matplotlib's Agg and SVG canvases, in the reader's words
(English for the files the CLI writes)."""

from __future__ import annotations

import pathlib
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cadre.domain.force.fill import FillReport
from cadre.interchange.chart_parts import (
    Colour,
    drawing,
    mirrored,
    month_ticks,
    nothing_to_draw,
    number_ticks,
    palette,
)
from cadre.interchange.words import ENGLISH, Words

NO_CRITICAL = "No post of this plan is critical, so there is no critical fill to draw."
NO_QUALIFICATION = "No post of this plan asks for a qualification yet."
NO_MONTH = "The plan covers no month yet."


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
            with drawing(ENGLISH):
                figure.savefig(path, dpi=120, bbox_inches="tight", metadata=metadata)
            written.append(path)
    return written


def required_vs_pledged(report: FillReport, title: str = "", words: Words = ENGLISH) -> Figure:
    say = words.say
    figure = Figure(figsize=(11, 7))
    top, bottom = figure.subplots(2, 1, sharex=True)
    months = [m.month for m in report.by_month]
    required, pledged, placed, critical = palette(4)
    top.set_title(title + say("Posts required, people pledged and placed, by month"))
    bottom.set_title(say("Critical posts"))
    if not months:
        nothing_to_draw(top, say(NO_MONTH))
        nothing_to_draw(bottom, say(NO_MONTH))
        return figure
    by_month = report.by_month
    _people(
        top,
        months,
        [
            ([m.required for m in by_month], "required", required),
            ([m.pledged for m in by_month], "pledged", pledged),
        ],
        ([m.filled for m in by_month], placed),
        words,
    )
    if any(m.critical_required for m in by_month):
        _people(
            bottom,
            months,
            [([m.critical_required for m in by_month], "required", required)],
            ([m.critical_filled for m in by_month], critical),
            words,
        )
    else:
        nothing_to_draw(bottom, say(NO_CRITICAL))
    month_ticks(top, words)
    month_ticks(bottom, words)
    figure.autofmt_xdate()
    if not bottom.axison:  # the months, which the bottom panel no longer shows
        top.tick_params(labelbottom=True, labelrotation=30)
        figure.subplots_adjust(hspace=0.6)
    return figure


def _people(
    axes: Axes,
    months: list[Any],  # dates, which Matplotlib's types do not name
    lines: list[tuple[list[int], str, Colour]],
    placed: tuple[list[int], Colour],
    words: Words,
) -> None:
    """People by month: `lines` as steps, the people placed as a shaded area under them."""
    for values, label, colour in lines:
        axes.step(months, values, where="post", label=words.say(label), color=colour)
    values, colour = placed
    axes.fill_between(
        months, values, step="post", alpha=0.35, color=colour, label=words.say("placed")
    )
    axes.set_ylabel(words.say("people"))
    axes.legend(loc=mirrored("upper right", words))
    number_ticks(axes, words)


def fill_by_qualification(report: FillReport, title: str = "", words: Words = ENGLISH) -> Figure:
    say = words.say
    rows = list(reversed(report.by_qualification))
    figure = Figure(figsize=(9, 1.2 + 0.35 * max(1, len(rows))))
    axes = figure.subplots()
    axes.set_title(title + say("Fill by qualification"))
    if not rows:
        nothing_to_draw(axes, say(NO_QUALIFICATION))
        return figure
    names = [r.key for r in rows]
    axes.barh(names, [r.required for r in rows], color="lightgrey", label=say("required"))
    axes.barh(names, [r.filled for r in rows], color=palette(1)[0], label=say("filled"))
    for y, r in enumerate(rows):
        axes.text(r.required, y, f" {words.percent(r.share)}", va="center", fontsize=8)
    axes.set_xlabel(say("post-months"))
    axes.legend(loc=mirrored("lower right", words))
    number_ticks(axes, words, "x")
    return figure
