"""People's own views on the web: "my calendar" (the signed-in instructor's teaching days in the
adopted timetable, with a private iCalendar subscription address to issue, revoke and issue
again), the subscription feed itself (no login: the address is the key), and the form where
an administrator links an account to a trainer or a trainee of the mission."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.services.timetable import personal
from cadre.services.training import accounts, rosters
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.routing import PageRoute, field_errors, multi
from cadre.web.security import CurrentPrincipal, Database, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]


def _page(
    request: Request, work: Work, principal: CurrentPrincipal, mission: str, url: str | None
) -> Response:
    mine = personal.my_calendar(work, principal, mission)
    context = {
        "mission": mine.mission,
        "mine": mine,
        "url": url,
        "rosters": rosters.roster_runs(work, principal, mission) if mine.days else frozenset(),
    }
    return render(request, "my_calendar.html", context, principal=principal)


@router.get("/missions/{mission}/my/calendar")
def my_calendar(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return _page(request, work, principal, mission, None)


@router.post("/missions/{mission}/my/calendar/subscription")
def issue_subscription(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    """A new address, shown on this answer only (only its digest is kept)."""
    token = personal.issue_feed(work, principal, mission)
    url = f"{str(request.base_url).rstrip('/')}/calendar/{token}.ics"
    return _page(request, work, principal, mission, url)


@router.post("/missions/{mission}/my/calendar/subscription/revoke")
def revoke_subscription(mission: Mission, principal: CurrentPrincipal, work: Work) -> Response:
    personal.revoke_feed(work, principal, mission)
    return RedirectResponse(f"/missions/{mission}/my/calendar", status_code=303)


@router.get("/calendar/{token}.ics")
async def calendar_feed(engine: Database, token: Annotated[str, Path(max_length=100)]) -> Response:
    try:
        text = await run_in_threadpool(personal.feed_calendar, UnitOfWork(engine), token)
    except NotFound:
        # A calendar program shows no page: a bare 404, the same for every wrong address.
        return Response("not found\n", status_code=404, media_type="text/plain")
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


@router.get("/missions/{mission}/accounts/link")
def link_form(request: Request, mission: Mission, principal: CurrentPrincipal) -> Response:
    accounts.require_linker(principal)
    context: dict[str, object] = {"mission": mission, "values": {}, "errors": {}, "done": None}
    return render(request, "link_account.html", context, principal=principal)


@router.post("/missions/{mission}/accounts/link")
async def link_account(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    values = {k: v[0].strip() for k, v in multi(await request.form()).items() if v}
    username, trainer = values.get("username", ""), values.get("trainer") or None
    trainee_text = values.get("trainee") or ""
    try:
        trainee = int(trainee_text) if trainee_text else None
        if not username:
            raise InvalidInput([Problem("name the account", field="username")])
        await run_in_threadpool(
            accounts.link_account, work, principal, username, mission,
            trainer=trainer, trainee=trainee,
        )  # fmt: skip
    except ValueError:
        error = InvalidInput([Problem("a trainee's number, please", field="trainee")])
        return _refused(request, principal, mission, values, error)
    except InvalidInput as error:
        return _refused(request, principal, mission, values, error)
    except NotFound as missing:
        if missing.code not in _FIELDS:
            raise
        problem = Problem(
            str(missing), field=_FIELDS[missing.code], code=missing.code, params=missing.params
        )
        return _refused(request, principal, mission, values, InvalidInput([problem]))
    context = {"mission": mission, "values": {}, "errors": {}, "done": values}
    return render(request, "link_account.html", context, principal=principal)


# What the form names that the service did not find, by the error's code: shown beside its field.
_FIELDS = {
    "account.not_found": "username",
    "trainer.not_found": "trainer",
    "trainee.not_found": "trainee",
}


def _refused(
    request: Request,
    principal: CurrentPrincipal,
    mission: str,
    values: dict[str, str],
    error: InvalidInput,
) -> Response:
    context = {
        "mission": mission,
        "values": values,
        "errors": field_errors(error.problems),
        "done": None,
    }
    return render(request, "link_account.html", context, principal=principal, status=422)
