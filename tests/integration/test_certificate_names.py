"""The certificate's two halves name the course and the school each in its own language:
the English title and site name on the English half, the Arabic ones on the Arabic half."""

from __future__ import annotations

from cadre.services.training import certificate_documents, queries, roster_sheets
from cadre.services.training.runs import mission_runs
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
    for arabic in ("البحث والتوعية في مكافحة العبوات الناسفة", "مجمع التاجي العسكري"):
        assert arabic.replace(" ", "") in squashed
    token = certificate_documents.certificate_token(work, None, number)
    verified = certificate_documents.verify(work, token).course
    assert (verified.default, verified.in_language("ar")) == (
        "Counter-IED search and awareness",
        ("البحث والتوعية في مكافحة العبوات الناسفة", "ar"),
    )


def test_the_roster_and_the_expiring_list_carry_the_course_and_school_in_both_languages(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    holder = enter(work, "1", name_ar="محمد عبد الله الجبوري", name_latin="M. Al-Jubouri")
    certify(work, "R-01", holder)
    roster = roster_sheets.director_roster(work, None, "R-01")
    end = mission_runs(work, None).run("R-01").end
    (expiring,) = queries.expiring_certificates(work, None, 3650, today=end)
    named = [roster.course_name, roster.site_name, expiring.course_name, expiring.school_name]
    assert [n.in_language("ar") for n in named] == [
        ("البحث والتوعية في مكافحة العبوات الناسفة", "ar"),
        ("مجمع التاجي العسكري", "ar"),
        ("البحث والتوعية في مكافحة العبوات الناسفة", "ar"),
        ("مجمع التاجي العسكري", "ar"),
    ]
    assert [n.default for n in named[:2]] == [
        "Counter-IED search and awareness",
        "Taji Military Complex",
    ]
