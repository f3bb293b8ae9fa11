"""The training and force generation refusals in the reader's language: seats abroad, the host
instructor pathway's rule, and a nation's offer workbook, by the codes the domain gives them
(`domain/training/abroad.py`, `domain/training/pathway.py`, `interchange/pledge_*.py`).
`web/messages.py` answers them with the other errors' words."""

from __future__ import annotations

from collections.abc import Mapping

from cadre.domain.errors import Param
from cadre.web import i18n
from cadre.web.i18n import N_

REFUSAL_WORDS: dict[str, str] = {
    # seats abroad
    "abroad.dates": N_("The course ends before it starts."),
    "abroad.seats": N_("An offer has at least one seat."),
    "abroad.lang": N_("A language is written in two letters (ISO 639-1)."),
    "abroad.level": N_("A language level is from 0 to 5, and travel from 0 to 14 days."),
    "abroad.language_level": N_(
        "Level %(level)s in %(language)s; the offer asks for level %(needed)s."
    ),
    "abroad.full": N_("All %(seats)s seats are filled."),
    "abroad.busy": N_(
        "Taken up by %(run)s (a run at home or another offer) during the travel window."
    ),
    "abroad.not_found": N_("There is no offer %(offer)s in this mission."),
    "abroad.exists": N_("Offer %(offer)s exists already."),
    "abroad.already": N_("The trainee is nominated to offer %(offer)s already."),
    "abroad.none": N_("The trainee is not nominated to offer %(offer)s."),
    "course.not_found": N_("Course %(course)s is not in the mission."),
    "enrolment.away": N_(
        "Away on %(course)s in %(nation)s (offer %(offer)s) from %(leave)s to %(back)s."
    ),
    "enrolment.vetting_expires": N_(
        "The vetting expires on %(valid_until)s, before the course starts on %(start)s."
    ),
    "enrolment.vetting_not_cleared": N_("The vetting is %(status)s, not cleared."),
    # the host instructor pathway's rule
    "pathway.runs": N_("%(runs)s, each rated at least %(rating)s of 5"),
    "pathway.master_runs": N_(
        "%(runs)s, each rated at least %(rating)s of 5, beside a master trainer"
    ),
    # a nation's offer workbook
    "pledge.no_sheet": N_("The workbook has no sheet %(sheet)s (it has %(sheets)s)."),
    "pledge.too_many_rows": N_("The sheet has %(rows)s rows; at most %(limit)s are read."),
    "pledge.nothing": N_("The file offers nothing: no row is filled in."),
    "pledge.heading": N_("Column %(letter)s must be headed “%(expected)s”, not “%(found)s”."),
    "pledge.csv_header": N_("The first row must name the columns %(columns)s."),
    "pledge.rank_from_empty": N_("“%(heading)s” is empty while “%(other)s” is filled in."),
    "offer.terms_fixed": N_(
        "Offer %(offer)s is %(state)s: its terms cannot change. Give the row a new reference "
        "to make a new offer."
    ),
}

# The offer workbook's columns by their keys (interchange/pledge_rows.py), for a problem that
# names its column: the workbook itself is headed in English, the page in the reader's words.
HEADINGS: dict[str, str] = {
    "line": N_("line"),
    "count": N_("count"),
    "start": N_("start"),
    "end": N_("end"),
    "tour_months": N_("tour months"),
    "rank_from": N_("rank from"),
    "rank_to": N_("rank to"),
    "caveat_1": N_("caveat 1"),
    "caveat_2": N_("caveat 2"),
    "reference": N_("your reference"),
    "note": N_("note"),
}


def said_params(params: Mapping[str, Param]) -> dict[str, Param]:
    """The values of a refusal, with the column it names (if any) in the reader's words."""
    found = dict(params)
    column = found.get("column")
    if isinstance(column, str) and column in HEADINGS:
        found["heading"] = i18n.gettext_(HEADINGS[column])
    if found.get("other") in HEADINGS.values():
        found["other"] = i18n.gettext_(str(found["other"]))
    return found
