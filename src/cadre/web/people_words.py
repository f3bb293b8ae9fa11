"""The words of the trainee, duplicate, certificate and pathway forms for what the training
services refuse: a code becomes a sentence in the reader's language beside the field it
names; a code without words here is said as every page says it (messages.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from cadre.domain.errors import CadreError, Param, Problem
from cadre.web import i18n
from cadre.web.messages import N_, say

# %(name)s placeholders are the problem's params.
WORDS: dict[str, str] = {
    "trainee.required": N_("Fill this in."),
    "trainee.bad_birth_year": N_("Give a birth year of four digits, 16 to 70 years ago."),
    "trainee.bad_date": N_("Give the day as a date (YYYY-MM-DD)."),
    "trainee.bad_vetting_status": N_("Choose cleared, pending, refused or expired."),
    "trainee.bad_language": N_(
        "Write each language as ar=5: its two letters, = and a level 0 to 5."
    ),
    "trainee.bad_governorate": N_("Give a governorate of Iraq: its p-code (IQG08) or its name."),
    "trainee.bad_service": N_("A service is a short code in capitals, such as IA or FP."),
    "trainee.bad_number": N_("A service number is letters, digits, / or -."),
    "trainee.arabic_not_arabic": N_("Write the name in Arabic letters here."),
    "trainee.no_letters": N_("The name has no letter to search it by."),
    "trainee.bad_rank": N_("Give a NATO rank code, such as OR-4 or OF-2."),
    "trainee.vetting_incomplete": N_("A settled vetting names the day it was decided and by whom."),
    "trainee.vetting_ends_early": N_("The vetting cannot end before it was decided."),
    "trainee.number_taken": N_(
        "Service number %(number)s of %(service)s is already another trainee's."
    ),
    "trainee.not_yours": N_(
        "Trainees are the host's people: your role lets you change only your own nation's."
    ),
    "trainee.merge_self": N_("Choose two different entries to merge."),
    "trainee.no_flag": N_("These two entries are not flagged as likely duplicates any more."),
    "conflict": N_(
        "Someone changed this entry since you opened the page. Nothing was saved; read it "
        "again below and make your change on what it is now."
    ),
    "certificate.not_found": N_("There is no certificate %(number)s in this mission."),
    "revoke.reason": N_("Say why the certificate is revoked: the reason is kept with it."),
    "revoke.confirm": N_("Tick the box to confirm the revocation."),
    "revoke.day": N_("Give the day as a date (YYYY-MM-DD)."),
    "renewal.which": N_("Choose the refresher run the holder completed."),
    "renewal.revoked": N_("This certificate was revoked: it is not renewed."),
    "renewal.not_a_refresher": N_("Course %(refresher)s does not refresh %(course)s."),
    "renewal.before_issue": N_("Run %(run)s ended before the certificate was issued."),
    "renewal.lapsed": N_(
        "The certificate lapsed on %(expired)s, before run %(run)s began: the full course "
        "renews it."
    ),
    "renewal.not_completed": N_("The holder has not completed run %(run)s."),
    "renewal.already": N_("Run %(run)s renewed this certificate already."),
    "enrolment.not_found": N_("The holder has no seat on run %(run)s."),
    "merge.confirm": N_("Tick the box to confirm that the two entries are one person."),
    "merge.keep": N_("Choose the entry that stays."),
}


def problem_words(problem: Problem) -> Markup:
    return _said(problem.code, problem.params, problem.reason)


def error_words(error: CadreError) -> Markup:
    return _said(error.code, error.params, str(error))


def _said(code: str, params: Mapping[str, Param], english: str) -> Markup:
    template = WORDS.get(code)
    if template is not None:
        values = {k: "—" if v is None else v for k, v in params.items()}
        try:
            # The catalogue is ours: an Arabic sentence marks its Latin fragments itself.
            return Markup(i18n.gettext_(template)) % values
        except (KeyError, TypeError, ValueError):  # a sentence and its params out of step
            pass
    return say(code, params, english)


def field_words(problems: Iterable[Problem]) -> dict[str, list[Markup]]:
    """Each problem beside its field ("" for the form as a whole)."""
    errors: dict[str, list[Markup]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(problem_words(problem))
    return errors
