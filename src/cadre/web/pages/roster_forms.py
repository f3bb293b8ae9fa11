"""The roster page's forms, the course director's working day: a trainee enrolled (a seat or
the wait list) or withdrawn with a reason, one teaching day's attendance for the cohort, the
scores, and the run closed after a confirmation. A refusal shows the page again with what was
typed and why, beside its fields; a write done goes back to the page with a line saying so.
Who may do what is the services' answer, as for the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from cadre.access.labels import CERTIFICATES
from cadre.access.policy import Verb, action_text, allowed
from cadre.domain.errors import CadreError, Conflict, Forbidden, InvalidInput, NotFound, Problem
from cadre.domain.training.certificates import Mark
from cadre.services.training import enrolment, results, roster_form
from cadre.web import i18n
from cadre.web.messages import N_
from cadre.web.navigation import roster_url
from cadre.web.pages.training import roster_view
from cadre.web.routing import PageRoute, field_errors, first
from cadre.web.security import CurrentPrincipal, Work

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Run = Annotated[str, Path(max_length=64)]
V = TypeVar("V")
ROSTER = "/missions/{mission}/runs/{run:path}/roster"
MAX_REASON = 500
MAX_FIELDS = 2000  # a cohort's fields with their bases; beyond that, not a page's form
# Arabic-Indic digits and the Arabic decimal comma, as a phone keyboard types them.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫,", "0123456789..")
# What the forms themselves refuse before a service is asked.
ASKED = {
    "roster.choose": N_("Choose a trainee."),
    "roster.reason": N_("Say why the trainee is withdrawn; the audit trail keeps it."),
    "roster.mark": N_("Choose present, absent or excused."),
    "roster.day": N_("Choose one of the run's teaching days."),
}
CHOOSE = Problem("choose a trainee", field="trainee", code="roster.choose")
LAST_ID = 2**31 - 1  # a record id the database can hold; a larger one names no trainee
# Refusals about the trainee named belong beside the enrolment and withdrawal forms.
ABOUT_TRAINEE = {"trainee.not_found", "enrolment.already", "enrolment.not_found"}


def _trainee(values: dict[str, str]) -> int:
    text = values.get("trainee", "")
    if not text.isdigit() or int(text) > LAST_ID:
        raise InvalidInput([CHOOSE])
    return int(text)


async def _write(
    request: Request,
    mission: str,
    run: str,
    principal: CurrentPrincipal,
    work: Work,
    name: str,
    act: Callable[[dict[str, str]], str],
) -> Response:
    """Run the write `name` on the form; `act` answers the query the page is shown with
    after it (what was done); on refusal, the page with the form kept and why."""
    async with request.form() as form:
        values = _typed(form)

    def attempt() -> Response:
        try:
            done = act(values)
        except InvalidInput as error:
            problems = list(error.problems)
        except (NotFound, Conflict) as error:
            if error.code not in ABOUT_TRAINEE:  # the run or the mission: the error page
                raise
            problems = [_beside(error, "trainee")]
        else:
            return RedirectResponse(roster_url(mission, run, done), status_code=303)
        return roster_view(
            request, principal, work, mission, run, form=name, values=values,
            errors=_errors(problems), status=422,
        )  # fmt: skip

    return await run_in_threadpool(attempt)


def _errors(problems: list[Problem]) -> dict[str, list[Markup]]:
    """Each problem beside its field in the reader's language: the forms' own words for what
    they refuse, the services' problems as every page says them."""
    errors = field_errors(p for p in problems if p.code not in ASKED)
    for problem in (p for p in problems if p.code in ASKED):
        errors.setdefault(problem.field, []).append(escape(i18n.gettext_(ASKED[problem.code])))
    return errors


def _typed(form: FormData) -> dict[str, str]:
    return {key: first(form, key)[:MAX_REASON] for key in list(form)[:MAX_FIELDS]}


def _beside(error: CadreError, field: str) -> Problem:
    return Problem(str(error), field=field, code=error.code, params=error.params)


@router.post(f"{ROSTER}/enrol")
async def enrol(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> str:
        done = enrolment.enrol(work, principal, run, _trainee(values), mission)
        if done.waiting:
            return f"done=waiting&place={done.waiting}"
        return "done=seated"

    return await _write(request, mission, run, principal, work, "enrol", act)


@router.post(f"{ROSTER}/withdraw")
async def withdraw(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> str:
        if not values.get("reason"):  # said beside the trainee's field too, if also empty
            problem = Problem("reason is required", field="reason", code="roster.reason")
            missing = [problem] if values.get("trainee", "").isdigit() else [problem, CHOOSE]
            raise InvalidInput(missing)
        trainee = _trainee(values)
        seat = enrolment.withdraw(work, principal, run, trainee, mission, values["reason"])
        return "done=promoted" if seat is not None else "done=withdrawn"

    return await _write(request, mission, run, principal, work, "withdraw", act)


def _edits(
    values: dict[str, str], prefix: str, read: Callable[[str, str], V | None]
) -> dict[int, tuple[V | None, V | None]]:
    """Each trainee's (base, sent) from the fields `{prefix}-{id}` and `base-{prefix}-{id}`;
    refused with every value `read` cannot take, each beside its field."""
    edits: dict[int, tuple[V | None, V | None]] = {}
    problems: list[Problem] = []
    for key, base in values.items():
        tail = key.removeprefix(f"base-{prefix}-")
        if key == tail or not tail.isdigit():
            continue
        field = f"{prefix}-{tail}"
        try:
            edits[int(tail)] = (read(base, field), read(values.get(field, ""), field))
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return edits


def _mark(text: str, field: str) -> Mark | None:
    if not text:
        return None
    try:
        return Mark(text)
    except ValueError:
        reason = f"“{text}” is not present, absent or excused"
        raise InvalidInput([Problem(reason, field=field, code="roster.mark")]) from None


def _score(text: str, field: str) -> float | None:
    if not text:
        return None
    try:
        return float(text.translate(DIGITS))
    except ValueError:
        reason = f"“{text}” is not a number"
        raise InvalidInput([Problem(reason, field=field, code="result.score")]) from None


@router.post(f"{ROSTER}/attendance")
async def attendance(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> str:
        try:
            day = dt.date.fromisoformat(values.get("day", ""))
        except ValueError:
            problem = Problem("choose a teaching day", field="day", code="roster.day")
            raise InvalidInput([problem]) from None
        marks = _edits(values, "mark", _mark)
        roster_form.mark_day(work, principal, run, day, marks, mission)
        return f"done=marked&day={day.isoformat()}"

    return await _write(request, mission, run, principal, work, "attendance", act)


@router.post(f"{ROSTER}/scores")
async def scores(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> str:
        entered = _edits(values, "score", _score)
        today = dt.datetime.now(dt.UTC).date()
        roster_form.enter_scores(work, principal, run, entered, today, mission)
        return "done=scored"

    return await _write(request, mission, run, principal, work, "scores", act)


@router.get(f"{ROSTER}/close")
def close_page(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    """The confirmation step: who completes by the course's rule and would get a
    certificate, who would not and why; only for those who may issue certificates."""
    if not allowed(principal, Verb.WRITE, CERTIFICATES):  # as the closing itself refuses
        raise Forbidden(f"your roles may not {action_text(Verb.WRITE, CERTIFICATES)}")
    return roster_view(request, principal, work, mission, run, template="roster_close.html")


@router.post(f"{ROSTER}/close")
async def close(
    request: Request, mission: Mission, run: Run, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        confirmed = first(form, "confirm") == "yes"
    if not confirmed:  # only the confirmation step closes a run
        return RedirectResponse(roster_url(mission, run) + "/close", status_code=303)

    def closing() -> Response:
        closed = results.close_run(work, principal, run, mission)
        return roster_view(
            request, principal, work, mission, run, closed=closed, template="roster_close.html"
        )

    return await run_in_threadpool(closing)
