"""A certificate as a bilingual PDF: English on the left, Arabic on the right (shaped and set
right to left by Pango through WeasyPrint, in the system's DejaVu Sans), with a QR code of
the address where anyone may check it. The page is HTML (templates/certificate.html)."""

from __future__ import annotations

import datetime as dt
import pathlib
from dataclasses import asdict, dataclass

import jinja2
import segno
import weasyprint

TEMPLATES = pathlib.Path(__file__).parent / "templates"
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
)


@dataclass(frozen=True)
class CertificateSheet:
    number: str
    holder_latin: str
    holder_arabic: str
    course: str  # the course's code
    course_en: str  # its title
    course_ar: str  # its title in Arabic; the English one when the catalogue has none
    school_en: str  # where it was earned: the site's name
    school_ar: str  # the site's name in Arabic; the English one when it has none
    run: str
    issued: dt.date
    expires: dt.date | None
    verify_url: str
    # The Hijri dates the Arabic side writes beside the Gregorian ones; "" leaves them out.
    issued_hijri: str = ""
    expires_hijri: str = ""


def qr_data_uri(address: str) -> str:
    """The QR code of `address` as an SVG data URI (error correction M, a quiet zone kept)."""
    return str(segno.make(address, error="m", micro=False).svg_data_uri(scale=4))


def certificate_html(sheet: CertificateSheet) -> str:
    values = {**asdict(sheet), "qr": qr_data_uri(sheet.verify_url)}
    values["issued"] = sheet.issued.isoformat()
    values["expires"] = sheet.expires.isoformat() if sheet.expires else ""
    return _ENVIRONMENT.get_template("certificate.html").render(c=values)


def certificate_pdf(sheet: CertificateSheet) -> bytes:
    document = weasyprint.HTML(string=certificate_html(sheet), base_url=str(TEMPLATES))
    pdf: bytes = document.write_pdf()
    return pdf
