"""A change shown with its sign (`|signed`): before the number in either language, none on a
change that rounds to nothing."""

from __future__ import annotations

from cadre.web import i18n

CHANGES = (6.217, -3.14, 0.04, -0.04, 1234.5)


def in_language(code: str) -> list[str]:
    token = i18n.current.set(i18n.LANGUAGES[code])
    try:
        return [i18n.signed(change, 1) for change in CHANGES]
    finally:
        i18n.current.reset(token)


def test_a_change_has_its_sign_before_the_number_and_none_when_it_rounds_to_nothing() -> None:
    assert in_language("en") == ["+6.2", "-3.1", "0.0", "0.0", "+1,234.5"]


def test_an_arabic_sign_carries_a_left_to_right_mark_so_it_stays_before_the_number() -> None:
    lrm = "\u200e"
    assert in_language("ar") == [f"{lrm}+6.2", f"{lrm}-3.1", "0.0", "0.0", f"{lrm}+1,234.5"]
