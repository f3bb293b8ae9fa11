"""Every error the API returns has one JSON shape and a sentence a user understands; the
core's error hierarchy maps to HTTP statuses here and nowhere else."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from cadre.access.errors import NotAuthenticated, Throttled
from cadre.domain.errors import (
    CadreError,
    Conflict,
    Forbidden,
    Infeasible,
    InvalidInput,
    NotFound,
    Param,
)

log = logging.getLogger("cadre.api")


class PreconditionRequired(CadreError):
    """A write came without the version (If-Match) it was based on."""


class ProblemOut(BaseModel):
    field: str
    message: str
    line: int | None = None  # where in an uploaded file, when the problem is in one
    column: int | None = None
    code: str = ""
    params: dict[str, Param] = {}


class ErrorOut(BaseModel):
    """`code` and `params` say what went wrong for programs (stable across wordings);
    `message` says it in English for people."""

    status: int
    error: str
    message: str
    code: str = ""
    params: dict[str, Param] = {}
    problems: list[ProblemOut] = []


# Most specific first: the first class an error is an instance of decides.
STATUSES: tuple[tuple[type[CadreError], int, str], ...] = (
    (Throttled, 429, "too_many_attempts"),
    (NotAuthenticated, 401, "not_authenticated"),
    (PreconditionRequired, 428, "precondition_required"),
    (InvalidInput, 422, "invalid_input"),
    (Infeasible, 422, "infeasible"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (Forbidden, 403, "forbidden"),
    (CadreError, 400, "bad_request"),
)

# For the OpenAPI document: what each status means, with the error shape.
RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": name.replace("_", " ")}
    for _, status, name in STATUSES
}
# What a router behind a login may answer on every route, and what every write may add.
GUARDED: dict[int | str, dict[str, Any]] = {s: RESPONSES[s] for s in (401, 403, 404)}
WRITES: dict[int | str, dict[str, Any]] = {s: RESPONSES[s] for s in (409, 422)}


def status_of(error: CadreError) -> tuple[int, str]:
    for kind, status, name in STATUSES:
        if isinstance(error, kind):
            return status, name
    return 400, "bad_request"  # pragma: no cover  (CadreError is last in the table)


def error_response(
    status: int,
    name: str,
    message: str,
    problems: list[ProblemOut] | None = None,
    code: str = "",
    params: Mapping[str, Param] | None = None,
) -> JSONResponse:
    body = ErrorOut(
        status=status,
        error=name,
        message=message,
        code=code or name,
        params=dict(params or {}),
        problems=problems or [],
    )
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="cadre"'
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def cadre_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CadreError)
    status, name = status_of(error)
    problems = []
    message = str(error)
    if isinstance(error, InvalidInput):
        problems = [
            ProblemOut(
                field=p.field,
                message=p.reason,
                line=p.line,
                column=p.column,
                code=p.code,
                params=dict(p.params),
            )
            for p in error.problems
        ]
        count = len(problems)
        message = error.problems[0].reason if count == 1 else f"{count} problems found"
    response = error_response(status, name, message, problems, error.code, error.params)
    if isinstance(error, Throttled):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    if any(tuple(e["loc"]) == ("header", "If-Match") for e in error.errors()):
        return cadre_error(
            request,
            PreconditionRequired(
                "send the record's ETag in an If-Match header, so a change made since you "
                "read it is not overwritten"
            ),
        )
    problems = [
        ProblemOut(
            field=".".join(str(s) for s in e["loc"] if s not in ("body", "query", "path")),
            message=_sentence(e),
        )
        for e in error.errors()
    ]
    message = problems[0].message if len(problems) == 1 else f"{len(problems)} problems found"
    return error_response(422, "invalid_input", message, problems)


def _sentence(error: dict[str, Any]) -> str:
    where = error["loc"][0] if error["loc"] else ""
    text = str(error.get("msg", "is not valid"))
    if error.get("type") == "missing":
        return f"the {where} needs this field" if where in ("body", "query") else "is required"
    return text[0].lower() + text[1:] if text else text


def http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    sentences = {
        400: "the request's body could not be read; send JSON (or the form the page posts)",
        404: "there is nothing at this address",
        405: "this address does not take that method",
    }
    message = sentences.get(error.status_code, str(error.detail))
    response = error_response(error.status_code, f"http_{error.status_code}", message)
    for key, value in (error.headers or {}).items():
        response.headers[key] = value
    return response


def unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    reference = uuid.uuid4().hex[:12]
    log.error("unexpected error, reference %s", reference, exc_info=error)
    return error_response(
        500,
        "internal",
        f"the service hit an unexpected error; its administrators find it in the log under "
        f"reference {reference}",
    )


class PlainAddresses:
    """Refuses an address whose path or query holds a control character (a NUL byte, say):
    no code or filter has one, and PostgreSQL would refuse it mid-request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            text = unquote(scope.get("raw_path", b"").decode("latin-1")) + unquote(
                scope.get("query_string", b"").decode("latin-1")
            )
            if any(ch < " " or ch == "\x7f" for ch in text):
                response = error_response(
                    422, "invalid_input", "the address holds a control character; remove it"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(CadreError, cadre_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
