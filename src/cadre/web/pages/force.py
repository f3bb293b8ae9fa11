"""The force generation page, and a nation's pledge workbook out and back in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from cadre.domain.errors import InvalidInput
from cadre.services.force.workbooks import MAX_BYTES, import_workbook, pledge_workbook
from cadre.web.navigation import Page, require_page
from cadre.web.presenters.force import force_page
from cadre.web.routing import PageRoute, uploaded
from cadre.web.security import CurrentPrincipal, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Nation = Annotated[str, Query(max_length=16, pattern=r"^[A-Z][A-Z0-9-]{1,15}$")]


@router.get("/missions/{mission}/force")
def force(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    nation: Annotated[str | None, Query(max_length=16)] = None,
) -> Response:
    page = force_page(work, principal, mission, nation or None)
    return render(request, "force.html", {"page": page, "nation": nation}, principal=principal)


@router.get("/missions/{mission}/force/workbook")
def download_workbook(
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    nation: Nation,
    format: Annotated[str, Query(pattern="^(xlsx|csv)$")] = "xlsx",
) -> Response:
    require_page(principal, Page.FORCE)
    book = pledge_workbook(work, principal, mission, nation, format)
    return Response(
        book.data,
        media_type=book.media_type,
        headers={"Content-Disposition": f'attachment; filename="{book.filename}"'},
    )


@router.post("/missions/{mission}/force/workbook")
async def upload_workbook(
    request: Request, mission: Mission, principal: CurrentPrincipal, work: Work
) -> Response:
    require_page(principal, Page.FORCE)
    filename, data = await uploaded(request, "workbook", MAX_BYTES)
    context: dict[str, object] = {"mission": mission, "outcome": None, "problems": ()}
    try:
        context["outcome"] = await run_in_threadpool(
            import_workbook, work, principal, mission, filename, data
        )
    except InvalidInput as error:
        context["problems"] = error.problems
        return render(request, "upload.html", context, principal=principal, status=422)
    return render(request, "upload.html", context, principal=principal)
