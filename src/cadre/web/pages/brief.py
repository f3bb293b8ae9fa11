"""The mission brief as a PDF download, in the reader's language, as the reader may see it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from cadre.services.brief.document import brief_document
from cadre.web import i18n
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Work

router = APIRouter(route_class=PageRoute)


@router.get("/missions/{mission}/brief.pdf")
async def brief_pdf(
    request: Request,
    mission: Annotated[str, Path(max_length=64)],
    principal: CurrentPrincipal,
    work: Work,
    lang: Annotated[str | None, Query(pattern="^(en|ar)$")] = None,
) -> Response:
    chosen = lang or i18n.language_of(request).code
    data = await run_in_threadpool(brief_document, work, principal, mission, chosen)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{mission}-brief-{chosen}.pdf"'},
    )
