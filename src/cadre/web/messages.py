"""The core's errors in the words of the web app, in the reader's language: a code below the
edges becomes a sentence that may name a page or a button here, and only here. An error whose
code has no entry is shown with the core's own English sentence, marked as English."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from cadre.domain.errors import CadreError, Param, Problem
from cadre.web import i18n
from cadre.web.i18n import N_
from cadre.web.job_words import JOB_WORDS
from cadre.web.record_name import latin_words
from cadre.web.refusal_words import REFUSAL_WORDS, said_params

__all__ = ["N_", "WORDS", "error_markup", "problem_markup", "say", "words_for"]

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
    "access.not_owner": N_(
        "This belongs to %(owner)s: your role lets you change only what %(affiliation)s owns. "
        "Nothing was saved; what you typed is kept below."
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
    "offer.not_a_sender": N_("%(nation)s is not an ally or partner of mission %(mission)s."),
    "offer.unknown_line": N_("Line %(line)s is not in the statement of requirements."),
    "offer.no_target": N_("An offer names a line, or a qualification or specialty."),
    "offer.unknown_specialty": N_(
        "%(specialty)s is neither a qualification nor a specialty any line asks for."
    ),
    "offer.nobody": N_("An offer is of at least 1 person, not %(count)s."),
    "offer.ends_before_start": N_("The offer ends on %(end)s, not after it starts on %(start)s."),
    "offer.misses_line": N_(
        "The offer (%(start)s to %(end)s) does not meet line %(line)s (%(line_start)s to "
        "%(line_end)s)."
    ),
    "offer.no_tour": N_("A tour lasts at least 1 month, not %(months)s."),
    "offer.ranks_reversed": N_("The ranks %(band)s run from high to low; put the lower first."),
    "offer.rank_outside_band": N_(
        "The ranks %(band)s are outside line %(line)s's band %(line_band)s."
    ),
    "offer.unknown_caveat": N_("Caveat %(caveat)s is not defined."),
    "offer.caveat_of_another_nation": N_("Caveat %(caveat)s belongs to %(owner)s, not %(nation)s."),
    "offer.tour_beyond_caveat": N_(
        "Caveat %(caveat)s limits tours to %(limit)s months, not %(months)s."
    ),
    "offer.caveat_bars_line": N_("Caveat %(caveat)s does not allow line %(line)s."),
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
    "pathway.rating": N_("Give a rating from 1 (unfit) to 5 (exemplary)."),
    "pathway.not_on_run": N_("This instructor does not teach that run: rate a run they co-taught."),
    "pathway.not_held": N_("This run has not started yet: record who led it once it has."),
    "pathway.not_found": N_("This instructor is not on the pathway: enter the person first."),
    "run.not_found": N_("Run %(run)s is not in the adopted timetable."),
    # The roster page's refusals: enrolment's rules and the roster's.
    "enrolment.vetting_expires": N_(
        "The trainee's vetting expires on %(valid_until)s, before the run starts on %(start)s."
    ),
    "enrolment.vetting_not_cleared": N_(
        "The trainee's vetting is not cleared; a seat needs a clearance valid when the run starts."
    ),
    "enrolment.prerequisite_missing": N_(
        "The trainee holds no valid certificate of %(course)s, which this course requires."
    ),
    "enrolment.prerequisite_expired": N_(
        "The trainee's certificate of %(course)s expired on %(expired)s; this course requires "
        "a valid one."
    ),
    "enrolment.language_level": N_(
        "The trainee's level in %(language)s is %(level)s; this course asks level %(needed)s."
    ),
    "enrolment.busy": N_("The trainee is already enrolled in run %(run)s at the same time."),
    "enrolment.away": N_(
        "The trainee is away on a course abroad (%(offer)s) from %(leave)s to %(back)s."
    ),
    "enrolment.already": N_("The trainee is already on this run, seated or on its wait list."),
    "enrolment.not_found": N_("The trainee is not on this run."),
    "enrolment.not_by_instructor": N_(
        "Instructors record attendance and results; the school enrols trainees."
    ),
    "attendance.not_a_teaching_day": N_("%(day)s is not a teaching day of this run."),
    "roster.changed": N_(
        "Someone else changed this since you opened the page; what is recorded now is shown "
        "beside it. Choose again and send."
    ),
    "roster.cleared": N_("A recorded mark or score is not removed; put back what was there."),
    "roster.not_seated": N_("This trainee no longer has a seat on the run."),
    "session.no_linked_user": N_(
        "The identity provider knows you, but no account here is linked to your identity. "
        "Ask the mission's administrator to link one."
    ),
    **JOB_WORDS,
    **REFUSAL_WORDS,
}


def words_for(code: str | None, params: Mapping[str, Param] | None) -> str | None:
    """The sentence for `code` in the reader's language; None when it has no words here."""
    template = WORDS.get(code or "")
    if template is None:
        return None
    values = {k: "—" if v is None else v for k, v in said_params(params or {}).items()}
    try:
        return i18n.gettext_(template) % values
    except (KeyError, TypeError, ValueError):  # a template and its error out of step
        return None


def say(code: str, params: Mapping[str, Param], english: str) -> Markup:
    """The sentence for `code` in the reader's language; else the English one, marked so."""
    words = words_for(code, params)
    if words is not None:
        return latin_words(words)  # a code or a name it quotes, marked as Latin
    return Markup('<bdi lang="en" dir="ltr">%s</bdi>') % english


def error_markup(error: CadreError) -> Markup:
    return say(error.code, error.params, str(error))


def problem_markup(problem: Problem) -> Markup:
    return say(problem.code, problem.params, problem.reason)
