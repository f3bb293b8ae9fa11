"""A run's roster as a workbook: GET /api/v1/missions/{mission}/runs/{run}/roster.xlsx, and
PUT it back filled in: all of it stored, or 422 with every problem and conflict located by
sheet, row and column and nothing stored."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from starlette.responses import Response

from cadre.api.errors import GUARDED, RESPONSES
from cadre.api.language import Lang, refusal
from cadre.api.paths import RUN, MissionCode, RunCode
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.errors import InvalidInput
from cadre.services.system.language import words_in
from cadre.services.training import roster_sheets
from cadre.services.training.roster_sheets import MAX_BYTES, MEDIA_TYPE

router = APIRouter(
    prefix="/missions/{mission}" + RUN,
    tags=["training"],
    responses=GUARDED,
)


class RosterAppliedOut(BaseModel):
    run: str
    marks: int
    scores: int
    kept: int


@router.get(
    "/roster.xlsx",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPE: {}}}, 400: RESPONSES[400]},
)
def download(
    mission: MissionCode,
    run: RunCode,
    principal: CurrentPrincipal,
    work: Work,
    lang: Lang = "en",
) -> Response:
    """The roster to fill in offline, its sheets and headings in English or Arabic; either
    goes back in by PUT."""
    refused = refusal(lang, "a roster")
    if refused is not None:
        return refused
    words = words_in(lang)
    found = roster_sheets.roster_download(work, principal, run, mission, words)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": found.disposition},
    )


@router.put(
    "/roster.xlsx",
    response_model=RosterAppliedOut,
    responses={409: RESPONSES[409], 422: RESPONSES[422]},
)
async def upload(
    mission: MissionCode,
    run: RunCode,
    workbook: UploadFile,
    principal: CurrentPrincipal,
    work: Work,
) -> RosterAppliedOut:
    data = await workbook.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"a roster workbook may be at most {MAX_BYTES:,} bytes", code="roster.too_big"
        )
    done = await run_in_threadpool(
        roster_sheets.upload_roster, work, principal, run, data,
        workbook.filename or "roster.xlsx", dt.date.today(), mission,
    )  # fmt: skip
    return RosterAppliedOut(run=done.run, marks=done.marks, scores=done.scores, kept=done.kept)
