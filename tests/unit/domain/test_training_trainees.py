"""Trainees' names found however they are spelt, likely duplicates flagged by the rule, the
suggested Latin form, and the rules an entry keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.domain.host import HostName, search_key, sound_key
from cadre.domain.training.duplicates import Candidate, judge, likely_duplicates
from cadre.domain.training.names import FAMILY_NAMES, GIVEN_NAMES, suggested_latin
from cadre.domain.training.trainees import Trainee, Vetting, VettingStatus, trainee_problems


def make_trainee(**kw: object) -> Trainee:
    values: dict[str, object] = {
        "service": "IA",
        "number": "10442187",
        "name": HostName("محمد حسين الجبوري", "Mohammed Hussein al-Jubouri"),
        "birth_year": 1994,
        "rank": "OR-5",
        "governorate": "IQG08",
        "vetting": Vetting(VettingStatus.CLEARED, dt.date(2019, 1, 10), "MoD J2", None),
        "languages": {"ar": 5, "en": 1},
    }
    return Trainee(**(values | kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "spellings",
    [
        ("محمد", "Mohammed", "Muhammad", "Mohamad", "MOHAMMAD"),
        ("أحمد", "احمد", "إحمد", "Ahmed", "Ahmad"),
        ("فاطمة", "فاطمه", "Fatima", "Fatimah"),
        ("عبد الرحمن", "عبدالرحمن", "Abdulrahman", "Abd al-Rahman", "Abdel Rahman"),
        ("الجبوري", "Al-Jubouri", "al Juburi", "Aljuboori"),
        ("مصطفى", "مصطفي", "Mustafa", "Moustafa"),
    ],
)
def test_every_spelling_of_a_name_has_one_sound(spellings: tuple[str, ...]) -> None:
    assert len({sound_key(s) for s in spellings}) == 1


def test_the_search_key_folds_alef_hamza_and_taa_marbuta() -> None:
    assert search_key("أحمد") == search_key("احمد") == search_key("إحمد")
    assert search_key("فاطمة") == search_key("فاطمه")


def test_names_that_sound_different_stay_apart() -> None:
    assert len({sound_key(n) for n in ("Hassan", "Haider", "Khalid", "Omar", "Karim")}) == 5


def test_names_with_the_same_consonants_share_a_sound_and_other_facts_tell_them_apart() -> None:
    # حسن and حسين differ only in a long vowel: the sound keeps consonants, so the duplicate
    # rule asks for the same birth year or a near service number as well.
    assert sound_key("Hassan") == sound_key("حسين")
    assert judge(Candidate(1, "hsn", 1990, "111"), Candidate(2, "hsn", 1991, "999")) is None


def test_the_same_person_in_two_scripts_born_the_same_year_is_a_likely_duplicate() -> None:
    arabic = Candidate(1, sound_key("محمد حسين الجبوري"), 1994, "10442187")
    latin = Candidate(2, sound_key("Muhammad Husain Al-Juburi"), 1994, "55500001")
    assert judge(arabic, latin) == judge(latin, arabic)
    found = judge(arabic, latin)
    assert found is not None
    assert (found.first, found.second, found.reason) == (
        1,
        2,
        "same_birth_year",
    )


def test_a_mistyped_service_number_with_a_similar_name_is_a_likely_duplicate() -> None:
    a = Candidate(1, sound_key("Ahmed Kadhim al-Saadi"), None, "10442187")
    swapped = Candidate(2, sound_key("Ahmad Kazim al-Saedi"), 1990, "10441287")
    found = judge(a, swapped)
    assert found is not None
    assert found.reason == "service_number_slip"


def test_namesakes_born_in_different_years_with_other_numbers_are_not_flagged() -> None:
    a = Candidate(1, sound_key("Ali Hassan"), 1990, "10000001")
    b = Candidate(2, sound_key("Ali Hassan"), 1996, "20000002")
    assert judge(a, b) is None


def test_duplicates_are_found_within_new_entries_and_against_known_ones_once() -> None:
    known = [Candidate(1, sound_key("محمد حسين الجبوري"), 1994, "1")]
    new = [
        Candidate(2, sound_key("Mohamed Hussain Aljubouri"), 1994, "2"),
        Candidate(3, sound_key("Muhammad Husayn al-Jubouri"), 1994, "3"),
        Candidate(4, sound_key("Omar Khalid"), 1994, "4"),
    ]
    pairs = [(d.first, d.second) for d in likely_duplicates(new, known)]
    assert pairs == [(1, 2), (1, 3), (2, 3)]


def test_the_suggested_latin_form_uses_the_usual_spelling_of_common_names() -> None:
    assert suggested_latin("محمد حسين الجبوري") == "Mohammed Hussein al-Jubouri"
    assert suggested_latin("عبد الرحمن علي") == "Abdulrahman Ali"


def test_an_unknown_word_is_romanised_letter_by_letter() -> None:
    assert suggested_latin("بشار") == "Bshar"  # short vowels are not written in Arabic
    assert suggested_latin("السوداني") == "al-Sudani"


def test_the_name_tables_keep_arabic_beside_latin() -> None:
    for arabic, latin in (*GIVEN_NAMES, *FAMILY_NAMES):
        assert any("\u0600" <= ch <= "\u06ff" for ch in arabic)
        assert latin.isascii()


def test_a_sound_trainee_has_no_problem() -> None:
    assert trainee_problems(make_trainee(), this_year=2019) == []


def test_each_broken_field_is_named() -> None:
    broken = make_trainee(
        service="army",
        name=HostName("Mohammed", "Mohammed"),
        birth_year=1930,
        rank="colonel",
        governorate="IQG99",
        vetting=Vetting(VettingStatus.REFUSED, None, "", None),
        languages={"english": 2},
    )
    fields = [p.field for p in trainee_problems(broken, this_year=2019)]
    assert fields == [
        "service",
        "name_ar",
        "birth_year",
        "rank",
        "governorate",
        "vetting_date",
        "languages",
    ]


def test_the_comparison_reports_each_block_until_every_new_entry_is_compared() -> None:
    new = [Candidate(i, sound_key(n[0]), 1990, str(i)) for i, n in enumerate(GIVEN_NAMES)]
    heard: list[tuple[int, int]] = []
    likely_duplicates(new, [], lambda done, total: heard.append((done, total)))
    blocks = len({c.sound[:1] for c in new})
    assert len(heard) == blocks
    assert [d for d, _ in heard] == sorted(d for d, _ in heard)
    assert heard[-1] == (len(new), len(new))
