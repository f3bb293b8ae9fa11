"""A record's names by language: the reader's own first, the English one as the fallback,
and only real language codes as keys."""

from __future__ import annotations

import pytest

from cadre.domain.record_names import Named, Names, language_problem, name_in

SCHOOL = Named("Military Engineering School", Names.of({"ar": "مدرسة الهندسة العسكرية"}))


def test_the_reader_gets_the_name_in_their_language_and_knows_it() -> None:
    assert SCHOOL.in_language("ar") == ("مدرسة الهندسة العسكرية", "ar")
    assert SCHOOL.in_language("en") == ("Military Engineering School", "en")


def test_a_language_the_record_lacks_falls_back_to_english_said_as_english() -> None:
    assert SCHOOL.in_language("ku") == ("Military Engineering School", "en")
    assert name_in("Taji", Names(), "ar") == ("Taji", "en")


def test_names_compare_equal_however_built_and_drop_empty_ones() -> None:
    assert Names.of({"ku": "b", "ar": "a", "fr": ""}) == Names.of({"ar": "a", "ku": "b"})
    assert Names.of({"ar": "a", "ku": "b"}).as_dict() == {"ar": "a", "ku": "b"}
    assert Names.of(None) == Names()


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("ar", None),
        ("ku", None),
        ("arabic", "'arabic' is not a language code: use a two-letter ISO 639-1 code, such as ar"),
        ("AR", "'AR' is not a language code: use a two-letter ISO 639-1 code, such as ar"),
        ("zz", "'zz' is not a language code: use a two-letter ISO 639-1 code, such as ar"),
        (
            "en",
            "the English name is the record's own name (or title) field; "
            "names holds it in the other languages, such as ar",
        ),
    ],
)
def test_only_an_iso_639_1_code_other_than_english_keys_a_name(
    code: str, reason: str | None
) -> None:
    assert language_problem(code) == reason
