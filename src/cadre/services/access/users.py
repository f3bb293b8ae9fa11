"""Local accounts: add, list and disable users, issue bearer tokens, log in (throttled) with a
web session, and turn a presented token back into the principal it stands for."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cadre.access import secrets, throttle
from cadre.access.errors import NotAuthenticated, Throttled
from cadre.access.labels import Classification
from cadre.access.policy import Principal, Role
from cadre.access.sessions import SESSION_HOURS
from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.fields import unsafe_character
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import users as store
from cadre.storage.service_models import TokenRow, UserRow

_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_AFFILIATION = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")
_ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True)
class UserView:
    username: str
    display_name: str
    affiliation: str
    roles: tuple[str, ...]
    clearance: str
    disabled: bool
    oidc_subject: str | None
    created_at: dt.datetime
    has_password: bool


def _view(row: UserRow) -> UserView:
    return UserView(
        row.username,
        row.display_name,
        row.affiliation,
        tuple(row.roles),
        row.clearance,
        row.disabled,
        row.oidc_subject,
        row.created_at,
        row.password_hash is not None,
    )


def principal_of(row: UserRow) -> Principal:
    return Principal(
        row.username,
        row.affiliation,
        frozenset(Role(r) for r in row.roles if r in _ROLES),
        Classification(row.clearance),
    )


def _audit_state(view: UserView) -> dict[str, object]:
    return {
        "username": view.username,
        "affiliation": view.affiliation,
        "roles": list(view.roles),
        "clearance": view.clearance,
        "disabled": view.disabled,
        "oidc_subject": view.oidc_subject,
    }


def add_user(
    uow: UnitOfWork,
    *,
    username: str,
    affiliation: str,
    roles: Iterable[str],
    clearance: str = Classification.NATO_UNCLASSIFIED.value,
    password: str | None = None,
    display_name: str = "",
    oidc_subject: str | None = None,
) -> UserView:
    """Add a user; a password, an OpenID Connect subject or both must let them log in."""
    problems = []
    if not _NAME.fullmatch(username):
        problems.append(Problem("2 to 64 lower-case letters, digits and . _ @ -", field="username"))
    if not _AFFILIATION.fullmatch(affiliation):
        problems.append(
            Problem(
                "a nation's ISO 3166 alpha-3 code (CAN, IRQ) or an organisation's (NATO, EU)",
                field="affiliation",
            )
        )
    for field, text in (("display_name", display_name), ("oidc_subject", oidc_subject or "")):
        if (found := unsafe_character(text)) is not None:
            problems.append(
                Problem(
                    f"must not contain control characters, line breaks or direction overrides "
                    f"({found})",
                    field=field,
                    code="text.unsafe_character",
                    params={"character": found},
                )
            )
    names = sorted(set(roles))
    known = {r.value for r in Role}
    problems += [
        Problem(f"{r} is not a role; roles: {', '.join(sorted(known))}", field="roles")
        for r in names
        if r not in known
    ]
    if not names:
        problems.append(Problem("a user needs at least one role", field="roles"))
    if clearance not in {c.value for c in Classification}:
        levels = ", ".join(c.value for c in Classification)
        problems.append(Problem(f"{clearance} is not a level; levels: {levels}", field="clearance"))
    if password is None and oidc_subject is None:
        problems.append(Problem("give a password or an OpenID Connect subject", field="password"))
    if problems:
        raise InvalidInput(problems)
    hashed = secrets.hash_password(password) if password is not None else None
    with uow.transaction() as session:
        row = store.add_user(
            session,
            UserRow(
                username=username,
                display_name=display_name,
                affiliation=affiliation,
                roles=names,
                clearance=clearance,
                password_hash=hashed,
                oidc_subject=oidc_subject,
                disabled=False,
                created_at=dt.datetime.now(dt.UTC),
            ),
        )
        view = _view(row)
        uow.audit(session, "user add", key=username, after=_audit_state(view))
    return view


def list_users(uow: UnitOfWork) -> list[UserView]:
    with uow.transaction() as session:
        return [_view(r) for r in store.users(session)]


def disable_user(uow: UnitOfWork, username: str) -> int:
    """Disable a user and end every token and session they hold; how many were ended."""
    with uow.transaction() as session:
        row = store.user(session, username)
        before = _view(row)
        row.disabled = True
        ended = store.revoke_all(session, row.id, dt.datetime.now(dt.UTC))
        session.flush()
        uow.audit(
            session,
            "user disable",
            key=username,
            before=_audit_state(before),
            after=_audit_state(_view(row)),
        )
    return ended


def issue_token(uow: UnitOfWork, username: str, *, name: str = "", days: int | None = 90) -> str:
    """A new bearer token for the user, shown once: only its digest is kept."""
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInput(f"a token lasts 1 to 3650 days, not {days}")
    if (found := unsafe_character(name)) is not None:
        raise InvalidInput(
            [Problem(f"must not contain control characters ({found})", field="name")]
        )
    token = secrets.new_token()
    now = dt.datetime.now(dt.UTC)
    with uow.transaction() as session:
        row = store.user(session, username)
        if row.disabled:
            raise InvalidInput(f"{username} is disabled; enable them before issuing a token")
        store.add_token(
            session,
            TokenRow(
                user_id=row.id,
                digest=secrets.token_digest(token),
                kind="api",
                name=name[:200],
                created_at=now,
                expires_at=now + dt.timedelta(days=days) if days is not None else None,
            ),
        )
        uow.audit(session, "token issue", key=username, after={"name": name})
    return token


def authenticate(uow: UnitOfWork, token: str) -> Principal:
    """The principal a bearer token or session token stands for."""
    with uow.transaction() as session:
        found = store.holder(session, secrets.token_digest(token), dt.datetime.now(dt.UTC))
    if found is None:
        raise NotAuthenticated("the token is unknown, expired or revoked; log in again")
    return Principal(
        found.username,
        found.affiliation,
        frozenset(Role(r) for r in found.roles if r in _ROLES),
        Classification(found.clearance),
    )


@dataclass(frozen=True)
class Login:
    token: str  # the session's secret, for the cookie
    csrf: str
    principal: Principal
    expires_at: dt.datetime


def login(uow: UnitOfWork, username: str, password: str, address: str) -> Login:
    """Check a password and open a web session; throttled per name and per address."""
    now = dt.datetime.now(dt.UTC)
    with uow.transaction() as session:
        since = now - max(throttle.PER_NAME.window, throttle.PER_ADDRESS.window)
        wait = max(
            throttle.wait_seconds(
                store.failures_since(session, since, username=username), now, throttle.PER_NAME
            ),
            throttle.wait_seconds(
                store.failures_since(session, since, address=address), now, throttle.PER_ADDRESS
            ),
        )
    if wait:
        raise Throttled(f"too many failed logins; try again in {wait} seconds", wait)
    with uow.transaction() as session:
        row = store.find_user(session, username[:64])
        good = secrets.password_matches(row.password_hash if row else None, password)
        ok = good and row is not None and not row.disabled
        store.record_attempt(session, username[:64], address[:64], now, ok)
    if not ok or row is None:
        raise NotAuthenticated("the name or the password is wrong, or the account is disabled")
    return open_session(uow, row.username, now)


def open_session(uow: UnitOfWork, username: str, now: dt.datetime | None = None) -> Login:
    """A web session for a user who has just proved who they are (password or OIDC)."""
    now = now or dt.datetime.now(dt.UTC)
    token = secrets.new_token()
    expires = now + dt.timedelta(hours=SESSION_HOURS)
    with uow.transaction() as session:
        row = store.user(session, username)
        store.add_token(
            session,
            TokenRow(
                user_id=row.id,
                digest=secrets.token_digest(token),
                kind="session",
                name="web session",
                created_at=now,
                expires_at=expires,
            ),
        )
        uow.acting_for(row.username).audit(session, "login", key=row.username)
        principal = principal_of(row)
    return Login(token, secrets.csrf_token(token), principal, expires)


def logout(uow: UnitOfWork, token: str) -> None:
    with uow.transaction() as session:
        store.revoke(session, secrets.token_digest(token), dt.datetime.now(dt.UTC))


def subject_user(uow: UnitOfWork, subject: str) -> str:
    """The user who signs in through the identity provider as `subject`."""
    with uow.transaction() as session:
        row = store.user_by_subject(session, subject)
        if row is None or row.disabled:
            raise NotAuthenticated(
                "the identity provider vouched for you, but no enabled Cadre user is linked to "
                "your identity; ask an administrator to add you with your identity's subject",
                code="session.no_linked_user",
                subject=subject,
            )
        return row.username
