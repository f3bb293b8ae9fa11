"""What every figure of Cadre shares: month ticks and numbers in the reader's words, a colour
of its own for every series, one scale for figures meant to be compared, and a sentence
where a panel would be empty.

Arabic needs nothing more from here than its words: Matplotlib (3.11 on) lays text out with
libraqm, which joins the letters and orders a line right to left, and its DejaVu Sans has the
Arabic letters; `drawing` tells the shaper the language for its letter forms."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal

import matplotlib
import matplotlib.dates as mdates
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from cadre.interchange.words import ENGLISH, Words

Colour = tuple[float, float, float, float]


@contextlib.contextmanager
def drawing(words: Words) -> Iterator[None]:
    """Draw and save a figure inside this: tick labels are made when the figure is saved, so
    both steps must know the language."""
    with matplotlib.rc_context({"text.language": words.language}):
        yield


def month_ticks(axes: Axes, words: Words) -> None:
    def month(x: float, _position: float) -> str:
        return words.month(mdates.num2date(x).date())  # type: ignore[no-untyped-call]

    axes.xaxis.set_major_formatter(FuncFormatter(month))


def number_ticks(axes: Axes, words: Words, which: str = "y") -> None:
    """Numbers the way the reader's locale writes them; English keeps Matplotlib's own."""
    if words is ENGLISH:
        return
    axis = axes.yaxis if which == "y" else axes.xaxis
    axis.set_major_formatter(FuncFormatter(lambda value, _position: words.number(value)))


def palette(count: int) -> list[Colour]:
    """`count` colours, no two alike: the qualitative tables while they last (tab10, then
    tab20), then evenly spaced hues (the default cycle repeats after ten, and a stack of
    eleven qualifications drew two in one colour)."""
    if count <= 10:
        return [colormaps["tab10"](i) for i in range(count)]
    if count <= 20:
        return [colormaps["tab20"](i) for i in range(count)]
    return [colormaps["turbo"](i / (count - 1)) for i in range(count)]


Corner = Literal["upper right", "upper left", "lower right", "lower left"]
_MIRROR: dict[Corner, Corner] = {
    "upper right": "upper left",
    "upper left": "upper right",
    "lower right": "lower left",
    "lower left": "lower right",
}


def mirrored(location: Corner, words: Words) -> Corner:
    """A legend's corner seen from the reader's side: a right-to-left reader starts left."""
    return _MIRROR[location] if words.rtl else location


def nothing_to_draw(axes: Axes, sentence: str) -> None:
    """An empty panel says so in words instead of drawing empty axes."""
    axes.set_axis_off()
    axes.text(0.5, 0.5, sentence, ha="center", va="center", transform=axes.transAxes, fontsize=11)


def shared_top(*highest: float) -> float:
    """The top of a y scale that every compared figure shares, with a little headroom."""
    return max((*highest, 1.0)) * 1.05


def stacked_peak(series: Sequence[Sequence[float]]) -> float:
    """The highest point of series stacked on one another."""
    return max((sum(values) for values in zip(*series, strict=False)), default=0.0)


def month_label(value: dt.date | None, words: Words, otherwise: str) -> str:
    return words.say(otherwise) if value is None else words.month(value)
