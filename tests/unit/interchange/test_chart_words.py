"""The figures in the reader's language: Arabic joined and ordered right to left in the drawn
image, every sentence a figure asks for translated, a colour for each series, one scale for
compared plans, and a sentence where a panel would be empty."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from cadre.interchange import capacity_plots, force_plots
from cadre.interchange.chart_parts import drawing, palette
from cadre.interchange.words import ENGLISH, Words
from cadre.services.plans.plots import CAPACITY_PLOTS, FORCE_PLOTS
from cadre.web.chart_words import CHART_TEXTS, words_in
from cadre.web.i18n import translations
from tests.chart_samples import capacity_plan, fill_report, sweep_ranges

ARABIC = words_in("ar")
USE = re.compile(r'<use xlink:href="#DejaVuSans-([0-9a-f]+)"(?: transform="translate\(([-\d.]+) )?')


def _svg(make: Callable[[], Figure], words: Words) -> str:
    out = io.StringIO()
    with drawing(words), matplotlib.rc_context({"svg.fonttype": "path"}):
        make().savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _nominal(text: str) -> set[int]:
    """The glyphs of the letters as the font maps them, unjoined."""
    font = FT2Font(font_manager.findfont("DejaVu Sans"))
    return {font.get_char_index(ord(c)) for c in text}


def _glyphs_of(svg: str, text: str) -> list[tuple[int, float]]:
    """The glyphs drawn for one text (the SVG keeps the text as a comment before them), with
    their x positions."""
    start = svg.index(f"<!-- {text} -->")
    end = svg.index("</g>", svg.index("<use", start))
    return [(int(g, 16), float(x or 0)) for g, x in USE.findall(svg[start:end])]


def test_an_arabic_title_is_drawn_with_joined_letter_forms() -> None:
    svg = _svg(lambda: force_plots.required_vs_pledged(fill_report(), "", ARABIC), ARABIC)
    title = ARABIC.say("Critical posts")
    assert title == "المناصب الحرجة"
    drawn = {g for g, _ in _glyphs_of(svg, title)}
    # Joined letters are other glyphs than the letters' own: most of the title's are.
    assert len(drawn - _nominal(title)) >= 5


def test_an_english_title_is_drawn_with_the_letters_own_glyphs() -> None:
    """The check above can fail: text that needs no joining uses the plain glyphs."""
    svg = _svg(lambda: force_plots.required_vs_pledged(fill_report()), ENGLISH)
    assert {g for g, _ in _glyphs_of(svg, "Critical posts")} <= _nominal("Critical posts")


def test_arabic_runs_right_to_left() -> None:
    # "ابت": the alef, first in reading order, does not join, so it keeps its own glyph and
    # must be drawn rightmost.
    def make() -> Figure:
        figure = Figure(figsize=(3, 1))
        figure.text(0.5, 0.5, "ابت")
        return figure

    glyphs = _glyphs_of(_svg(make, ARABIC), "ابت")
    alef = next(g for g in _nominal("ا"))
    assert len(glyphs) == 3
    assert max(glyphs, key=lambda item: item[1])[0] == alef


def _asked(make: Callable[[Words], Figure]) -> set[str]:
    asked: set[str] = set()

    def say(text: str) -> str:
        asked.add(text)
        return ARABIC.say(text)

    words = Words(say=say, month=ARABIC.month, number=ARABIC.number, language="ar", rtl=True)
    with drawing(words):
        make(words).savefig(io.BytesIO(), format="png")
    return asked


FIGURES: list[Callable[[Words], Figure]] = [
    *(
        (lambda words, draw=draw, plan=plan: draw(plan, "", words))
        for draw in CAPACITY_PLOTS.values()
        for plan in (capacity_plan(), capacity_plan(empty=True))
    ),
    *(
        (lambda words, draw=draw, report=report: draw(report, "", words))
        for draw in FORCE_PLOTS.values()
        for report in (fill_report(), fill_report(critical=False), fill_report(empty=True))
    ),
    *(
        (lambda words, draw=draw, ranges=ranges: draw(ranges, "", words))
        for draw in (capacity_plots.sweep_force_figure, capacity_plots.sweep_handover_figure)
        for ranges in (sweep_ranges(), sweep_ranges(deployed=False))
    ),
]


def test_every_sentence_a_figure_asks_for_is_listed_and_has_arabic() -> None:
    asked = set().union(*(_asked(make) for make in FIGURES))
    assert len(asked) > 20  # the figures asked at all, the empty ones included
    assert asked - CHART_TEXTS == set()
    catalogue = translations("ar")
    assert {t for t in CHART_TEXTS if catalogue.gettext(t) == t} == set()


def test_months_and_titles_are_in_arabic() -> None:
    svg = _svg(lambda: capacity_plots.force_figure(capacity_plan(), "", ARABIC), ARABIC)
    assert "<!-- كانون الثاني 2027 -->" in svg
    assert "<!-- قوة التدريب حسب المؤهل (تحديد الحجم) -->" in svg
    assert "Jan 2027" not in svg
    assert "Training force" not in svg


def _colours(figure: Figure) -> list[list[str]]:
    return [
        [to_hex(c.get_facecolor()[0]) for c in axes.collections if isinstance(c, PolyCollection)]
        for axes in figure.axes
    ]


@pytest.mark.parametrize("qualifications", [3, 11, 25])
def test_no_two_qualifications_share_a_colour(qualifications: int) -> None:
    figure = capacity_plots.force_figure(capacity_plan(qualifications))
    for panel in _colours(figure):
        assert len(panel) == qualifications
        assert len(set(panel)) == qualifications
    assert len({to_hex(c) for c in palette(qualifications)}) == qualifications


def test_the_force_panels_draw_each_series_in_its_own_colour() -> None:
    figure = force_plots.required_vs_pledged(fill_report())
    for axes in figure.axes:
        series = [to_hex(line.get_color()) for line in axes.lines]
        series += [to_hex(c.get_facecolor()[0]) for c in axes.collections]
        assert len(series) == len(set(series)) >= 2


def test_compared_plans_share_their_y_scales() -> None:
    small, large = capacity_plan(scale=1.0), capacity_plan(scale=5.0)
    alone = [a.get_ylim() for a in capacity_plots.force_figure(small).axes]
    peaks = zip(capacity_plots.force_peaks(small), capacity_plots.force_peaks(large), strict=True)
    tops = tuple(max(pair) * 1.05 for pair in peaks)
    both = [
        [a.get_ylim() for a in capacity_plots.force_figure(plan, tops=(tops[0], tops[1])).axes]
        for plan in (small, large)
    ]
    assert both[0] == both[1]
    assert both[0] != alone  # the small plan alone had its own, lower, scale
    assert both[0][0][1] >= capacity_plots.force_peaks(large)[0]


def test_an_empty_critical_panel_is_a_sentence_in_the_readers_language() -> None:
    figure = force_plots.required_vs_pledged(fill_report(critical=False), "", ARABIC)
    bottom = figure.axes[1]
    assert not bottom.axison
    assert not bottom.collections
    assert not bottom.lines
    said = [t.get_text() for t in bottom.texts]
    assert said == [ARABIC.say(force_plots.NO_CRITICAL)]
    assert said[0].startswith("لا منصب حرجًا")
    filled = force_plots.required_vs_pledged(fill_report(critical=True), "", ARABIC)
    assert filled.axes[1].axison
    assert not filled.axes[1].texts


@pytest.mark.parametrize(
    "draw",
    [capacity_plots.force_figure, capacity_plots.graduates_figure, capacity_plots.handover_figure],
)
def test_an_empty_capacity_figure_says_so(draw: Callable[..., Figure]) -> None:
    figure = draw(capacity_plan(empty=True), "", ARABIC)
    assert all(not a.axison and a.texts for a in figure.axes)


def test_the_fill_shares_are_written_by_the_reader_s_locale() -> None:
    words = Words(percent=lambda share: f"<{share:.2f}>")
    figure = force_plots.fill_by_qualification(fill_report(), "", words)
    # Drawn bottom up: ENG (60 of 60), then INF (90 of 120).
    assert [t.get_text() for t in figure.axes[0].texts] == [" <1.00>", " <0.75>"]
    english = force_plots.fill_by_qualification(fill_report())
    assert [t.get_text() for t in english.axes[0].texts] == [" 100%", " 75%"]
