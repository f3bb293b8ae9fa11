"""The mission brief as a PDF, in English or Arabic (Arabic shaped and set right to left by
Pango through WeasyPrint, as for certificates). The page is HTML (templates/brief.html); the
figures come as plain values, the charts as PNG images the caller drew."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import pathlib
from collections.abc import Callable
from typing import Any

import jinja2
import weasyprint
from babel.dates import format_date
from babel.numbers import format_decimal

from cadre.interchange.words import Words

TEMPLATES = pathlib.Path(__file__).parent / "templates"
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
)
LANGUAGES = ("en", "ar")

# The brief's sentences, in English: each is said in the brief's language by the words the
# caller gives (`words.Words`, from the one catalogue of the app's words; the web app lists them
# for extraction in web/brief_words.py, and a test checks the two lists agree).
SENTENCES: dict[str, str] = {
    "title": "Mission brief",
    "made": "Made on %(day)s for %(reader)s.",
    "period": "From %(start)s to %(end)s.",
    "headline": "Headline figures",
    "peak": "Peak training force",
    "deployed": "Whole deployed force at its peak",
    "instructors": "instructors",
    "people": "people",
    "instructors_in": "instructors in %(month)s",
    "people_in": "people in %(month)s",
    "plan": "Adopted capacity plan, version %(n)s.",
    "no_plan": "No capacity plan is adopted and released to you.",
    "continuous": "Runs are continuous: a fraction of a run is a share of a month's teaching, "
    "not a class.",
    "whole_runs": "Whole runs: %(unmet)s more people unmet than the continuous plan, which no "
    "whole-run plan can beat.",
    "by_month": "Force by month",
    "ranges": "Ranges from capacity sweep %(n)s: P10 to P90 over the uncertain figures.",
    "no_ranges": "No capacity sweep gives ranges for this plan.",
    "month": "Month",
    "force": "Instructors",
    "whole": "Whole force",
    "handover": "Handover timeline",
    "discipline": "Discipline",
    "handover_month": "Handover",
    "target": "Target",
    "beyond": "beyond the horizon",
    "earliest": "Could hand over from",
    "fill": "Fill and shortfalls",
    "fill_line": "Force plan %(n)s: %(filled)s of %(required)s post-months filled (%(share)s).",
    "critical_line": "Critical posts: %(filled)s of %(required)s post-months filled.",
    "no_force": "No force plan is released to you.",
    "line": "Line",
    "post_months": "Post-months short",
    "from_to": "From – to",
    "worst": "Most empty at once",
    "shown_of": "%(shown)s of %(count)s shortfalls shown.",
    "no_short": "No shortfall.",
    "gaps": "Coordination gaps",
    "governorate": "Governorate",
    "demand": "Demand",
    "covered": "Covered",
    "short": "Short",
    "no_gaps": "No coordination gap.",
    "no_register": "The coordination register is not released to you.",
}


def words(say: Callable[[str], str]) -> dict[str, str]:
    return {key: say(sentence) for key, sentence in SENTENCES.items()}


def png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


# Dates and numbers as each language's readers write them (Babel): Iraqi Arabic names its
# months as in Iraq (أيار for May) and keeps Western digits, as the web app does.
LOCALES = {"en": "en_GB", "ar": "ar_IQ"}


def month_text(month: dt.date | None, lang: str = "en") -> str:
    return format_date(month, "MMM y", locale=LOCALES[lang]) if month is not None else ""


def day_text(day: dt.date, lang: str = "en") -> str:
    return format_date(day, "d MMM y", locale=LOCALES[lang])


def number_text(value: float, lang: str = "en", digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=LOCALES[lang])


def brief_html(brief: Any, charts: dict[str, bytes], language: Words) -> str:
    """`brief`: the brief as plain values (services/brief/contents.py); `charts`: PNGs;
    `language`: the words of the language it is written in."""
    lang = language.language
    if lang not in LANGUAGES:
        raise ValueError(f"a brief is written in {' or '.join(LANGUAGES)}, not {lang}")
    w = words(language.say)
    return _ENVIRONMENT.get_template("brief.html").render(
        b=brief,
        w=w,
        lang=lang,
        rtl=lang == "ar",
        charts={name: png_uri(data) for name, data in charts.items()},
        month=functools.partial(month_text, lang=lang),
        day=functools.partial(day_text, lang=lang),
        number=functools.partial(number_text, lang=lang),
    )


def brief_pdf(brief: Any, charts: dict[str, bytes], language: Words) -> bytes:
    html = brief_html(brief, charts, language)
    pdf: bytes = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return pdf
