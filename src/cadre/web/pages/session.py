"""Logging in and out, the language and calendar switches, and the start page."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from cadre.access.errors import NotAuthenticated, Throttled
from cadre.access.sessions import CSRF_FIELD
from cadre.services.access import users
from cadre.services.scenario import missions
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.i18n import HIJRI_COOKIE, LANGUAGE_COOKIE, LANGUAGES
from cadre.web.navigation import MISSION_PAGES, Page, home_page
from cadre.web.routing import PageRoute, first, safe_next
from cadre.web.security import (
    CurrentPrincipal,
    Database,
    Work,
    clear_session_cookies,
    login_form_holds,
    login_form_token,
    session_token,
    set_session_cookies,
)
from cadre.web.templating import render

router = APIRouter(route_class=PageRoute)
YEAR = 365 * 24 * 3600


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    response = Response()
    token = login_form_token(request, response)
    context = {"next": safe_next(next), "error": "", "username": "", "login_csrf": token}
    return _with_cookies(render(request, "login.html", context), response)


def _with_cookies(page: Response, carrier: Response) -> Response:
    for name, value in carrier.raw_headers:
        if name == b"set-cookie":
            page.raw_headers.append((name, value))
    return page


@router.post("/login")
async def log_in(request: Request, engine: Database) -> Response:
    form = await request.form()
    username, target = first(form, "username"), safe_next(first(form, "next"))
    password = form.get("password")
    address = request.client.host if request.client else "unknown"
    carrier = Response()
    token = login_form_token(request, carrier)
    context = {"next": target, "error": "", "username": username, "login_csrf": token}
    if not login_form_holds(request, first(form, CSRF_FIELD)):
        context["error"] = "expired"  # the page says it in the reader's language
        return _with_cookies(render(request, "login.html", context, status=403), carrier)
    try:
        login = await run_in_threadpool(
            users.login,
            UnitOfWork(engine),
            username,
            password if isinstance(password, str) else "",
            address,
        )
    except Throttled as error:
        context["error"] = str(error)
        page = render(request, "login.html", context, status=429)
        page.headers["Retry-After"] = str(error.retry_after)
        return _with_cookies(page, carrier)
    except NotAuthenticated as error:
        context["error"] = str(error)
        return _with_cookies(render(request, "login.html", context, status=401), carrier)
    response = RedirectResponse(target, status_code=303)
    set_session_cookies(request, response, login)
    return response


@router.post("/logout")
def log_out(
    _principal: CurrentPrincipal,
    work: Work,
    cookie: Annotated[str | None, Depends(session_token)],
) -> Response:
    if cookie:
        users.logout(work, cookie)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookies(response)
    return response


@router.post("/language")
async def switch_language(request: Request) -> Response:
    return await _remember(request, "lang", LANGUAGE_COOKIE, LANGUAGES)


@router.post("/hijri")
async def switch_hijri(request: Request) -> Response:
    """The Hijri date beside the Gregorian one on every page: "on" or "off"."""
    return await _remember(request, "hijri", HIJRI_COOKIE, ("on", "off"))


async def _remember(
    request: Request, field: str, cookie: str, allowed: Collection[str]
) -> Response:
    """A reader's choice, kept in a cookie for a year (the pages have no other state to keep
    it in), then back to the page it was made on; an unknown value changes nothing."""
    form = await request.form()
    chosen = first(form, field)
    response = RedirectResponse(safe_next(first(form, "next")), status_code=303)
    if chosen in allowed:
        response.set_cookie(cookie, chosen, max_age=YEAR, samesite="lax", path="/")
    return response


PAGE_PATHS = {
    Page.OVERVIEW: "",
    Page.CAPACITY: "/capacity",
    Page.FORCE: "/force",
    Page.TIMETABLE: "/timetable",
    Page.RECORDS: "/records/courses",
}


@router.get("/")
def start(request: Request, principal: CurrentPrincipal, work: Work) -> Response:
    """Straight to the user's first page when there is one mission; else the list."""
    total, found = missions.missions(work, principal)
    page = home_page(principal)
    if page is Page.AUDIT and total == 0:
        return RedirectResponse("/audit", status_code=303)
    if total == 1 and page in MISSION_PAGES:
        return RedirectResponse(f"/missions/{found[0].code}{PAGE_PATHS[page]}", status_code=303)
    context = {"missions": found, "home": PAGE_PATHS.get(page, "") if page else None}
    return render(request, "missions.html", context, principal=principal)
