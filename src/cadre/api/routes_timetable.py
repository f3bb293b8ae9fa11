"""The released timetable as files, as the web page hands them out: GET
/api/v1/missions/{mission}/timetable.xlsx (the workbook) and timetable.ics (one site's,
instructor's or cohort's calendar), each in English or Arabic by `?lang=`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from cadre.access.policy import Principal, Verb, allowed
from cadre.api.errors import RESPONSES
from cadre.api.language import Lang, refusal
from cadre.api.paths import MissionCode
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.errors import Forbidden
from cadre.services.system.language import words_in
from cadre.services.timetable.release import released_calendar, released_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
router = APIRouter(
    prefix="/missions/{mission}",
    tags=["plans"],
    responses={
        400: RESPONSES[400],
        401: RESPONSES[401],
        403: RESPONSES[403],
        404: RESPONSES[404],
    },
)
Version = Annotated[
    int | None, Query(ge=1, le=2**31 - 1, description="default: the adopted version")
]


def _may_read(principal: Principal) -> None:
    # Whoever may not open the timetable page may not take its files through the API either.
    if not allowed(principal, Verb.READ, "cohorts"):
        raise Forbidden("your role does not let you read the timetable")


@router.get("/timetable.xlsx", response_class=Response, responses={200: {"content": {XLSX: {}}}})
def timetable_workbook(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    version: Version = None,
    lang: Lang = "en",
) -> Response:
    """The timetable's workbook (runs, assignments, a sheet per site) as released to the
    caller."""
    _may_read(principal)
    refused = refusal(lang, "a timetable workbook")
    if refused is not None:
        return refused
    words = words_in(lang)
    number, data = released_workbook(work, principal, mission, version, words)
    disposition = f'attachment; filename="{mission}-timetable-{number}.xlsx"'
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})


@router.get(
    "/timetable.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def timetable_calendar(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    by: Annotated[str, Query(pattern="^(site|instructor|cohort)$")],
    key: Annotated[str, Query(min_length=1, max_length=64)],
    version: Version = None,
    lang: Lang = "en",
) -> Response:
    """One site's, instructor's or cohort's calendar (RFC 5545, stable UIDs) as released to
    the caller."""
    _may_read(principal)
    refused = refusal(lang, "a calendar")
    if refused is not None:
        return refused
    words = words_in(lang)
    text = released_calendar(work, principal, mission, by, key, version, words)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key)
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{mission}-{by}-{safe}.ics"'},
    )
