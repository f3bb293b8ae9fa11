"""The pages' `record_name` filter: a record's name in the reader's language, or its English
name marked as English and left to right; and the label of a name's form field."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cadre.domain.catalogue import Course, CourseLevel
from cadre.domain.record_names import Named, Names
from cadre.web import i18n
from cadre.web.record_name import record_name
from cadre.web.terms import field

BOTH = Named("Combat medic", Names.of({"ar": "المسعف القتالي"}))
ENGLISH_ONLY = Named("Combat medic")


@contextmanager
def reading(code: str) -> Iterator[None]:
    token = i18n.current.set(i18n.LANGUAGES[code])
    try:
        yield
    finally:
        i18n.current.reset(token)


def test_a_name_in_both_languages_is_shown_in_the_readers_own() -> None:
    with reading("ar"):
        arabic = str(record_name(BOTH))
    with reading("en"):
        english = str(record_name(BOTH))
    assert (arabic, english) == ("المسعف القتالي", "Combat medic")


def test_an_english_only_name_on_an_arabic_page_is_marked_english() -> None:
    with reading("ar"):
        arabic = str(record_name(ENGLISH_ONLY))
    with reading("en"):
        english = str(record_name(ENGLISH_ONLY))
    assert arabic == '<bdi lang="en" dir="ltr">Combat medic</bdi>'
    assert english == "Combat medic"


def test_a_name_is_escaped_in_either_language() -> None:
    hostile = Named("<b>x</b>", Names.of({"ar": "<i>س</i>"}))
    with reading("ar"):
        arabic = str(record_name(hostile))
        fallback = str(record_name(Named("<b>x</b>")))
    i = '<bdi lang="en" dir="ltr">i</bdi>'  # its Latin letters marked English, once escaped
    assert arabic == f"&lt;{i}&gt;س&lt;/{i}&gt;"
    assert fallback == '<bdi lang="en" dir="ltr">&lt;b&gt;x&lt;/b&gt;</bdi>'


def test_a_domain_record_and_a_stored_document_are_named_alike() -> None:
    course = Course(
        "MED-CM", "Combat medic", "MED", CourseLevel.BASIC, 20, 8, 20, 2, "MED-INS", 0.9,
        names=Names.of({"ar": "المسعف القتالي"}),
    )  # fmt: skip
    document = {"code": "MED-CM", "title": "Combat medic", "names": {"ar": "المسعف القتالي"}}
    with reading("ar"):
        assert str(record_name(course)) == str(record_name(document)) == "المسعف القتالي"


def test_a_name_field_is_labelled_with_its_language_in_the_readers_words() -> None:
    with reading("en"):
        english = field("names.ar")
    with reading("ar"):
        arabic = field("names.ar")
    assert (english, arabic) == ("name in Arabic", "الاسم باللغة العربية")


def test_a_latin_model_inside_an_arabic_name_is_marked_english() -> None:
    tanks = Named("T-72 field maintenance", Names.of({"ar": "صيانة الدبابة T-72"}))
    with reading("ar"):
        arabic = str(record_name(tanks))
    assert arabic == 'صيانة الدبابة <bdi lang="en" dir="ltr">T-72</bdi>'
