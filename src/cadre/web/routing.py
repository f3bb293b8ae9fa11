"""What every page route shares: errors become a page a user understands (never a stack
trace), a request without a session goes to the login page, and small helpers for forms.
The reader's language is set for the whole request, so an error's words are in it too.

The core's errors map to pages here, as api/errors.py maps them to JSON for the API: 403 with
a friendly page for what a role may not do, 404 alike for what does not exist and for what is
not released to the user (so the answer does not say which). An address whose values cannot
be read or break a rule (`?day=9999-12-31`, `?version=abc`) is a 400 that names the value."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine, Iterable
from typing import Any
from urllib.parse import quote

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from markupsafe import Markup, escape
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from cadre.access.errors import NotAuthenticated, Throttled
from cadre.domain.errors import (
    CadreError,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Problem,
)
from cadre.web import i18n
from cadre.web.messages import N_, error_markup, problem_markup
from cadre.web.templating import render

log = logging.getLogger("cadre.web")

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
SAFE = ("GET", "HEAD")  # their input is the address: a bad value there is a bad address
MISSING = N_("The address gives no value for %(name)s.")
UNREADABLE = N_("The address gives %(name)s the value “%(value)s”, which Cadre cannot read here.")


def error_page(
    request: Request, status: int, message: str | Markup, problems: tuple[Problem, ...] = ()
) -> Response:
    return render(
        request,
        "error.html",
        {"status": status, "message": message, "problems": problems},
        status=status,
    )


def login_redirect(request: Request) -> RedirectResponse:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(here, safe='')}", status_code=303)


class PageRoute(APIRoute):
    """A route whose every error is answered with a page."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            token = i18n.current.set(i18n.language_of(request))
            try:
                return await answer(request)
            finally:
                i18n.current.reset(token)

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except NotAuthenticated:
                return login_redirect(request)
            except Throttled as error:
                return error_page(request, 429, error_markup(error))
            except NotFound as error:
                return error_page(request, 404, error_markup(error))
            except Forbidden as error:
                return error_page(request, 403, error_markup(error))
            except InvalidInput as error:
                status = 400 if request.method in SAFE else 422
                return error_page(request, status, "", error.problems)
            except Conflict as error:
                return error_page(request, 409, error_markup(error))
            except CadreError as error:
                return error_page(request, 400, error_markup(error))
            except RequestValidationError as error:
                return error_page(request, 400, unreadable(error))
            except HTTPException:
                raise
            except Exception as error:  # a page never shows a stack trace
                reference = uuid.uuid4().hex[:12]
                log.error("unexpected error, reference %s", reference, exc_info=error)
                return error_page(request, 500, reference)

        return page


def unreadable(error: RequestValidationError) -> Markup:
    """Which values of the address Cadre could not read, in the reader's language."""
    sentences = []
    for problem in error.errors():
        where = problem.get("loc", ())
        name = str(where[-1]) if where else "?"
        value = str(problem.get("input", ""))
        value = value if len(value) <= 40 else value[:40] + "…"
        template = i18n.gettext_(MISSING if problem.get("type") == "missing" else UNREADABLE)
        sentences.append(
            escape(template) % {"name": Markup("<code>%s</code>") % name, "value": value}
        )
    return Markup(" ").join(sentences)


def first(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


async def uploaded(request: Request, name: str, limit: int) -> tuple[str, bytes]:
    """The file sent in the form's field `name`: its name ("" if none) and at most `limit` + 1
    bytes, so a caller tells a file too large from one just at the limit."""
    # The CSRF check has read the form already; closing it removes the spooled upload.
    async with request.form() as form:
        upload = form.get(name)
        if not isinstance(upload, UploadFile):
            return "", b""
        return upload.filename or "", await upload.read(limit + 1)


def field_errors(problems: Iterable[Problem]) -> dict[str, list[Markup]]:
    """A refusal's problems by the form field each belongs to ("" for the form as a whole), in
    the reader's language where the problem's code has words in the web app."""
    errors: dict[str, list[Markup]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(problem_markup(problem))
    return errors


def multi(form: FormData) -> dict[str, list[str]]:
    """Every text field of a form with all its values (checkboxes send one per box)."""
    return {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site: never another host (//evil or https://evil)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
