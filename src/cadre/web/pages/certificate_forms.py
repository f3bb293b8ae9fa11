"""One certificate on the web: its state today (valid, renewed, expired, revoked) and its
renewals; revoked from a day with a reason the writer must give and confirm, or renewed by a
refresher run its holder completed. The rules of renewal are the service's: a refusal names
every reason, and the form keeps what was chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from cadre.access.labels import CERTIFICATES
from cadre.access.policy import Verb, allowed
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.services.scenario.queries import mission_context
from cadre.services.training import renewal, results, trainee_record
from cadre.web.navigation import Page, require_page
from cadre.web.people_words import error_words, field_words
from cadre.web.routing import PageRoute, first
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Number = Annotated[str, Path(max_length=64)]
MAX_REASON = 500


def certificate_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    number: str,
    *,
    form: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, list[Markup]] | None = None,
    status: int = 200,
) -> Response:
    """The certificate's page; after a refusal, the form sent (`form`) kept, and why."""
    require_page(principal, Page.TRAINING)
    today = dt.datetime.now(dt.UTC).date()
    held = trainee_record.certificate(work, principal, number, today, mission)
    holder = held.certificate.trainee
    seats = trainee_record.trainee_record(work, principal, holder, today, mission).seats or ()
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "training",
        "held": held,
        # A refresher is a run after the certificate's own, where the holder had a seat.
        "runs": [(s.run, f"{s.run} ({s.course})") for s in seats if s.run != held.certificate.run],
        "may_write": allowed(principal, Verb.WRITE, CERTIFICATES),
        "today": today,
        "form": form,
        "values": values or {},
        "errors": errors or {},
        "done": request.query_params.get("done", "")[:40],
    }
    return render(request, "certificate.html", context, principal=principal, status=status)


@router.get("/missions/{mission}/certificates/{number}")
def certificate_page(
    request: Request, mission: Mission, number: Number, principal: CurrentPrincipal, work: Work
) -> Response:
    return certificate_view(request, principal, work, mission, number)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        reason = f"“{text}” is not a day (YYYY-MM-DD)"
        raise InvalidInput([Problem(reason, field="on", code="revoke.day")]) from None


@router.post("/missions/{mission}/certificates/{number}/revoke")
async def revoke(
    request: Request, mission: Mission, number: Number, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        values = {
            "reason": first(form, "reason")[:MAX_REASON],
            "on": first(form, "on")[:10],
            "confirm": first(form, "confirm")[:8],
        }

    def act() -> None:
        problems = []
        if not values["reason"]:
            problems.append(Problem("say why", field="reason", code="revoke.reason"))
        if values["confirm"] != "yes":
            problems.append(Problem("confirm", field="confirm", code="revoke.confirm"))
        if problems:
            raise InvalidInput(problems)
        on = _day(values["on"]) if values["on"] else dt.datetime.now(dt.UTC).date()
        results.revoke_certificate(work, principal, number, values["reason"], on, mission)

    return await _write(request, principal, work, mission, number, "revoked", values, act)


@router.post("/missions/{mission}/certificates/{number}/renew")
async def renew(
    request: Request, mission: Mission, number: Number, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        values = {"run": first(form, "run")[:64]}

    def act() -> None:
        if not values["run"]:
            raise InvalidInput([Problem("choose a run", field="run", code="renewal.which")])
        renewal.renew_certificate(work, principal, number, values["run"], mission)

    return await _write(request, principal, work, mission, number, "renewed", values, act)


async def _write(request: Request, principal: CurrentPrincipal, work: Work, mission: str,
                 number: str, name: str, values: dict[str, str],
                 act: Callable[[], None]) -> Response:  # fmt: skip
    """Run the write; on refusal, the certificate's page with the form kept and why."""

    def attempt() -> Response:
        require_page(principal, Page.TRAINING)
        try:
            act()
        except InvalidInput as error:
            errors = field_words(error.problems)
        except NotFound as error:
            if error.code not in ("enrolment.not_found", "run.not_found"):
                raise  # the certificate or the mission: the error page
            errors = {"run": [error_words(error)]}
        else:
            return RedirectResponse(
                f"/missions/{mission}/certificates/{number}?done={name}", status_code=303
            )
        return certificate_view(request, principal, work, mission, number, form=name,
                                values=values, errors=errors, status=422)  # fmt: skip

    return await run_in_threadpool(attempt)
