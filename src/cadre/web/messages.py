"""The core's errors in the words of the web app, in the reader's language: a code below the
edges becomes a sentence that may name a page or a button here, and only here. An error whose
code has no entry is shown with the core's own English sentence, marked as English."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

from cadre.domain.errors import CadreError, Param, Problem
from cadre.web import i18n


def N_(message: str) -> str:
    return message


# %(name)s placeholders are the error's params.
WORDS: dict[str, str] = {
    "calendar.not_linked": N_(
        "Your account is not linked to a trainer of the mission; ask an administrator to link it."
    ),
    "account.link": N_("Only an administrator links accounts to trainers and trainees."),
    "account.not_found": N_("No account is named %(name)s."),
    "account.one_of_two": N_("Give a trainer or a trainee, one of the two."),
    "trainer.not_found": N_("Trainer %(trainer)s is not in the mission."),
    "trainee.not_found": N_("Trainee %(trainee)s is not in the mission."),
    "scenario.none": N_("The database holds no scenario yet; an administrator imports one."),
    "plan.none": N_("There is no plan of this kind yet; a planner starts one on its page."),
    "timetable.none": N_(
        "There is no timetable yet; a planner starts one under “Plan the timetable” on the "
        "Timetable page."
    ),
    "timetable.nothing_to_place": N_(
        "Nothing to timetable: the scenario lists no runs and there is no capacity plan yet. "
        "Start one on the Capacity plan page first."
    ),
    "planning.out_of_range": N_("From %(low)s to %(high)s, not %(value)s."),
    "force.no_requirements": N_(
        "Mission %(mission)s has no requirement lines yet: start a plan on the Capacity plan "
        "page, or add the lines to the scenario."
    ),
    "plan.none_adopted": N_(
        "No plan of this kind is adopted yet. A planner adopts one with the “Adopt this plan” "
        "button on its page."
    ),
    "plan.failed_status": N_(
        "This plan ended %(status)s: a stopped or failed plan is never adopted. Run a new plan "
        "with more time."
    ),
    "plan.breaks_rules": N_(
        "The checker found %(violations)s broken rules in this plan; it cannot be adopted."
    ),
    "plan.empty": N_("This plan plans nothing; it cannot be adopted."),
    "plan.already_adopted": N_("This plan is the adopted plan already."),
    "plan.worse_than_adopted": N_(
        "This plan is worse than the adopted one (%(figure)s: %(before)s → %(after)s). Tick "
        "“Adopt it all the same” and give a reason to adopt it anyway."
    ),
    "plan.reason_required": N_("Adopting by force needs a reason; the audit trail keeps it."),
    "plan.reason_too_long": N_("The reason is too long: at most %(limit)s characters."),
    "calendar.day_out_of_range": N_(
        "A calendar shows days from %(earliest)s to %(latest)s, not %(day)s."
    ),
    "planning.unknown_figure": N_("%(figure)s is not a planning figure; one of %(figures)s."),
    "planning.figure_out_of_range": N_(
        "%(figure)s: “%(value)s” is out of range; the limit is %(limit)s."
    ),
    "planning.not_a_number": N_("%(figure)s: “%(value)s” is not a number."),
    "job.target_not_found": N_("There is no %(kind)s %(key)s in this mission."),
    "job.room_not_found": N_("There is no room %(room)s in this mission."),
    "result.score": N_("A score is a number from 0 to 100."),
    "xapi.no_lrs": N_(
        "No Learning Record Store is set: the administrator sets CADRE_LRS_URL, then the "
        "statements can be sent."
    ),
    "xapi.not_mission_wide": N_(
        "The xAPI outbox holds the statements of every trainee; your role reaches only the "
        "runs you teach."
    ),
    "pledge.formula": N_("Formulas are not accepted (%(formula)s); type the value itself."),
    "pledge.empty": N_("The “%(heading)s” cell is empty; fill it in."),
    "pledge.out_of_range": N_("“%(heading)s” must be from %(low)s to %(high)s, not %(value)s."),
    "pledge.not_whole": N_("“%(heading)s” must be a whole number, not “%(value)s”."),
    "pledge.not_a_date": N_(
        "“%(heading)s” must be a date written year-month-day (2019-03-01), not “%(value)s”."
    ),
    "pledge.date_out_of_range": N_(
        "“%(heading)s” must be a date from %(low)s to %(high)s, not %(value)s."
    ),
    "pledge.no_file": N_("Choose the workbook to send."),
    "pledge.file_too_big": N_("The file is %(size)s bytes; a workbook may be at most %(limit)s."),
    "pledge.file_kind": N_("Send an .xlsx workbook or a .csv file."),
    "offer.decision_missing": N_("Choose Accept, Decline or Query."),
    "offer.comment_too_long": N_(
        "The comment has %(length)s characters; at most %(limit)s are kept."
    ),
    "offer.comment_required_declined": N_(
        "Say in the comment why the offer is declined: the nation reads it."
    ),
    "offer.comment_required_queried": N_("Write your question to the nation in the comment."),
    "offer.decide_forbidden": N_(
        "Only the mission's force generation staff accept, decline or query a nation's "
        "offers. A nation changes its own offers by sending its workbook again."
    ),
    "offer.changed": N_(
        "Offer %(offer)s changed since you opened this page. Read it again below and answer "
        "on what it is now."
    ),
    "offer.closed": N_("Offer %(offer)s is decided already and cannot take this answer."),
    "offer.not_found": N_("There is no offer %(offer)s in this mission."),
    "offer.round_not_found": N_("There is no sourcing round %(round)s in this mission."),
    "session.no_linked_user": N_(
        "The identity provider knows you, but no account here is linked to your identity. "
        "Ask the mission's administrator to link one."
    ),
}


def say(code: str, params: Mapping[str, Param], english: str) -> Markup:
    """The sentence for `code` in the reader's language; else the English one, marked so."""
    template = WORDS.get(code)
    if template is not None:
        values = {k: "—" if v is None else v for k, v in params.items()}
        try:
            return escape(i18n.gettext_(template) % values)
        except (KeyError, TypeError, ValueError):  # a template and its error out of step
            pass
    return Markup('<bdi lang="en" dir="ltr">%s</bdi>') % english


def error_markup(error: CadreError) -> Markup:
    return say(error.code, error.params, str(error))


def problem_markup(problem: Problem) -> Markup:
    return say(problem.code, problem.params, problem.reason)
