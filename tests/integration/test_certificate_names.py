"""The certificate's two halves name the course and the school each in its own language:
the English title and site name on the English half, the Arabic ones on the Arabic half."""

from __future__ import annotations

from cadre.services.training import certificate_documents
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_training_certificates import certify, pdf_text
from tests.integration.test_training_enrolment import enter, work_with_runs

__all__ = ["work_with_runs"]  # the fixture: the tiny example with two runs timetabled


def test_the_arabic_half_prints_the_course_and_school_in_arabic(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    holder = enter(work, "1", name_ar="محمد عبد الله الجبوري", name_latin="M. Al-Jubouri")
    (number,) = certify(work, "R-01", holder)
    text = pdf_text(certificate_documents.certificate_document(work, None, number, "https://x/"))
    # Text extraction now and then splits a word between glyphs: compared without spaces.
    lines = {"".join(line.split()) for line in text.splitlines()}
    squashed = "".join(text.split())
    assert "Counter-IEDsearchandawareness(CIED-101)" in lines
    assert "atTajiMilitaryComplex,runR-01." in lines
    assert "البحث والتوعية في مكافحة العبوات الناسفة".replace(" ", "") in squashed
    assert "مجمع التاجي العسكري".replace(" ", "") in squashed
