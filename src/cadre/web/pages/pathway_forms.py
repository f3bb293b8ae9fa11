"""The pathway page's forms: a co-taught run rated, a rung's assessment, who led a run held,
an instructor who left. A refusal shows the page again with what was typed and why, beside
its fields; a write done goes back to the page with a line saying so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from cadre.domain.catalogue import InstructorLevel
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.training.pathway import Assessment, Rating
from cadre.services.training import pathway
from cadre.web import i18n
from cadre.web.messages import N_, problem_markup
from cadre.web.pages.pathway import one_trainee, pathway_view
from cadre.web.routing import PageRoute, first
from cadre.web.security import CurrentPrincipal, Work

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
RUNGS = ("instructor", "master_trainer")
# What the forms themselves refuse before the pathway is asked.
ASKED = {
    "pathway.required": N_("Fill this in."),
    "pathway.level": N_("Choose the rung assessed: instructor or master trainer."),
    "pathway.outcome": N_("Say whether the assessment was passed or failed."),
    "pathway.day": N_("Give the day as a date (YYYY-MM-DD)."),
    "abroad.who": N_("Name the trainee: a name or a service number."),
    "abroad.which": N_("No trainee, or more than one, matches this: give the service number."),
    "pathway.not_host": N_("This trainer is not one of the host's instructors."),
}
# A code the pathway does not know belongs beside the field that named it.
FIELD_OF = {
    "run.not_found": "run",
    "trainer.not_found": "trainer",
    "pathway.not_found": "trainer",
    "trainee.not_found": "trainee",
}


def _errors(problems: list[Problem]) -> dict[str, list[Markup]]:
    """Each problem beside its field in the reader's language: the forms' own words for what
    they refuse, the pathway's problems as every page says them."""
    errors: dict[str, list[Markup]] = {}
    for problem in problems:
        words = ASKED.get(problem.code)
        said = escape(i18n.gettext_(words)) if words else problem_markup(problem)
        errors.setdefault(problem.field, []).append(said)
    return errors


def _required(values: dict[str, str], *names: str) -> list[Problem]:
    return [
        Problem(f"{name} is required", field=name, code="pathway.required")
        for name in names
        if not values.get(name)
    ]


def _day(values: dict[str, str], name: str = "on") -> dt.date:
    try:
        return dt.date.fromisoformat(values.get(name, ""))
    except ValueError:
        reason = f"“{values.get(name, '')}” is not a day (YYYY-MM-DD)"
        raise InvalidInput([Problem(reason, field=name, code="pathway.day")]) from None


def _check(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems)


def _typed(form: FormData, *names: str) -> dict[str, str]:
    return {name: first(form, name)[:200] for name in names}


async def _write(
    request: Request,
    mission: str,
    principal: CurrentPrincipal,
    work: Work,
    name: str,
    fields: tuple[str, ...],
    act: Callable[[dict[str, str]], None],
    unknown: dict[str, str] = FIELD_OF,
) -> Response:
    """Run the write `name` on the form's fields; on refusal, the page with the form kept."""
    async with request.form() as form:
        values = _typed(form, *fields)

    def attempt() -> Response:
        try:
            act(values)
        except InvalidInput as error:
            problems = list(error.problems)
        except NotFound as error:
            if error.code not in unknown:  # the mission itself: the error page
                raise
            where = unknown[error.code]
            problems = [Problem(str(error), field=where, code=error.code, params=error.params)]
        else:
            return RedirectResponse(f"/missions/{mission}/pathway?done={name}", status_code=303)
        return pathway_view(
            request, principal, work, mission, form=name, values=values,
            errors=_errors(problems), status=422,
        )  # fmt: skip

    return await run_in_threadpool(attempt)


@router.post("/missions/{mission}/pathway/ratings")
async def rate(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> None:
        _check(_required(values, "run", "trainer", "rating"))
        rating = values["rating"]
        if not rating.isdigit():
            problem = Problem(f"“{rating}” is not 1 to 5", field="rating", code="pathway.rating")
            raise InvalidInput([problem])
        given = Rating(values["run"], values["trainer"], int(rating), values["supervisor"])
        pathway.rate_run(work, principal, given, mission)

    fields = ("run", "trainer", "rating", "supervisor")
    return await _write(request, mission, principal, work, "rated", fields, act)


@router.post("/missions/{mission}/pathway/assessments")
async def assess(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> None:
        problems = _required(values, "trainer", "discipline", "level", "outcome", "on")
        if values["level"] and values["level"] not in RUNGS:
            reason = f"“{values['level']}” is not a rung assessed"
            problems.append(Problem(reason, field="level", code="pathway.level"))
        if values["outcome"] and values["outcome"] not in ("passed", "failed"):
            reason = "say passed or failed"
            problems.append(Problem(reason, field="outcome", code="pathway.outcome"))
        _check(problems)
        level = InstructorLevel.from_label(values["level"])
        passed = values["outcome"] == "passed"
        outcome = Assessment(0, values["discipline"], level, passed, _day(values))
        pathway.record_assessment(work, principal, values["trainer"], outcome, mission)

    fields = ("trainer", "discipline", "level", "outcome", "on")
    return await _write(request, mission, principal, work, "assessed", fields, act)


@router.post("/missions/{mission}/pathway/leads")
async def led(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> None:
        _check(_required(values, "run", "lead"))
        today = dt.datetime.now(dt.UTC).date()
        pathway.record_lead(work, principal, values["run"], values["lead"], today, mission)

    unknown = {"run.not_found": "run", "trainer.not_found": "lead"}
    return await _write(request, mission, principal, work, "led", ("run", "lead"), act, unknown)


@router.post("/missions/{mission}/pathway/left")
async def left(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    def act(values: dict[str, str]) -> None:
        _check(_required(values, "trainer", "on"))
        pathway.person_left(work, principal, values["trainer"], _day(values), mission)

    return await _write(request, mission, principal, work, "left", ("trainer", "on"), act)


@router.post("/missions/{mission}/pathway/people")
async def enter(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    """A trainee, found by name or service number, teaches as one of the host's instructors."""

    def act(values: dict[str, str]) -> None:
        _check(_required(values, "trainer", "trainee"))
        trainee = one_trainee(work, principal, mission, values["trainee"])
        pathway.enter_person(work, principal, values["trainer"], trainee, mission)

    return await _write(request, mission, principal, work, "entered", ("trainer", "trainee"), act)
