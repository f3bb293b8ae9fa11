"""The audit trail, for auditors: who did what, when, before and after; newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from cadre.services.access import audit
from cadre.web.navigation import Page, require_page
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Text = Annotated[str | None, Query(max_length=200)]
PER_PAGE = 50


@router.get("/audit")
def audit_page(
    request: Request,
    principal: CurrentPrincipal,
    work: Work,
    mission: Text = None,
    actor: Text = None,
    kind: Text = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    require_page(principal, Page.AUDIT)
    found = audit.entries_page(
        work,
        principal,
        mission=mission or None,
        kind=kind or None,
        actor=actor or None,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    filters = {"mission": mission or "", "actor": actor or "", "kind": kind or ""}
    context = {"found": found, "filters": filters, "page": page, "per_page": PER_PAGE}
    return render(request, "audit.html", context, principal=principal)
