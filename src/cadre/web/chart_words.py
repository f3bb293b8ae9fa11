"""The words of the figures and exports, for the reader of a page: the sentences the plots and
workbooks ask for (listed here so the catalogue extraction finds them, and a test checks that
every sentence a figure asks for is one of them), and `reader_words`, which answers them from
the web app's catalogue in the reader's language."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from cadre.services.plans.plots import ENGLISH, Words
from cadre.web import i18n
from cadre.web.messages import N_

CHART_TEXTS = frozenset(
    {
        # force generation
        N_("Posts required, people pledged and placed, by month"),
        N_("Critical posts"),
        N_("required"),
        N_("pledged"),
        N_("placed"),
        N_("filled"),
        N_("people"),
        N_("post-months"),
        N_("Fill by qualification"),
        N_("No post of this plan is critical, so there is no critical fill to draw."),
        N_("No post of this plan asks for a qualification yet."),
        N_("The plan covers no month yet."),
        # capacity
        N_("Training force by qualification (%(mode)s)"),
        N_("sizing"),
        N_("check"),
        N_("Host instructor cadre"),
        N_("foreign instructors"),
        N_("certified host instructors"),
        N_("Graduates against demand (grey: demand)"),
        N_("demand"),
        N_("people trained a year"),
        N_("Foreign instructors needed until handover (disciplines, then sites)"),
        N_("none needed"),
        N_("not within the horizon"),
        N_("This plan needs no foreign instructor in any month."),
        N_("This plan certifies no host instructor within its horizon."),
        N_("There is no demand for graduates that you may see in this plan."),
        N_("There is no discipline or site to hand over in this plan."),
    }
)


EXPORT_TEXTS = frozenset(
    {
        # iCalendar
        N_("%(mission)s instructor %(code)s"),
        N_("%(mission)s site %(code)s"),
        N_("%(mission)s cohort %(code)s"),
        N_("%(site)s, room %(room)s"),
        N_("Run %(run)s, %(first)s to %(last)s"),
        N_("Instructors: %(names)s"),
        N_("Co-teaching: %(pairs)s"),
        N_("%(learner)s with %(mentor)s"),
        N_("Cohort: %(cohort)s"),
        # the timetable workbook
        N_("Runs"),
        N_("Assignments"),
        N_("run"),
        N_("course"),
        N_("title"),
        N_("site"),
        N_("room"),
        N_("cohort"),
        N_("first day"),
        N_("last day"),
        N_("teaching days"),
        N_("instructors"),
        N_("co-teaching"),
        N_("placed"),
        N_("why not placed"),
        N_("instructor"),
        N_("name"),
        N_("nation"),
        N_("role"),
        N_("mentor"),
        N_("yes"),
        N_("no"),
        N_("certified"),
        N_("under certification"),
        N_("week from"),
        N_("open class"),
        # a run's roster
        N_("Roster"),
        N_("About"),
        N_("Trainee id"),
        N_("Service"),
        N_("Service number"),
        N_("Name (Latin letters)"),
        N_("Score"),
        N_("mission"),
        N_("marks"),
        N_("P present, A absent, E excused; leave a cell as it is to keep it"),
    }
)


def words_in(code: str) -> Words:
    """The words of one language, bound to it (a figure may be drawn after the request's
    language is reset, and the kept drawing must not change language)."""
    if code == i18n.DEFAULT or code not in i18n.LANGUAGES:
        return ENGLISH
    language = i18n.LANGUAGES[code]
    catalogue = i18n.translations(code)

    def month(value: dt.date) -> str:
        return format_date(value, "MMM y", locale=language.locale)

    def day(value: dt.date) -> str:
        return format_date(value, "d MMM y", locale=language.locale)

    def number(value: float) -> str:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.0"
        return format_decimal(value, pattern, locale=language.locale)

    def percent(share: float) -> str:
        return format_percent(share, "#,##0%", locale=language.locale)

    return Words(
        say=catalogue.gettext,
        month=month,
        day=day,
        number=number,
        percent=percent,
        language=code,
        rtl=language.direction == "rtl",
    )


def reader_words() -> Words:
    return words_in(i18n.current.get().code)
