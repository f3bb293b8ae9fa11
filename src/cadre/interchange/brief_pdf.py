"""The mission brief as a PDF, in English or Arabic (Arabic shaped and set right to left by
Pango through WeasyPrint, as for certificates). The page is HTML (templates/brief.html); the
figures come as plain values, the charts as PNG images the caller drew."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import pathlib
from typing import Any

import jinja2
import weasyprint
from babel.dates import format_date
from babel.numbers import format_decimal

TEMPLATES = pathlib.Path(__file__).parent / "templates"
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
)
LANGUAGES = ("en", "ar")

# The brief's own words in each language it is written in: a document made by the CLI as well
# as the web, so its words live here rather than in the web app's catalogue.
WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Mission brief", "ar": "موجز البعثة"},
    "made": {"en": "Made on {day} for {reader}.", "ar": "أُعدّ في {day} لـ {reader}."},
    "period": {"en": "From {start} to {end}.", "ar": "من {start} إلى {end}."},
    "headline": {"en": "Headline figures", "ar": "الأرقام الرئيسية"},
    "peak": {"en": "Peak training force", "ar": "ذروة قوة التدريب"},
    "deployed": {"en": "Whole deployed force at its peak", "ar": "القوة المنتشرة كاملة في ذروتها"},
    "in_month": {"en": "in {month}", "ar": "في {month}"},
    "instructors": {"en": "instructors", "ar": "مدرّبًا"},
    "people": {"en": "people", "ar": "فردًا"},
    "plan": {
        "en": "Adopted capacity plan, version {n}.",
        "ar": "خطة القدرات المعتمدة، الإصدار {n}.",
    },
    "no_plan": {
        "en": "No capacity plan is adopted and released to you.",
        "ar": "لا توجد خطة قدرات معتمدة ومتاحة لك.",
    },
    "by_month": {"en": "Force by month", "ar": "القوة حسب الشهر"},
    "ranges": {
        "en": "Ranges from capacity sweep {n}: P10 to P90 over the uncertain figures.",
        "ar": "النطاقات من مسح القدرات {n}: من P10 إلى P90 عبر الأرقام غير المؤكدة.",
    },
    "no_ranges": {
        "en": "No capacity sweep gives ranges for this plan.",
        "ar": "لا يوجد مسح قدرات يعطي نطاقات لهذه الخطة.",
    },
    "month": {"en": "Month", "ar": "الشهر"},
    "force": {"en": "Instructors", "ar": "المدرّبون"},
    "whole": {"en": "Whole force", "ar": "القوة كاملة"},
    "handover": {"en": "Handover timeline", "ar": "الجدول الزمني للتسليم"},
    "discipline": {"en": "Discipline", "ar": "الاختصاص"},
    "handover_month": {"en": "Handover", "ar": "التسليم"},
    "target": {"en": "Target", "ar": "الهدف"},
    "beyond": {"en": "beyond the horizon", "ar": "بعد أفق الخطة"},
    "fill": {"en": "Fill and shortfalls", "ar": "الملء والنواقص"},
    "fill_line": {
        "en": "Force plan {n}: {filled} of {required} post-months filled ({share}).",
        "ar": "خطة القوة {n}: مُلئ {filled} من {required} شهر-وظيفة ({share}).",
    },
    "critical_line": {
        "en": "Critical posts: {filled} of {required} post-months filled.",
        "ar": "الوظائف الحرجة: مُلئ {filled} من {required} شهر-وظيفة.",
    },
    "no_force": {
        "en": "No force plan is released to you.",
        "ar": "لا توجد خطة قوة متاحة لك.",
    },
    "line": {"en": "Line", "ar": "البند"},
    "post_months": {"en": "Post-months short", "ar": "أشهر-الوظائف الناقصة"},
    "from_to": {"en": "From – to", "ar": "من – إلى"},
    "worst": {"en": "Most empty at once", "ar": "أكبر عدد شاغر معًا"},
    "shown_of": {
        "en": "{shown} of {count} shortfalls shown.",
        "ar": "عُرض {shown} من {count} نقصًا.",
    },
    "no_short": {"en": "No shortfall.", "ar": "لا نقص."},
    "gaps": {"en": "Coordination gaps", "ar": "فجوات التنسيق"},
    "governorate": {"en": "Governorate", "ar": "المحافظة"},
    "demand": {"en": "Demand", "ar": "الطلب"},
    "covered": {"en": "Covered", "ar": "المغطّى"},
    "short": {"en": "Short", "ar": "النقص"},
    "no_gaps": {"en": "No coordination gap.", "ar": "لا توجد فجوات تنسيق."},
    "no_register": {
        "en": "The coordination register is not released to you.",
        "ar": "سجل التنسيق غير متاح لك.",
    },
}


def words(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"a brief is written in {' or '.join(LANGUAGES)}, not {lang}")
    return {key: pair[lang] for key, pair in WORDS.items()}


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


def brief_html(brief: Any, charts: dict[str, bytes], lang: str) -> str:
    """`brief`: the brief as plain values (services/brief/contents.py); `charts`: PNGs."""
    w = words(lang)
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


def brief_pdf(brief: Any, charts: dict[str, bytes], lang: str) -> bytes:
    html = brief_html(brief, charts, lang)
    pdf: bytes = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return pdf
