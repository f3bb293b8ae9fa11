"""One trainee's training as a reader may see it: the runs they were enrolled on with their
standing and score, and the certificates they hold with each one's state today (valid,
renewed, expired or revoked) and its renewals; and one certificate read the same way, for
the page where it is revoked or renewed. Each part through the reader's own sight."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from cadre.access.labels import CERTIFICATES, ENROLMENTS
from cadre.access.policy import Principal
from cadre.domain.errors import Forbidden
from cadre.domain.training.certificates import Certificate
from cadre.domain.training.renewal import Renewal
from cadre.services.training.certificate_documents import readable_certificate
from cadre.services.training.queries import reader_sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_certificates as certificate_rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows as rows
from cadre.storage.training import CertificateRow


class CertificateState(StrEnum):
    VALID = "valid"
    RENEWED = "renewed"  # valid, by a refresher completed since it was issued
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class HeldCertificate:
    certificate: Certificate
    state: CertificateState
    renewals: tuple[Renewal, ...]  # the oldest first
    holder: str = ""  # the holder's name in Latin letters


@dataclass(frozen=True)
class Seat:
    run: str
    course: str
    site: str
    start: dt.date
    end: dt.date
    standing: str
    score: float | None


@dataclass(frozen=True)
class TraineeRecord:
    """None for a part the reader's roles may not read."""

    seats: tuple[Seat, ...] | None
    certificates: tuple[HeldCertificate, ...] | None


def state_of(
    certificate: Certificate, renewals: tuple[Renewal, ...], day: dt.date
) -> CertificateState:
    """Revoked outranks expired: a revoked certificate is never shown as merely out of date."""
    if certificate.revoked_on is not None and certificate.revoked_on <= day:
        return CertificateState.REVOKED
    if not certificate.valid_on(day):
        return CertificateState.EXPIRED
    return CertificateState.RENEWED if renewals else CertificateState.VALID


def _held(session: Session, row: CertificateRow, day: dt.date, holder: str) -> HeldCertificate:
    certificate = results_rows.certificate_of(row)
    renewals = tuple(
        Renewal(row.number, r.run, r.renewed_on, r.previous_expiry, r.expires)
        for r in sorted(certificate_rows.renewals(session, row.id), key=lambda r: r.renewed_on)
    )
    return HeldCertificate(certificate, state_of(certificate, renewals, day), renewals, holder)


def trainee_record(
    uow: UnitOfWork,
    principal: Principal | None,
    trainee_id: int,
    day: dt.date,
    mission: str | None = None,
) -> TraineeRecord:
    """The trainee's seats and certificates; the reader must see the trainee (else not
    found, as for one not there), and a part their roles do not read is left out."""
    with uow.transaction() as session:
        seats: tuple[Seat, ...] | None = None
        try:
            seen = reader_sight(uow, session, principal, mission, ENROLMENTS)
            seen.require_trainee(trainee_id)
            seats = tuple(
                Seat(e.run, e.course, e.site, e.start_date, e.end_date, e.standing, e.score)
                for e in sorted(
                    results_rows.enrolments_of(session, trainee_id), key=lambda e: e.start_date
                )
                if seen.runs is None or e.run in seen.runs
            )
        except Forbidden:
            pass
        held: tuple[HeldCertificate, ...] | None = None
        try:
            seen = reader_sight(uow, session, principal, mission, CERTIFICATES)
            seen.require_trainee(trainee_id)
            numbers = [c.number for c in results_rows.certificates_of(session, [trainee_id])]
            held = tuple(
                _held(session, readable_certificate(session, seen, n), day, "")
                for n in sorted(numbers)
            )
        except Forbidden:
            pass
        return TraineeRecord(seats, held)


def certificate(
    uow: UnitOfWork,
    principal: Principal | None,
    number: str,
    day: dt.date,
    mission: str | None = None,
) -> HeldCertificate:
    """One certificate with its state and renewals, if its holder is one the reader sees."""
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, CERTIFICATES)
        row = readable_certificate(session, seen, number)
        names = rows.latin_names(session, [row.trainee_id])
        return _held(session, row, day, names.get(row.trainee_id, ""))
