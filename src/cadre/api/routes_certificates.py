"""Certificates beyond their issue: /api/v1/missions/{mission}/certificates/{number}/pdf
(the bilingual certificate), …/renew (by a completed refresher run), /refreshers (which
course refreshes which), and /api/v1/verify/{token}: what a certificate's QR code leads to,
answered without an account and holding nothing beyond valid / revoked / expired, the
course, the holder's name and the dates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from cadre.api.errors import GUARDED, WRITES
from cadre.api.paths import MissionCode
from cadre.api.security import CurrentPrincipal, Work
from cadre.services.training import certificate_documents, renewal
from cadre.services.unit_of_work import UnitOfWork

router = APIRouter(
    tags=["certificates"],
    responses=GUARDED,
)
Number = Annotated[str, Path(max_length=64, description="The certificate's number.")]


class VerificationOut(BaseModel):
    standing: str = Field(description="valid, revoked or expired, today.")
    course: str
    holder_latin: str
    holder_arabic: str
    issued: dt.date
    expires: dt.date | None
    revoked_on: dt.date | None


class RenewIn(BaseModel):
    run: str = Field(min_length=1, max_length=64, description="The refresher run completed.")


class RenewalOut(BaseModel):
    number: str
    run: str
    renewed_on: dt.date
    previous_expiry: dt.date | None
    expires: dt.date | None


class RefresherIn(BaseModel):
    course: str = Field(min_length=1, max_length=64)
    refresher: str = Field(min_length=1, max_length=64)


@router.get(
    "/missions/{mission}/certificates/{number}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def certificate_pdf(
    request: Request, mission: MissionCode, number: Number, principal: CurrentPrincipal, work: Work
) -> Response:
    """The certificate in English and Arabic with a QR code of its verification address."""
    base = str(request.base_url)
    data = await run_in_threadpool(
        certificate_documents.certificate_document, work, principal, number, base, mission
    )
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{number}.pdf"'},
    )


@router.post(
    "/missions/{mission}/certificates/{number}/renew", response_model=RenewalOut, responses=WRITES
)
def renew(
    mission: MissionCode, number: Number, body: RenewIn, principal: CurrentPrincipal, work: Work
) -> RenewalOut:
    """Renew by the holder's completed refresher run; 422 with every reason when refused."""
    done = renewal.renew_certificate(work, principal, number, body.run, mission)
    return RenewalOut(**done.__dict__)


@router.put(
    "/missions/{mission}/refreshers", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES
)
def declare_refresher(
    mission: MissionCode, body: RefresherIn, principal: CurrentPrincipal, work: Work
) -> Response:
    """Completing `refresher` renews a certificate of `course`."""
    renewal.declare_refresher(work, principal, body.course, body.refresher, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/verify/{token}", response_model=VerificationOut)
def verify(request: Request, token: Annotated[str, Path(max_length=64)]) -> VerificationOut:
    """No account needed: the token in the certificate's QR code is the only key."""
    found = certificate_documents.verify(UnitOfWork(request.app.state.engine), token)
    return VerificationOut(
        standing=found.standing.value, course=found.course.default, holder_latin=found.holder_latin,
        holder_arabic=found.holder_arabic, issued=found.issued, expires=found.expires,
        revoked_on=found.revoked_on,
    )  # fmt: skip
