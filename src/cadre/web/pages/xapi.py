"""xAPI out on the web: the outbox's figures (queued, sent, failed and why), a retry that
sends it to the Learning Record Store now, and the reader's statements as a file."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from cadre.domain.errors import InvalidInput, Problem
from cadre.services.scenario.queries import mission_context
from cadre.services.training import outbox, xapi
from cadre.services.training.xapi import Sent
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]


def _page(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: str,
    sent: Sent | None = None,
    problems: tuple[Problem, ...] = (),
) -> Response:
    context = {
        "heading": mission_context(work, principal, mission).heading,
        "active": "training",
        "figures": outbox.figures(work, principal, mission),
        "sent": sent,
        "problems": problems,
    }
    status = 422 if problems else 200
    return render(request, "xapi.html", context, principal=principal, status=status)


@router.get("/missions/{mission}/xapi")
def xapi_page(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    return _page(request, principal, work, mission)


@router.post("/missions/{mission}/xapi/retry")
def retry(request: Request, mission: Mission, principal: CurrentPrincipal, work: Work) -> Response:
    try:
        sent = outbox.retry(work, principal, mission)
    except InvalidInput as error:
        return _page(request, principal, work, mission, problems=error.problems)
    return _page(request, principal, work, mission, sent)


@router.get("/missions/{mission}/xapi/statements.json")
def statements_file(mission: Mission, principal: CurrentPrincipal, work: Work) -> Response:
    document = xapi.export(work, principal, mission)
    return Response(
        json.dumps(document, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="xapi-{mission}.json"'},
    )
