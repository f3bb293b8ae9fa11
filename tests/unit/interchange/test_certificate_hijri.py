"""The certificate's Arabic side writes the Hijri date beside each Gregorian one, inside a
<time> that names the day; the English side keeps the Gregorian date alone."""

from __future__ import annotations

import datetime as dt
import re

from cadre.interchange.certificate_pdf import CertificateSheet, certificate_html

SHEET = CertificateSheet(
    number="C-1",
    holder_latin="Ali Kadhim",
    holder_arabic="علي كاظم",
    course="ENG-1",
    course_en="Engineering",
    course_ar="الهندسة",
    school_en="Taji",
    school_ar="التاجي",
    run="R-01",
    issued=dt.date(2026, 12, 5),
    expires=dt.date(2029, 12, 5),
    verify_url="https://cadre.test/verify/x",
    issued_hijri="25 جمادى الآخرة 1448 هـ",
    expires_hijri="29 رجب 1451 هـ",
)


def test_the_arabic_side_carries_the_hijri_dates_and_the_english_side_does_not() -> None:
    page = certificate_html(SHEET)
    english, arabic = re.split(r'<section class="half ar"', page)
    assert (
        '<time datetime="2026-12-05"><bdi dir="ltr">2026-12-05</bdi> '
        "(25 جمادى الآخرة 1448 هـ)</time>"
    ) in arabic
    assert "(29 رجب 1451 هـ)</time>" in arabic
    assert "هـ" not in english


def test_without_hijri_dates_the_arabic_side_writes_the_gregorian_ones_alone() -> None:
    page = certificate_html(
        CertificateSheet(**{**SHEET.__dict__, "issued_hijri": "", "expires_hijri": ""})
    )
    assert '<time datetime="2026-12-05"><bdi dir="ltr">2026-12-05</bdi></time>' in page
