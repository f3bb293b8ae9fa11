"""Scenario records: /api/v1/missions/{mission}/{kind}[/{key}], one set of routes per kind,
typed with the scenario file's own shape for that kind (so the OpenAPI document says exactly
what a site or a pledge is), plus record labels and the mission's releasable extract.

No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
time, and those built per kind (the shape, its filters) exist only inside `_add_kind`.
"""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Header, Path, Query, Response, status
from pydantic import ConfigDict, Field, create_model

from cadre.api.errors import RESPONSES
from cadre.api.paths import MissionCode
from cadre.api.schemas import GenericRecordOut, LabelIn, LabelOut
from cadre.api.security import CurrentPrincipal, Work
from cadre.services.records import labels as record_labels
from cadre.services.records import operations as record_edits
from cadre.services.records import queries as records
from cadre.services.records.queries import KINDS, RecordKind, RecordView

router = APIRouter(prefix="/missions/{mission}", responses={401: RESPONSES[401]})
IfMatch = Annotated[
    str,
    Header(
        alias="If-Match",
        description="The record's ETag as read; a write based on an older version gets 409, "
        "one without this header 428.",
    ),
]


def if_match(value: str) -> tuple[str, ...]:
    """The versions a write is based on, from an If-Match header (quotes and W/ dropped)."""
    return tuple(t.strip().removeprefix("W/").strip('"') for t in value.split(",") if t.strip())


def _tagged(response: Response, view: RecordView) -> RecordView:
    response.headers["ETag"] = f'"{view.etag}"'
    return view


def _add_kind(kind: RecordKind) -> None:
    record_out, page_out, filters = _shapes(kind)
    _add_reads(kind, record_out, page_out, filters)
    _add_writes(kind, record_out)


def _shapes(kind: RecordKind) -> tuple[Any, Any, Any]:
    """The kind's answer shapes (one record, a page of them) and its query's filters, made at
    import time from the scenario file's shape so the OpenAPI document names every field."""
    shape: Any = kind.shape
    name = shape.__name__.removesuffix("Shape")
    record_out: Any = create_model(
        f"{name}Record",
        kind=(str, ...),
        key=(str, ...),
        data=(shape, ...),
        label=(LabelOut, ...),
        etag=(str, ...),
    )
    page_out: Any = create_model(
        f"{name}Page",
        total=(int, ...),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[record_out], ...),
    )
    fields: dict[str, Any] = {f: (str | None, Field(None, max_length=200)) for f in kind.filters}
    filters: Any = create_model(
        f"{name}Filters",
        __config__=ConfigDict(extra="forbid"),
        q=(str | None, Field(None, max_length=200, description="Text in its code or name.")),
        limit=(int, Field(50, ge=1, le=500)),
        offset=(int, Field(0, ge=0, le=1_000_000)),
        **fields,
    )
    return record_out, page_out, filters


def _add_reads(kind: RecordKind, record_out: Any, page_out: Any, filters: Any) -> None:
    key_path = Annotated[str, Path(max_length=64, description=f"The {kind.noun}'s {kind.key}.")]
    base = f"/{kind.name}"

    @router.get(
        base,
        response_model=page_out,
        tags=[kind.name],
        name=f"list {kind.name}",
        responses={403: RESPONSES[403], 404: RESPONSES[404], 422: RESPONSES[422]},
    )
    def list_kind(
        mission: MissionCode,
        query: Annotated[filters, Query()],
        principal: CurrentPrincipal,
        work: Work,
    ) -> dict[str, Any]:
        asked: Any = query  # a model made above, so its fields are known at run time only
        chosen = {f: getattr(asked, f) for f in kind.filters if getattr(asked, f) is not None}
        page = records.list_records(
            work,
            principal,
            mission,
            kind.name,
            filters=chosen,
            q=asked.q,
            limit=asked.limit,
            offset=asked.offset,
        )
        items = [_out(v) for v in page.items]
        return {"total": page.total, "limit": asked.limit, "offset": asked.offset, "items": items}

    @router.get(
        base + "/{key}",
        response_model=record_out,
        tags=[kind.name],
        name=f"read {kind.noun}",
        responses=_errors(403, 404),
    )
    def read_one(
        mission: MissionCode,
        key: key_path,
        principal: CurrentPrincipal,
        work: Work,
        response: Response,
    ) -> dict[str, Any]:
        return _out(_tagged(response, records.get_record(work, principal, mission, kind.name, key)))


def _add_writes(kind: RecordKind, record_out: Any) -> None:
    shape: Any = kind.shape
    key_path = Annotated[str, Path(max_length=64, description=f"The {kind.noun}'s {kind.key}.")]
    base = f"/{kind.name}"

    @router.post(
        base,
        response_model=record_out,
        status_code=status.HTTP_201_CREATED,
        tags=[kind.name],
        name=f"create {kind.noun}",
        responses=_errors(403, 404, 409, 422),
    )
    def create(
        mission: MissionCode,
        body: shape,
        principal: CurrentPrincipal,
        work: Work,
        response: Response,
    ) -> dict[str, Any]:
        view = record_edits.create_record(
            work, principal, mission, kind.name, body.model_dump(mode="json")
        )
        where = f"/api/v1/missions/{quote(mission, safe='')}{base}/{quote(view.key, safe='')}"
        response.headers["Location"] = where  # codes may be any text: percent-encoded
        return _out(_tagged(response, view))

    @router.put(
        base + "/{key}",
        response_model=record_out,
        tags=[kind.name],
        name=f"replace {kind.noun}",
        responses=_errors(403, 404, 409, 422, 428),
    )
    def replace(
        mission: MissionCode,
        key: key_path,
        body: shape,
        principal: CurrentPrincipal,
        work: Work,
        response: Response,
        if_match_header: IfMatch,
    ) -> dict[str, Any]:
        expected = if_match(if_match_header)
        view = record_edits.replace_record(
            work, principal, mission, kind.name, key, body.model_dump(mode="json"), expected
        )
        return _out(_tagged(response, view))

    @router.delete(
        base + "/{key}",
        status_code=status.HTTP_204_NO_CONTENT,
        tags=[kind.name],
        name=f"delete {kind.noun}",
        responses=_errors(403, 404, 409, 422, 428),
    )
    def delete(
        mission: MissionCode,
        key: key_path,
        principal: CurrentPrincipal,
        work: Work,
        if_match_header: IfMatch,
    ) -> Response:
        expected = if_match(if_match_header)
        record_edits.delete_record(work, principal, mission, kind.name, key, expected)
        return Response(status_code=status.HTTP_204_NO_CONTENT)


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: RESPONSES[code] for code in codes}


def _out(view: RecordView) -> dict[str, Any]:
    return {
        "kind": view.kind,
        "key": view.key,
        "data": view.document,
        "label": LabelOut.of(view.label),
        "etag": view.etag,
    }


for _kind in KINDS.values():
    _add_kind(_kind)

KindName = Annotated[str, Path(description="A kind of record.", examples=list(KINDS))]


@router.put(
    "/labels/{kind}/{key}",
    response_model=GenericRecordOut,
    tags=["labels"],
    responses=_errors(403, 404, 409, 422, 428),
)
def relabel(
    mission: MissionCode,
    kind: KindName,
    key: Annotated[str, Path(max_length=64)],
    body: LabelIn,
    principal: CurrentPrincipal,
    work: Work,
    response: Response,
    if_match_header: IfMatch,
) -> dict[str, Any]:
    """Change a record's classification, owner or releasable-to list."""
    expected = if_match(if_match_header)
    view = record_labels.relabel(work, principal, mission, kind, key, body.label(), expected)
    return _out(_tagged(response, view))


@router.get(
    "/export", response_model=dict[str, Any], tags=["missions"], responses=_errors(403, 404)
)
def export(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> dict[str, Any]:
    """The scenario as the caller may see it, in the scenario file's layout (a releasable
    extract: it may refer to records left out, so it is not for re-import)."""
    return records.export(work, principal, mission)
