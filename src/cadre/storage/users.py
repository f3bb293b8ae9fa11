"""Users, their tokens and login attempts as rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.domain.errors import Conflict, NotFound
from cadre.storage.service_models import LoginAttemptRow, TokenRow, UserRow


def add_user(session: Session, row: UserRow) -> UserRow:
    if find_user(session, row.username) is not None:
        raise Conflict(f"a user named {row.username} already exists")
    if row.oidc_subject is not None and user_by_subject(session, row.oidc_subject) is not None:
        raise Conflict(f"another user already signs in as {row.oidc_subject}")
    session.add(row)
    session.flush()
    return row


def find_user(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def user(session: Session, username: str) -> UserRow:
    row = find_user(session, username)
    if row is None:
        raise NotFound(f"no user is named {username}")
    return row


def user_by_subject(session: Session, subject: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.oidc_subject == subject)).first()


def users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def add_token(session: Session, row: TokenRow) -> TokenRow:
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class Holder:
    username: str
    affiliation: str
    roles: tuple[str, ...]
    clearance: str


def holder(session: Session, digest: str, now: dt.datetime) -> Holder | None:
    """Who holds the live token with `digest`; None when it is unknown, expired or revoked,
    or its user is disabled. Plain columns, no objects: this runs on every request."""
    found = session.execute(
        select(
            UserRow.username,
            UserRow.affiliation,
            UserRow.roles,
            UserRow.clearance,
            UserRow.disabled,
            TokenRow.expires_at,
        )
        .join(TokenRow, UserRow.id == TokenRow.user_id)
        .where(TokenRow.digest == digest, TokenRow.revoked_at.is_(None))
    ).first()
    if found is None:
        return None
    username, affiliation, roles, clearance, disabled, expires = found
    if disabled or (expires is not None and _aware(expires) <= now):
        return None
    return Holder(username, affiliation, tuple(roles), clearance)


def revoke(session: Session, digest: str, at: dt.datetime) -> None:
    token = session.scalars(select(TokenRow).where(TokenRow.digest == digest)).first()
    if token is not None and token.revoked_at is None:
        token.revoked_at = at


def revoke_all(session: Session, user_id: int, at: dt.datetime) -> int:
    tokens = session.scalars(
        select(TokenRow).where(TokenRow.user_id == user_id, TokenRow.revoked_at.is_(None))
    ).all()
    for token in tokens:
        token.revoked_at = at
    return len(tokens)


def record_attempt(
    session: Session, username: str, address: str, at: dt.datetime, succeeded: bool
) -> None:
    session.add(LoginAttemptRow(username=username, address=address, at=at, succeeded=succeeded))


def failures_since(
    session: Session, since: dt.datetime, *, username: str | None = None, address: str | None = None
) -> list[dt.datetime]:
    query = select(LoginAttemptRow.at).where(
        LoginAttemptRow.at >= since, LoginAttemptRow.succeeded.is_(False)
    )
    if username is not None:
        query = query.where(LoginAttemptRow.username == username)
    if address is not None:
        query = query.where(LoginAttemptRow.address == address)
    return [_aware(at) for at in session.scalars(query)]


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite gives back naive UTC; PostgreSQL aware values. Compare them as aware UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
