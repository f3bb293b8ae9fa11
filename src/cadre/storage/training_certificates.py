"""What certificates carry beyond their row: the token a certificate's QR code holds (256
random bits, one per certificate, that the verification page resolves), which course is a
refresher of which, and each renewal a refresher gave (the history of a certificate's
expiry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from cadre.domain.record_names import Named, Names
from cadre.storage.models import CODE, Base, CourseRow, SiteRow
from cadre.storage.training import CertificateRow


class CertificateTokenRow(Base):
    __tablename__ = "training_certificate_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        ForeignKey("training_certificates.id", ondelete="CASCADE"), unique=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RefresherRow(Base):
    """Completing a run of `refresher` renews a certificate of `course`."""

    __tablename__ = "training_refreshers"
    __table_args__ = (
        UniqueConstraint("mission_id", "course", "refresher", name="uq_training_refreshers"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    course: Mapped[str] = mapped_column(String(CODE))
    refresher: Mapped[str] = mapped_column(String(CODE))


class RenewalRow(Base):
    __tablename__ = "training_certificate_renewals"
    __table_args__ = (
        UniqueConstraint("certificate_id", "run", name="uq_training_certificate_renewals"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        ForeignKey("training_certificates.id", ondelete="CASCADE"), index=True
    )
    run: Mapped[str] = mapped_column(String(CODE))  # the refresher run completed
    renewed_on: Mapped[dt.date] = mapped_column(Date)
    previous_expiry: Mapped[dt.date | None] = mapped_column(Date)
    expires: Mapped[dt.date | None] = mapped_column(Date)


def certificate_row(session: Session, mission_id: int, number: str) -> CertificateRow | None:
    return session.scalars(
        select(CertificateRow).where(
            CertificateRow.mission_id == mission_id, CertificateRow.number == number
        )
    ).first()


def token_of(session: Session, certificate_id: int) -> str | None:
    return session.scalar(
        select(CertificateTokenRow.token).where(
            CertificateTokenRow.certificate_id == certificate_id
        )
    )


def put_token(session: Session, certificate_id: int, token: str, at: dt.datetime) -> None:
    session.add(CertificateTokenRow(certificate_id=certificate_id, token=token, created_at=at))
    session.flush()


def by_token(session: Session, token: str) -> CertificateRow | None:
    return session.scalars(
        select(CertificateRow)
        .join(CertificateTokenRow, CertificateTokenRow.certificate_id == CertificateRow.id)
        .where(CertificateTokenRow.token == token)
    ).first()


def refreshers(session: Session, mission_id: int, course: str) -> set[str]:
    return set(
        session.scalars(
            select(RefresherRow.refresher).where(
                RefresherRow.mission_id == mission_id, RefresherRow.course == course
            )
        )
    )


def put_refresher(session: Session, mission_id: int, course: str, refresher: str) -> bool:
    """Declare `refresher` as renewing `course`; False when it already did."""
    if refresher in refreshers(session, mission_id, course):
        return False
    session.add(RefresherRow(mission_id=mission_id, course=course, refresher=refresher))
    session.flush()
    return True


def renewals(session: Session, certificate_id: int) -> list[RenewalRow]:
    return list(
        session.scalars(
            select(RenewalRow)
            .where(RenewalRow.certificate_id == certificate_id)
            .order_by(RenewalRow.renewed_on, RenewalRow.id)
        )
    )


def course_title(session: Session, mission_id: int, code: str) -> str:
    found = session.scalar(
        select(CourseRow.title).where(CourseRow.mission_id == mission_id, CourseRow.code == code)
    )
    return found or code


def course_named(session: Session, mission_id: int, code: str) -> Named:
    """The course's title in every language it has; the bare code for a course not stored."""
    return _named(session, CourseRow, CourseRow.title, mission_id, code)


def site_named(session: Session, mission_id: int, code: str) -> Named:
    """The site's name in every language it has; the bare code (a school abroad) otherwise."""
    return _named(session, SiteRow, SiteRow.name, mission_id, code)


def _named(session: Session, table: Any, default: Any, mission_id: int, code: str) -> Named:
    found = session.execute(
        select(default, table.names).where(table.mission_id == mission_id, table.code == code)
    ).first()
    return Named(found[0], Names.of(found[1])) if found else Named(code)
