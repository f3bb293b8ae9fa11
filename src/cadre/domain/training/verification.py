"""What the verification page says about a certificate to anyone holding its QR code, and
nothing more: whether it is valid, revoked or expired on the day asked, the course, the
holder's name and the dates. The token in the code is 256 random bits, so it cannot be
guessed from a certificate number or walked through one by one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.record_names import Named
from cadre.domain.training.certificates import Certificate

TOKEN_BYTES = 32  # 256 bits
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # 32 bytes in URL-safe base64, unpadded


class Standing(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"


def standing(certificate: Certificate, day: dt.date) -> Standing:
    """Revoked wins over expired: a revocation is the stronger thing to tell a reader."""
    if certificate.revoked_on is not None and certificate.revoked_on <= day:
        return Standing.REVOKED
    if certificate.valid_on(day):
        return Standing.VALID
    return Standing.EXPIRED


@dataclass(frozen=True)
class Verification:
    """All a verifier learns: no number, no service, no trainee id, no reason."""

    standing: Standing
    course: Named  # the course's title as the catalogue names it, in each language it has
    holder_latin: str
    holder_arabic: str
    issued: dt.date
    expires: dt.date | None
    revoked_on: dt.date | None


def verification(
    certificate: Certificate, course: Named, latin: str, arabic: str, day: dt.date
) -> Verification:
    found = standing(certificate, day)
    revoked = certificate.revoked_on if found is Standing.REVOKED else None
    return Verification(
        found, course, latin, arabic, certificate.issued, certificate.expires, revoked
    )


def well_formed(token: str) -> bool:
    """A token of the shape issued; anything else is refused before the database is asked."""
    return TOKEN_SHAPE.fullmatch(token) is not None
