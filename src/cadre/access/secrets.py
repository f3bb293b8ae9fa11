"""Passwords, bearer tokens and CSRF tokens.

Passwords are hashed with Argon2id (argon2-cffi, RFC 9106 low-memory profile: 64 MiB, three
passes). Tokens are 256 random bits, so a plain SHA-256 of each is enough to store: nobody can
guess one back from its digest, and a lookup by digest needs no slow hash per request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cadre.domain.errors import InvalidInput

MIN_PASSWORD_LENGTH = 12
TOKEN_PREFIX = "cadre_"

_hasher = PasswordHasher()
# Verified against when the user is unknown, so that a wrong name takes as long as a wrong
# password and the timing does not tell which names exist.
_DUMMY = _hasher.hash("not a password anyone has")


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"a password needs at least {MIN_PASSWORD_LENGTH} characters; "
            "a sentence of four or five words is easy to remember"
        )


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: derived from the session's own secret, which only the
    browser holding the HttpOnly cookie knows, so another site can neither read nor forge it."""
    return hmac.new(session_token.encode(), b"cadre csrf", hashlib.sha256).hexdigest()


def csrf_matches(session_token: str, offered: str) -> bool:
    return hmac.compare_digest(csrf_token(session_token), offered)
