"""A certificate as a document and as a check: the bilingual PDF its holder carries, with a
QR code of the verification address, and what that address tells anyone who opens it
(domain/training/verification.py: valid, revoked or expired, the course, the holder's name,
the dates, nothing more). The PDF is read through the reader's sight like every certificate;
the check needs no account, only the token, which is 256 random bits made on first use."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from cadre.access.labels import CERTIFICATES
from cadre.access.policy import Principal
from cadre.domain.errors import NotFound
from cadre.domain.training.verification import (
    TOKEN_BYTES,
    Verification,
    verification,
    well_formed,
)
from cadre.interchange.certificate_pdf import CertificateSheet, certificate_pdf
from cadre.services.system.hijri import hijri_day
from cadre.services.system.language import LANGUAGES
from cadre.services.training.queries import reader_sight
from cadre.services.training.release import TrainingSight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_certificates as certificate_rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows as rows
from cadre.storage.training import CertificateRow


def certificate_not_found(number: str) -> NotFound:
    return NotFound(
        f"certificate {number} is not in the mission", code="certificate.not_found", number=number
    )


def verify_address(base: str, token: str) -> str:
    return f"{base.rstrip('/')}/verify/{token}"


def readable_certificate(session: Session, seen: TrainingSight, number: str) -> CertificateRow:
    """The certificate, if its holder is one the reader may see; else not found."""
    row = certificate_rows.certificate_row(session, seen.mission_id, number)
    if row is None or not seen.sees_trainee(row.trainee_id):
        raise certificate_not_found(number)
    return row


def _token(uow: UnitOfWork, session: Session, row: CertificateRow, mission: str) -> str:
    found = certificate_rows.token_of(session, row.id)
    if found is None:
        found = secrets.token_urlsafe(TOKEN_BYTES)
        certificate_rows.put_token(session, row.id, found, dt.datetime.now(dt.UTC))
        uow.audit(session, "certificate token", mission=mission, kind=CERTIFICATES, key=row.number)
    return found


def certificate_token(
    uow: UnitOfWork, principal: Principal | None, number: str, mission: str | None = None
) -> str:
    """The token of the certificate's QR code, made the first time it is asked for."""
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, CERTIFICATES)
        row = readable_certificate(session, seen, number)
        return _token(uow, session, row, seen.mission)


def certificate_document(
    uow: UnitOfWork,
    principal: Principal | None,
    number: str,
    base: str,
    mission: str | None = None,
) -> bytes:
    """The certificate as a bilingual PDF whose QR code points at `base`/verify/<token>."""
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, CERTIFICATES)
        row = readable_certificate(session, seen, number)
        person = rows.find_trainee(session, seen.mission_id, row.trainee_id)
        if person is None:  # pragma: no cover  (a certificate goes with its holder)
            raise certificate_not_found(number)
        course = certificate_rows.course_named(session, seen.mission_id, row.course)
        school = certificate_rows.site_named(session, seen.mission_id, row.site)
        sheet = CertificateSheet(
            number=row.number, holder_latin=person.latin, holder_arabic=person.arabic,
            course=row.course, course_en=course.default, course_ar=course.in_language("ar")[0],
            school_en=school.default, school_ar=school.in_language("ar")[0], run=row.run,
            issued=row.issued, expires=row.expires,
            verify_url=verify_address(base, _token(uow, session, row, seen.mission)),
            issued_hijri=_arabic_hijri(row.issued), expires_hijri=_arabic_hijri(row.expires),
        )  # fmt: skip
    return certificate_pdf(sheet)


def _arabic_hijri(day: dt.date | None) -> str:
    """The Hijri date the certificate's Arabic side writes beside the Gregorian one: always,
    since the paper outlives any reader's choice and Arabic certificates customarily carry
    both."""
    return "" if day is None else hijri_day(day, "ar", LANGUAGES["ar"].locale)


def verify(uow: UnitOfWork, token: str, today: dt.date | None = None) -> Verification:
    """What the verification page shows for `token`; NotFound for a token never issued,
    the same answer whatever is wrong with it."""
    if not well_formed(token):
        raise NotFound("no certificate has this code", code="verification.not_found")
    with uow.transaction() as session:
        row = certificate_rows.by_token(session, token)
        if row is None:
            raise NotFound("no certificate has this code", code="verification.not_found")
        person = rows.find_trainee(session, row.mission_id, row.trainee_id)
        return verification(
            results_rows.certificate_of(row),
            certificate_rows.course_named(session, row.mission_id, row.course),
            person.latin if person else "",
            person.arabic if person else "",
            today or dt.date.today(),
        )
