"""Certificates on the web: the verification page anyone reaches from a certificate's QR
code (no login; it shows valid, revoked or expired, the course, the holder's name and the
dates, nothing more), a certificate's PDF, and those expiring within N days by school and
discipline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from cadre.services.training import certificate_documents, queries
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.routing import PageRoute
from cadre.web.security import CurrentPrincipal, Database, Work
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
Mission = Annotated[str, Path(max_length=64)]
Code = Annotated[str, Query(max_length=64)]


@router.get("/verify/{token}")
async def verify_page(
    request: Request, engine: Database, token: Annotated[str, Path(max_length=64)]
) -> Response:
    found = await run_in_threadpool(certificate_documents.verify, UnitOfWork(engine), token)
    page = render(request, "verify.html", {"found": found})
    page.headers["Cache-Control"] = "no-store"
    page.headers["Referrer-Policy"] = "no-referrer"  # the token stays out of others' logs
    return page


@router.get("/missions/{mission}/certificates/{number}.pdf")
def certificate_pdf(
    request: Request,
    mission: Mission,
    number: Annotated[str, Path(max_length=64)],
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    base = str(request.base_url)
    data = certificate_documents.certificate_document(work, principal, number, base, mission)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{number}.pdf"'},
    )


@router.get("/missions/{mission}/certificates/expiring")
def expiring_page(
    request: Request,
    mission: Mission,
    principal: CurrentPrincipal,
    work: Work,
    days: Annotated[int, Query(ge=0, le=3650)] = 90,
    school: Code = "",
    discipline: Code = "",
    on: Annotated[dt.date | None, Query()] = None,
) -> Response:
    found = queries.expiring_certificates(
        work, principal, days, mission, on,
        school=school.upper(), discipline=discipline.upper(),
    )  # fmt: skip
    context = {
        "mission": mission,
        "found": found,
        "days": days,
        "school": school,
        "discipline": discipline,
        "on": on.isoformat() if on else "",
    }
    return render(request, "expiring.html", context, principal=principal)
