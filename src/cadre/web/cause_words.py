"""The causes a timetable gives for the runs it leaves out, in the web app's words and the
reader's language (the codes are in `domain/timetable/causes.py`), marked here so `make
messages` extracts them for translation."""

from __future__ import annotations

from markupsafe import Markup, escape

from cadre.domain.timetable.causes import Cause, PlanLine
from cadre.web import i18n
from cadre.web.terms import term


def N_(message: str) -> str:
    return message


WORDS: dict[Cause, str] = {
    Cause.WINDOW_TOO_SHORT: N_("The plan's window is too short for the course"),
    Cause.FORCE_GAP: N_("Force generation left the post unfilled"),
    Cause.FORCE_CAVEAT: N_("A national caveat forbids it"),
    Cause.BEFORE_ARRIVAL: N_("No trainer who may teach it is in theatre then"),
    Cause.TOO_FEW: N_("Too few trainers in theatre together"),
    Cause.ROOM_TOO_SMALL: N_("No room at the site seats the class"),
    Cause.ROOMS_SHORT: N_("The site has too few rooms for the plan's runs"),
    Cause.ROOMS_TAKEN: N_("The site's rooms are taken at every possible start"),
    Cause.PREREQUISITE: N_("The cohort's earlier course is not done in time"),
    Cause.COHORT_BUSY: N_("The cohort is in other runs"),
    Cause.UNSOLVED: N_("The solver ran out of time"),
}


def cause_words(cause: Cause) -> str:
    return i18n.gettext_(WORDS[cause])


def plan_line_words(line: PlanLine | None) -> Markup:
    """The capacity plan line a run came from, in the reader's language; its codes marked
    as Latin text on a page in another language."""
    from cadre.web.templating import latin  # the templates' own filter; it imports this module

    if line is None:
        return escape(i18n.gettext_(N_("Listed in the scenario")))
    sentence = Markup(  # our own catalogue's text: the values are escaped as they go in
        i18n.gettext_(N_("%(course)s at %(site)s, %(month)s, %(mode)s: %(runs)s runs"))
    )
    return sentence % {
        "course": latin(line.course),
        "site": latin(line.site),
        "month": i18n.month(line.month),
        "mode": term(line.mode),
        "runs": i18n.number(line.runs, 2),
    }
