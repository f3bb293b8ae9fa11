"""The host instructor pathway and the seats abroad on the web: each person's rung per
discipline and what the next rung still asks, the host-led share of the runs held per
school, discipline and month; the seats nations offer at their own schools, a cleared
trainee nominated to one (found by name or service number), and the result the school
abroad reports. What each reader sees is what the training services give its roles."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import Forbidden, InvalidInput, NotFound, Problem
from cadre.services.scenario.queries import mission_context
from cadre.services.training import abroad, pathway, queries, rosters
from cadre.web.routing import PageRoute, first
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Offer = Annotated[str, Path(max_length=64)]
LADDER = ("trainee", "assistant_instructor", "instructor", "master_trainer")


@router.get("/missions/{mission}/pathway")
def pathway_page(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return pathway_view(request, principal, work, mission)


def pathway_view(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    *,
    form: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, list[Markup]] | None = None,
    status: int = 200,
) -> Response:
    """The page; after a refusal, the form sent (`form`) with what was typed and why."""
    shares = pathway.host_led(work, principal, mission)
    today = dt.datetime.now(dt.UTC).date()
    timetabled = True
    try:  # the share is figures; who is on the pathway is personal data, for fewer roles
        people = pathway.progress(work, principal, today, mission)
    except Forbidden:
        people = None
    except NotFound as missing:  # the rungs count the adopted timetable's runs
        if missing.code != "timetable.none":
            raise
        people, timetabled = None, False
    names = (
        {}
        if people is None
        else queries.names_of(work, principal, [p.trainee for p in people], mission)
    )
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "pathway",
        "shares": shares,
        "people": people,
        "timetabled": timetabled,
        "names": names,
        "rosters": rosters.roster_runs(work, principal, mission) if people else frozenset(),
        "ladder": LADDER,
        "today": today,
        "may_record": timetabled and pathway.may_record(principal),
        "form": form,
        "values": values or {},
        "errors": errors or {},
        "done": request.query_params.get("done", "")[:40],
    }
    return render(request, "pathway.html", context, principal=principal, status=status)


def _abroad(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    *,
    problems: tuple[Problem, ...] = (),
    offer: str = "",
    values: dict[str, str] | None = None,
) -> Response:
    found = abroad.seats(work, principal, mission)
    ids = {t for v in found for t in v.nominated}
    context: dict[str, Any] = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "training",
        "seats": found,
        "names": queries.names_of(work, principal, ids, mission),
        "problems": problems,
        "offer": offer,
        "values": values or {},
        "done": request.query_params.get("done", "")[:200],
    }
    status = 422 if problems else 200
    return render(request, "abroad.html", context, principal=principal, status=status)


@router.get("/missions/{mission}/abroad")
def abroad_page(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return _abroad(request, principal, work, mission)


def one_trainee(work: Work, principal: CurrentPrincipal, mission: str, text: str) -> int:
    """The one trainee the reader may see whose name or service number is `text`."""
    if not text:
        raise InvalidInput([Problem("name the trainee", field="trainee", code="abroad.who")])
    found = queries.list_trainees(work, principal, mission, q=text, limit=6)
    if len(found.items) != 1:
        shown = ", ".join(f"{t.trainee.name.latin} ({t.trainee.number})" for t in found.items)
        reason = (
            f"no trainee is named or numbered {text}"
            if not found.items
            else f"{found.total} trainees match {text}: {shown}; give the service number"
        )
        raise InvalidInput([Problem(reason, field="trainee", code="abroad.which")])
    return found.items[0].id


@router.post("/missions/{mission}/abroad/{code}/nominations")
async def nominate(
    request: Request, mission: Mission, code: Offer, principal: CurrentPrincipal, work: Work
) -> Response:
    async with request.form() as form:
        text = first(form, "trainee")[:200]

    def act() -> Response:
        try:
            trainee = one_trainee(work, principal, mission, text)
            abroad.nominate(work, principal, code, trainee, mission)
        except InvalidInput as error:
            return _abroad(
                request, principal, work, mission, problems=error.problems, offer=code,
                values={"trainee": text},
            )  # fmt: skip
        return RedirectResponse(f"/missions/{mission}/abroad?done=nominated", status_code=303)

    return await run_in_threadpool(act)


@router.post("/missions/{mission}/abroad/{code}/results/{trainee}")
async def record_result(
    request: Request,
    mission: Mission,
    code: Offer,
    trainee: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    async with request.form() as form:
        text = first(form, "score")[:20]

    def act() -> Response:
        try:
            score = float(text.replace(",", "."))
        except ValueError:
            problem = Problem(
                f"“{text}” is not a score (0 to 100)", field="score", code="result.score"
            )
            return _abroad(request, principal, work, mission, problems=(problem,), offer=code)
        try:
            number = abroad.record_result(work, principal, code, trainee, score, mission)
        except InvalidInput as error:
            return _abroad(request, principal, work, mission, problems=error.problems, offer=code)
        done = "certified" if number else "not_passed"
        return RedirectResponse(f"/missions/{mission}/abroad?done={done}", status_code=303)

    return await run_in_threadpool(act)
