"""Certificates after they are issued: the bilingual PDF whose text reads back in order, the
verification its QR code leads to (valid, revoked, expired; nothing else about the holder),
renewal by a refresher course, and the list of those about to expire."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pypdf
import pytest

from cadre.access.policy import Principal, Role
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.training.certificates import Mark
from cadre.domain.training.rules import CourseRule
from cadre.domain.training.verification import Standing
from cadre.services.system.hijri import to_hijri
from cadre.services.training import certificate_documents, enrolment, queries, renewal, results
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_training_enrolment import enter, work_with_runs

__all__ = ["work_with_runs"]  # the fixture, shared with the enrolment tests

ARABIC_NAME = "محمد عبد الله الجبوري"


def certify(work: UnitOfWork, run: str, *trainees: int) -> tuple[str, ...]:
    """Every trainee present every day of `run`, passing; the run closed."""
    for trainee in trainees:
        enrolment.enrol(work, None, run, trainee)
    seats = mission_runs(work, None).run(run)
    for day in seats.days:
        results.record_attendance(work, None, run, day, dict.fromkeys(trainees, Mark.PRESENT))
    for trainee in trainees:
        results.record_result(work, None, run, trainee, 90, seats.end)
    return results.close_run(work, None, run).issued


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_pdf_reads_back_in_english_and_in_arabic_in_logical_order(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    holder = enter(work, "1", name_ar=ARABIC_NAME, name_latin="Mohammed Abdullah Al-Jubouri")
    (number,) = certify(work, "R-01", holder)
    pdf = certificate_documents.certificate_document(work, None, number, "https://cadre.test/")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    lines = [line.strip() for line in text.splitlines()]
    assert "Mohammed Abdullah Al-Jubouri" in lines
    assert ARABIC_NAME in lines  # shaped for the page, read back letter by letter in order
    assert "تشهد هذه الوثيقة بأنّ" in lines
    assert "Certificate of completion" in lines
    assert f"Certificate {number}" in lines
    token = certificate_documents.certificate_token(work, None, number)
    assert f"https://cadre.test/verify/{token}" in text
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 256 bits, URL-safe
    # The same token every time: a printed certificate keeps working.
    again = certificate_documents.certificate_document(work, None, number, "https://cadre.test")
    assert f"/verify/{token}" in pdf_text(again)
    # The Arabic side writes the Hijri date of issue beside the Gregorian one; pypdf reads
    # the mixed line back in visual order ("( هـ1440  رجب28)"), so its parts are checked.
    hijri = to_hijri(certificate_documents.verify(work, token).issued, "ar")
    assert hijri is not None
    (issued,) = [line for line in lines if "صدرت في" in line]
    parts = [str(hijri.day), hijri.month_name, str(hijri.year), "هـ"]
    assert all(part in issued for part in parts), issued


def test_verification_says_valid_revoked_or_expired_and_nothing_more(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    holder = enter(work, "1", name_ar=ARABIC_NAME, name_latin="M. Al-Jubouri")
    (number,) = certify(work, "R-01", holder)
    token = certificate_documents.certificate_token(work, None, number)
    end = mission_runs(work, None).run("R-01").end
    seen = certificate_documents.verify(work, token, end)
    assert seen.standing is Standing.VALID
    assert (seen.holder_latin, seen.holder_arabic, seen.issued) == (
        "M. Al-Jubouri",
        ARABIC_NAME,
        end,
    )
    fields = {f.name for f in dataclasses.fields(seen)}
    assert fields == {
        "standing", "course", "holder_latin", "holder_arabic", "issued", "expires", "revoked_on"
    }  # fmt: skip
    assert seen.expires is not None
    later = certificate_documents.verify(work, token, seen.expires + dt.timedelta(days=1))
    assert later.standing is Standing.EXPIRED
    results.revoke_certificate(work, None, number, "issued in error", end)
    revoked = certificate_documents.verify(work, token, end)
    assert (revoked.standing, revoked.revoked_on) == (Standing.REVOKED, end)
    for wrong in ("x" * 43, token[:-1], "../../etc/passwd"):
        with pytest.raises(NotFound):
            certificate_documents.verify(work, wrong)


def test_a_certificate_pdf_is_not_found_for_a_reader_who_may_not_see_its_holder(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    (number,) = certify(work, "R-01", enter(work, "1"))
    instructor = Principal("tremblay", "CAN", frozenset({Role.INSTRUCTOR}))
    with pytest.raises(NotFound):
        certificate_documents.certificate_document(work, instructor, number, "http://x", "TINY")
    with pytest.raises(NotFound):
        certificate_documents.certificate_token(work, None, "TINY-NOPE-2019-00001")


def attend_and_pass(work: UnitOfWork, run: str, trainee: int) -> None:
    seats = mission_runs(work, None).run(run)
    enrolment.enrol(work, None, run, trainee)
    for day in seats.days:
        results.record_attendance(work, None, run, day, {trainee: Mark.PRESENT})
    results.record_result(work, None, run, trainee, 90, seats.end)


def test_a_refresher_renews_a_certificate_from_its_last_day_and_only_when_the_rules_hold(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    holder = enter(work, "1")
    (number,) = certify(work, "R-01", holder)
    attend_and_pass(work, "R-02", holder)
    with pytest.raises(InvalidInput) as refused:
        renewal.renew_certificate(work, None, number, "R-02")
    assert [p.code for p in refused.value.problems] == ["renewal.not_a_refresher"]
    assert renewal.declare_refresher(work, None, "CIED-101", "CIED-TTT")
    assert not renewal.declare_refresher(work, None, "CIED-101", "CIED-TTT")
    before = queries.expiring_certificates(work, None, 5000, today=dt.date(2019, 6, 1))
    done = renewal.renew_certificate(work, None, number, "R-02")
    end = mission_runs(work, None).run("R-02").end
    assert done.renewed_on == end
    assert done.previous_expiry == before[0].certificate.expires
    assert done.expires == CourseRule("CIED-101").expiry(end)
    assert done.expires is not None
    assert done.previous_expiry is not None
    assert done.expires > done.previous_expiry
    after = queries.expiring_certificates(work, None, 5000, today=dt.date(2019, 6, 1))
    assert after[0].certificate.expires == done.expires
    with pytest.raises(InvalidInput) as again:
        renewal.renew_certificate(work, None, number, "R-02")
    assert again.value.code == "renewal.already"


def test_a_revoked_certificate_is_not_renewed(work_with_runs: UnitOfWork) -> None:
    work = work_with_runs
    results.set_course_rule(work, None, CourseRule("CIED-101", validity_months=2))
    holder, other = enter(work, "1"), enter(work, "2")
    numbers = certify(work, "R-01", holder, other)
    renewal.declare_refresher(work, None, "CIED-101", "CIED-101")
    results.revoke_certificate(work, None, numbers[1], "issued in error", dt.date(2019, 6, 1))
    with pytest.raises(InvalidInput) as refused:
        renewal.renew_certificate(work, None, numbers[1], "R-01")
    assert [p.code for p in refused.value.problems] == ["renewal.revoked"]
    with pytest.raises(NotFound):
        renewal.renew_certificate(work, None, numbers[0], "R-02")  # no seat there
