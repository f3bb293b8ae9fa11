"""Trainees: /api/v1/missions/{mission}/trainees[/{id}], searched however a name is spelt,
created, replaced against the version read (ETag / If-Match, as every record), merged by a
person, imported as a file (all or nothing); and the likely duplicates. Each answer holds
only what the caller's roles may see of trainees' personal data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request, Response, UploadFile, status
from pydantic import BaseModel, Field

from cadre.api.errors import GUARDED, RESPONSES
from cadre.api.paths import MissionCode
from cadre.api.routes_jobs import import_job
from cadre.api.schemas import JobOut, LabelOut
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.errors import InvalidInput
from cadre.services.jobs import imports
from cadre.services.training import operations, queries
from cadre.services.training.queries import TraineeView

router = APIRouter(
    prefix="/missions/{mission}",
    tags=["trainees"],
    responses=GUARDED,
)
MAX_ID = 2**31 - 1  # the database's integer key
TraineeId = Annotated[int, Path(ge=1, le=MAX_ID, description="The trainee's id.")]
IfMatch = Annotated[
    str,
    Header(
        alias="If-Match",
        description="The trainee's ETag as read; a write based on an older version gets 409, "
        "one without this header 428.",
    ),
]
MAX_UPLOAD = 64 * 1024 * 1024


class TraineeIn(BaseModel):
    """A trainee as entered: the import file's columns."""

    service: str = Field(max_length=16, examples=["IA"])
    service_number: str = Field(max_length=32)
    name_ar: str = Field(max_length=200, description="The name as written in Arabic.")
    name_latin: str = Field("", max_length=200, description="Empty: the suggested transliteration.")
    birth_year: int | None = None
    rank: str = Field("", max_length=8, description="A NATO rank code, e.g. OR-5.")
    unit: str = Field("", max_length=200)
    governorate: str = Field("", max_length=40, description="A p-code (IQG08) or a name.")
    vetting_status: str = Field("pending", max_length=12)
    vetting_date: str | None = Field(None, max_length=10)
    vetting_authority: str = Field("", max_length=200)
    vetting_until: str | None = Field(None, max_length=10)
    languages: dict[str, int] = Field(
        default_factory=dict, description="ISO 639-1 code to STANAG 6001 level (0 to 5)."
    )


class TraineeOut(BaseModel):
    id: int
    data: dict[str, Any]
    label: LabelOut
    etag: str
    duplicates: list[int] = []  # likely duplicates flagged by this write


class TraineePageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[TraineeOut]


class MergeIn(BaseModel):
    drop: int = Field(ge=1, le=MAX_ID, description="The trainee merged into this one and removed.")


class MergeOut(BaseModel):
    kept: TraineeOut
    dropped: int
    enrolments: int
    certificates: int


class DuplicateOut(BaseModel):
    first: TraineeOut
    second: TraineeOut
    score: int
    reason: str


def _out(view: TraineeView, duplicates: tuple[int, ...] = ()) -> TraineeOut:
    return TraineeOut(
        id=view.id,
        data=view.document,
        label=LabelOut.of(view.label),
        etag=view.etag,
        duplicates=list(duplicates),
    )


def _tagged(response: Response, view: TraineeView) -> None:
    response.headers["ETag"] = f'"{view.etag}"'


def _versions(value: str) -> tuple[str, ...]:
    return tuple(t.strip().removeprefix("W/").strip('"') for t in value.split(",") if t.strip())


@router.get("/trainees", response_model=TraineePageOut)
def list_trainees(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    q: Annotated[
        str | None,
        Query(max_length=200, description="A name in any spelling or script, or a number."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> TraineePageOut:
    page = queries.list_trainees(work, principal, mission, q=q, limit=limit, offset=offset)
    return TraineePageOut(
        total=page.total, limit=limit, offset=offset, items=[_out(v) for v in page.items]
    )


@router.get("/trainees/duplicates", response_model=list[DuplicateOut])
def list_duplicates(
    mission: MissionCode, principal: CurrentPrincipal, work: Work
) -> list[DuplicateOut]:
    """Pairs of trainees likely to be one person, waiting for a person's decision."""
    return [
        DuplicateOut(first=_out(p.first), second=_out(p.second), score=p.score, reason=p.reason)
        for p in queries.duplicates(work, principal, mission)
    ]


@router.get("/trainees/{trainee}", response_model=TraineeOut)
def read_trainee(
    mission: MissionCode,
    trainee: TraineeId,
    principal: CurrentPrincipal,
    work: Work,
    response: Response,
) -> TraineeOut:
    view = queries.get_trainee(work, principal, trainee, mission)
    _tagged(response, view)
    return _out(view)


@router.post(
    "/trainees",
    response_model=TraineeOut,
    status_code=status.HTTP_201_CREATED,
    responses={409: RESPONSES[409], 422: RESPONSES[422]},
)
def create_trainee(
    mission: MissionCode,
    body: TraineeIn,
    principal: CurrentPrincipal,
    work: Work,
    response: Response,
) -> TraineeOut:
    """Enter a trainee; the answer names the likely duplicates already entered."""
    made = operations.create_trainee(work, principal, body.model_dump(), mission)
    _tagged(response, made.view)
    response.headers["Location"] = f"/api/v1/missions/{mission}/trainees/{made.view.id}"
    return _out(made.view, made.duplicates)


@router.put(
    "/trainees/{trainee}",
    response_model=TraineeOut,
    responses={409: RESPONSES[409], 422: RESPONSES[422], 428: RESPONSES[428]},
)
def replace_trainee(
    mission: MissionCode,
    trainee: TraineeId,
    body: TraineeIn,
    principal: CurrentPrincipal,
    work: Work,
    response: Response,
    if_match: IfMatch,
) -> TraineeOut:
    done = operations.update_trainee(
        work, principal, trainee, body.model_dump(), _versions(if_match), mission
    )
    _tagged(response, done.view)
    return _out(done.view, done.duplicates)


@router.post(
    "/trainees/{trainee}/merge",
    response_model=MergeOut,
    responses={409: RESPONSES[409], 422: RESPONSES[422], 428: RESPONSES[428]},
)
def merge_trainees(
    mission: MissionCode,
    trainee: TraineeId,
    body: MergeIn,
    principal: CurrentPrincipal,
    work: Work,
    if_match: Annotated[
        str, Header(alias="If-Match", description="The ETag of the trainee to drop, as read.")
    ],
) -> MergeOut:
    """Two entries are one person: the dropped one's enrolments and certificates move here."""
    done = operations.merge_trainees(
        work, principal, trainee, body.drop, _versions(if_match), mission
    )
    return MergeOut(
        kept=_out(done.kept),
        dropped=done.dropped,
        enrolments=done.enrolments,
        certificates=done.certificates,
    )


@router.post(
    "/trainees/import",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses={413: {"description": "the file is too large"}, 422: RESPONSES[422]},
)
async def import_trainees(
    mission: MissionCode,
    file: UploadFile,
    principal: CurrentPrincipal,
    work: Work,
    request: Request,
    response: Response,
) -> JobOut:
    """A CSV or XLSX table of trainees, imported as a job (twenty thousand rows take a
    while): the answer comes at once with the job; `GET /api/v1/jobs/{id}` follows its rows
    checked, and its `result` says what was stored, or every problem located by line, column
    and field (then nothing is stored)."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(
            f"the file is larger than {MAX_UPLOAD:,} bytes", code="trainees.too_large"
        )
    name = file.filename or "upload"
    return await import_job(
        request, response, work, principal, mission, imports.TRAINEES_IMPORT, name, data
    )
