"""Rendering a page: the Jinja2 environment with the i18n extension, the filters that write
dates and numbers in the reader's language, and the headers every page carries."""

from __future__ import annotations

import functools
import hashlib
import pathlib
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from cadre.access.policy import Principal
from cadre.access.sessions import CSRF_COOKIE, CSRF_FIELD
from cadre.web import cause_words, i18n, messages, terms
from cadre.web.navigation import pages_for, roster_url
from cadre.web.record_name import latin_words, name_and_language, record_name

STATIC = pathlib.Path(__file__).parent / "static"

# Everything the pages load comes from this server: no CDN, no inline script or style, no
# framing by other sites. An inline script slipped in by mistake is refused by the browser
# (and shows as a console error, which the browser tests count).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages hold what releasability allowed this user
}


LATIN = re.compile(r"[A-Za-z]")


def latin(value: object) -> Markup:
    """A record's name or code written in Latin letters, inside a page in another language:
    marked English and left to right, so a screen reader reads it in English and the
    surrounding Arabic keeps its order. An English page shows it as it is."""
    text = "—" if value is None else str(value)
    if i18n.current.get().code == i18n.DEFAULT or not LATIN.search(text):
        return escape(text)
    return Markup('<bdi lang="en" dir="ltr">%s</bdi>') % text


@functools.cache
def static_version(name: str) -> str:
    """A digest of a static file, added to its address so browsers cache it until it changes."""
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]


def static_url(name: str) -> str:
    return f"/static/{name}?v={static_version(name)}"


def per_reader(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose answer depends on the reader's language. Jinja evaluates a filter on a
    constant (`'succeeded'|term`) once, when it compiles the template, which would freeze the
    first reader's language into it for everyone after; a filter given the context is never
    evaluated early."""

    @pass_context
    def filter_(_context: Context, value: object, *args: Any, **kwargs: Any) -> Any:
        return function(value, *args, **kwargs)

    return filter_


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cadre.web", "templates"),
        autoescape=select_autoescape(("html",)),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext_, i18n.ngettext_, newstyle=True
    )
    by_language: dict[str, Callable[..., Any]] = {
        "month": i18n.month,
        "day": i18n.day,
        "day_words": i18n.day_words,
        "weekday": i18n.weekday,
        "dayname": i18n.dayname,
        "moment": i18n.moment,
        "ago": i18n.ago,
        "number": i18n.number,
        "signed": i18n.signed,
        "percent": i18n.percent,
        "term": terms.term,
        "field": terms.field,
        "latin": latin,
        "latin_words": latin_words,
        "record_name": record_name,
        "name_and_language": name_and_language,
    }
    env.filters.update({name: per_reader(f) for name, f in by_language.items()})
    env.globals.update(
        static=static_url,
        csrf_field=CSRF_FIELD,
        languages=i18n.LANGUAGES,
        say_problem=messages.problem_markup,
        say=messages.say,
        cause_words=cause_words.cause_words,
        plan_line_words=cause_words.plan_line_words,
        roster_url=roster_url,
        reader_language=lambda: i18n.current.get().code,  # for macros, which see no context
    )
    return env


ENVIRONMENT = _environment()


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    principal: Principal | None = None,
    status: int = 200,
) -> HTMLResponse:
    language = i18n.language_of(request)
    token = i18n.current.set(language)
    hijri = i18n.hijri_shown.set(i18n.hijri_of(request))
    try:
        html = ENVIRONMENT.get_template(template).render(
            request=request,
            lang=language,
            principal=principal,
            pages=pages_for(principal) if principal else (),
            csrf=request.cookies.get(CSRF_COOKIE, ""),
            here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            hijri=i18n.hijri_shown.get(),
            **(context or {}),
        )
    finally:
        i18n.hijri_shown.reset(hijri)
        i18n.current.reset(token)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
