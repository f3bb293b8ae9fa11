"""The words of the figures and exports, for the reader of a page: the sentences the plots and
workbooks ask for (listed here so the catalogue extraction finds them, and a test checks that
every sentence a figure asks for is one of them), and `reader_words`, which answers them from
the catalogue in the reader's language (`words_in`, shared with the CLI)."""

from __future__ import annotations

from cadre.services.plans.plots import Words
from cadre.services.system.language import words_in
from cadre.web import i18n
from cadre.web.messages import N_

__all__ = ["CHART_TEXTS", "EXPORT_TEXTS", "reader_words", "words_in"]

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
        # a capacity sweep's ranges (the mission brief draws them)
        N_("whole deployed force"),
        N_("P10 to P90"),
        N_("P50"),
        N_("Force by month over %(samples)s samples of the uncertain figures"),
        N_("P50 %(month)s"),
        N_("P50 %(month)s, %(beyond)s of %(samples)s not within"),
        N_("Handover month, P10 to P90 (mark: P50)"),
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


def reader_words() -> Words:
    return words_in(i18n.current.get().code)
