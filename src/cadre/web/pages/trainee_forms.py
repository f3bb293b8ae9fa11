"""One trainee on the web: entered from a form (the Latin form of the name suggested from the
Arabic and left to the writer to correct), read with their runs and certificates, and edited
against the version the writer read. The likely duplicates the service flags at entry are
named on the trainee's page, to be merged or dismissed there. Vetting is kept as its outcome
only: the form has no field for its reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from cadre.access.labels import TRAINEES
from cadre.access.policy import Verb, allowed
from cadre.domain.errors import Conflict, Forbidden, InvalidInput, Problem
from cadre.domain.training.names import suggested_latin
from cadre.services.scenario.queries import mission_context
from cadre.services.training import operations, queries, rosters, trainee_record
from cadre.web import i18n
from cadre.web.navigation import Page, require_page
from cadre.web.people_words import error_words, field_words
from cadre.web.routing import PageRoute, first
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
TraineeId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LONGEST = {"service": 16, "service_number": 32, "rank": 8, "governorate": 40}


def typed(form: FormData) -> dict[str, str]:
    """The form's fields as typed, each cut to what the service would take."""
    return {name: first(form, name)[: LONGEST.get(name, 200)] for name in queries.FIELDS}


def trainee_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    trainee: int | None,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, list[Markup]] | None = None,
    status: int = 200,
) -> Response:
    """A trainee's page (or the empty form to enter one, when `trainee` is None); after a
    refusal, the form with what was typed and why."""
    require_page(principal, Page.TRAINEES)
    today = dt.datetime.now(dt.UTC).date()
    found = record = None
    pairs: list[queries.DuplicatePair] = []
    if trainee is not None:
        found = queries.get_trainee(work, principal, trainee, mission)
        record = trainee_record.trainee_record(work, principal, trainee, today, mission)
        pairs = [
            p
            for p in queries.duplicates(work, principal, mission)
            if trainee in (p.first.id, p.second.id)
        ]
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "trainees",
        "found": found,
        "record": record,
        "pairs": pairs,
        "rosters": rosters.roster_runs(work, principal, mission)
        if record and record.seats
        else frozenset(),
        # Entering is for whoever writes trainees; changing one entered, for fewer roles.
        "may_write": operations.may_change(principal)
        if trainee is not None
        else allowed(principal, Verb.WRITE, TRAINEES),
        "values": values if values is not None else (found.fields if found else {}),
        "errors": errors or {},
        "done": request.query_params.get("done", "")[:40],
        "language_name": i18n.language_name,
    }
    return render(request, "trainee.html", context, principal=principal, status=status)


@router.get("/missions/{mission}/trainees/new")
def new_trainee_page(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return trainee_view(request, principal, work, mission, None)


@router.get("/missions/{mission}/trainees/{trainee:int}")
def trainee_page(
    request: Request, mission: Mission, trainee: TraineeId, principal: CurrentPrincipal, work: Work
) -> Response:
    return trainee_view(request, principal, work, mission, trainee)


def _refused(error: Exception) -> dict[str, list[Markup]]:
    """A refusal beside the field it concerns; the writer's input stays on the form."""
    if isinstance(error, InvalidInput):
        return field_words(error.problems)
    assert isinstance(error, Conflict | Forbidden)
    field = "service_number" if error.code == "trainee.number_taken" else ""
    return {field: [error_words(error)]}


def _saved(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    trainee: int | None,
    values: dict[str, str],
    write: Callable[[], operations.Entered],
) -> Response:
    """The write, then the trainee's page; refused, the form again with the input kept."""
    try:
        made = write()
    except (InvalidInput, Conflict, Forbidden) as error:
        if isinstance(error, Forbidden) and error.code != "trainee.not_yours":
            raise  # a role without the right at all: the page that says so
        return trainee_view(request, principal, work, mission, trainee, values=values,
                            errors=_refused(error), status=422)  # fmt: skip
    done = "flagged" if made.duplicates else "created" if trainee is None else "saved"
    return RedirectResponse(
        f"/missions/{mission}/trainees/{made.view.id}?done={done}", status_code=303
    )


@router.post("/missions/{mission}/trainees/new")
async def enter_trainee(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        values, suggest = typed(form), first(form, "step") == "suggest"

    def act() -> Response:
        require_page(principal, Page.TRAINEES)
        if suggest:  # the Latin form asked for: nothing is stored yet
            if values["name_ar"]:
                latin = suggested_latin(values["name_ar"])
                return trainee_view(request, principal, work, mission, None,
                                    values=values | {"name_latin": latin})  # fmt: skip
            missing = [Problem("is required", field="name_ar", code="trainee.required")]
            return trainee_view(request, principal, work, mission, None, values=values,
                                errors=field_words(missing), status=422)  # fmt: skip
        return _saved(
            request, principal, work, mission, None, values,
            lambda: operations.create_trainee(work, principal, values, mission),
        )  # fmt: skip

    return await run_in_threadpool(act)


@router.post("/missions/{mission}/trainees/{trainee:int}")
async def edit_trainee(
    request: Request, mission: Mission, trainee: TraineeId, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        values, version = typed(form), first(form, "version")[:64]

    def act() -> Response:
        require_page(principal, Page.TRAINEES)
        return _saved(
            request, principal, work, mission, trainee, values,
            lambda: operations.update_trainee(work, principal, trainee, values, [version], mission),
        )  # fmt: skip

    return await run_in_threadpool(act)
