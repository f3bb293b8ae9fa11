"""The mission overview and the capacity plan pages: a plan, two plans compared, a new plan
run as a job with its progress, the plans' figures as SVG, and adopting a plan (capacity or
timetable) after a page that shows what it changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from cadre.domain.errors import Conflict, InvalidInput
from cadre.services.jobs.operations import JobQueue
from cadre.services.plans import plots as web_plots
from cadre.web.chart_words import reader_words, words_in
from cadre.web.messages import error_markup
from cadre.web.presenters import adoption as web_adoption
from cadre.web.presenters import capacity as web_capacity
from cadre.web.presenters.overview import overview
from cadre.web.routing import PageRoute, field_errors, multi
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Number = Annotated[int, Path(ge=1, le=2**31 - 1)]
PlotName = Annotated[str, Path(max_length=40, pattern=r"^[a-z-]+$")]
SVG_HEADERS = {"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"}
# The page names the language in a figure's address: a browser keeps a figure a day, and one
# kept from before the reader switched language must not be shown.
PlotLanguage = Annotated[str | None, Query(pattern="^(en|ar)$")]


@router.get("/missions/{mission}")
def mission_overview(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    page = overview(work, principal, mission)
    return render(request, "overview.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/capacity")
def capacity(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    version: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    page = web_capacity.capacity_page(work, principal, mission, version)
    return render(request, "capacity.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/capacity/compare")
def compare(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    a: Annotated[int, Query(ge=1, le=2**31 - 1)],
    b: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> Response:
    page = web_capacity.compare_plans(work, principal, mission, a, b)
    return render(request, "compare.html", {"page": page}, principal=principal)


@router.get("/missions/{mission}/capacity/run")
def run_form(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    form = web_capacity.run_form(work, principal, mission)
    context = {"form": form, "values": {}, "errors": {}}
    return render(request, "run.html", context, principal=principal)


def _queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.jobs
    return queue


@router.post("/missions/{mission}/capacity/run")
async def run_plan(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    values = {k: v[0] for k, v in multi(await request.form()).items() if v}
    try:
        job = web_capacity.start_plan(work, _queue(request), principal, mission, values)
    except InvalidInput as error:
        form = web_capacity.run_form(work, principal, mission)
        context = {"form": form, "values": values, "errors": field_errors(error.problems)}
        return render(request, "run.html", context, principal=principal, status=422)
    return RedirectResponse(f"/missions/{mission}/jobs/{job.id}", status_code=303)


PlotKind = Annotated[str, Path(pattern=r"^(capacity|force)$")]


@router.get("/missions/{mission}/plots/{kind}/{number}/{name}.svg")
def plot(
    mission: Mission,
    kind: PlotKind,
    number: Number,
    name: PlotName,
    principal: CurrentPrincipal,
    work: Work,
    lang: PlotLanguage = None,
    against: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """A plan's figure; `against`: another capacity plan whose figure stands beside this one,
    drawn on the same scales."""
    words = words_in(lang) if lang else reader_words()
    if kind == "capacity":
        svg = web_plots.capacity_plot(work, principal, mission, number, name, words, against)
    else:
        svg = web_plots.force_plot(work, principal, mission, number, name, words)
    # Without the language in the address, the answer depends on the reader's cookie or browser.
    headers = SVG_HEADERS if lang else SVG_HEADERS | {"Vary": "Cookie, Accept-Language"}
    return Response(svg, media_type="image/svg+xml", headers=headers)


AdoptKind = Annotated[str, Path(pattern=r"^(capacity|timetable)$")]


@router.get("/missions/{mission}/plans/{kind}/{number}/adopt")
def adoption_form(
    request: Request,
    mission: Mission,
    kind: AdoptKind,
    number: Number,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    page = web_adoption.adoption_page(work, principal, mission, kind, number)
    context = {"page": page, "values": {}, "errors": {}}
    return render(request, "adopt.html", context, principal=principal)


@router.post("/missions/{mission}/plans/{kind}/{number}/adopt")
async def adopt_plan(
    request: Request,
    mission: Mission,
    kind: AdoptKind,
    number: Number,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    values = {k: v[0] for k, v in multi(await request.form()).items() if v}
    try:
        done = web_adoption.adopt(work, principal, mission, kind, number, values)
    except (InvalidInput, Conflict) as error:
        page = web_adoption.adoption_page(work, principal, mission, kind, number)
        problems = error.problems if isinstance(error, InvalidInput) else ()
        context = {
            "page": page,
            "values": values,
            "errors": field_errors(problems) if problems else {"": [error_markup(error)]},
        }
        status = 422 if isinstance(error, InvalidInput) else 409
        return render(request, "adopt.html", context, principal=principal, status=status)
    page_name = "capacity" if done.kind == "capacity" else "timetable"
    return RedirectResponse(f"/missions/{mission}/{page_name}", status_code=303)
