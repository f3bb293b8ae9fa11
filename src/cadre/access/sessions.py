"""The web session's rules, the same for the API and the web pages: the cookies' names and
attributes, how long a session lasts, and which requests must prove they come from our own page
(the CSRF token beside the session). Each edge applies them with its framework."""

from __future__ import annotations

from cadre.access.secrets import csrf_matches

SESSION_COOKIE = "cadre_session"
CSRF_COOKIE = "cadre_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
# Before a session exists, the login form is tied to a random cookie set with the form: another
# site can make a browser post to /login, but cannot read the cookie to derive the form's token.
LOGIN_COOKIE = "cadre_login"
LOGIN_FORM_MINUTES = 30
SESSION_HOURS = 8  # a working day; the cookie and the stored session end together
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def cookie_attributes(secure: bool) -> dict[str, object]:
    """SameSite=Strict (no other site's page sends the cookies), Secure over TLS; the session
    cookie is also HttpOnly (scripts cannot read it), the CSRF one readable by our own page."""
    return {"max_age": SESSION_HOURS * 3600, "samesite": "strict", "secure": secure, "path": "/"}


def needs_csrf(method: str) -> bool:
    return method.upper() in UNSAFE


def csrf_holds(session_token: str, offered: str | None) -> bool:
    """Whether an unsafe request with the session cookie carries that session's CSRF token."""
    return bool(offered) and csrf_matches(session_token, offered or "")
