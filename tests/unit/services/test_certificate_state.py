"""A certificate's state on a day, as a trainee's and a certificate's pages show it: revoked
outranks expired, a renewal shows as renewed only while the certificate is valid."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cadre.domain.training.certificates import Certificate
from cadre.domain.training.renewal import Renewal
from cadre.services.training.trainee_record import CertificateState, state_of

ISSUED, EXPIRES = dt.date(2019, 3, 1), dt.date(2021, 2, 28)


BASE = Certificate("NMI-CIED-2019-00001", 1, "CIED-101", "R-01", ISSUED, EXPIRES)


def make_certificate(**kw: Any) -> Certificate:
    return dataclasses.replace(BASE, **kw)


RENEWED = (Renewal("NMI-CIED-2019-00001", "R-02", dt.date(2020, 6, 1), EXPIRES, None),)


def test_a_certificate_is_valid_then_expired_after_its_last_day() -> None:
    certificate = make_certificate()
    assert state_of(certificate, (), EXPIRES) == CertificateState.VALID
    assert state_of(certificate, (), EXPIRES + dt.timedelta(days=1)) == CertificateState.EXPIRED


def test_a_renewed_certificate_shows_renewed_while_valid() -> None:
    certificate = make_certificate(expires=dt.date(2022, 6, 1))
    assert state_of(certificate, RENEWED, dt.date(2021, 6, 1)) == CertificateState.RENEWED
    assert state_of(certificate, RENEWED, dt.date(2022, 6, 2)) == CertificateState.EXPIRED


def test_revoked_outranks_expired_and_counts_from_its_day() -> None:
    certificate = make_certificate(revoked_on=dt.date(2020, 1, 1), reason="cheating")
    assert state_of(certificate, RENEWED, dt.date(2019, 12, 31)) == CertificateState.RENEWED
    assert state_of(certificate, (), dt.date(2020, 1, 1)) == CertificateState.REVOKED
    assert state_of(certificate, (), dt.date(2030, 1, 1)) == CertificateState.REVOKED
