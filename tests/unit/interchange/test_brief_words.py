"""The mission brief's sentences come from the one catalogue: each is listed for extraction by
the web app, and each has Arabic with the same placeholders."""

from __future__ import annotations

import re

from cadre.interchange.brief_pdf import SENTENCES, words
from cadre.interchange.words import ENGLISH
from cadre.services.system.language import words_in
from cadre.web.brief_words import BRIEF_TEXTS

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def test_every_sentence_of_the_brief_is_listed_for_the_catalogue() -> None:
    assert set(SENTENCES.values()) == set(BRIEF_TEXTS)


def test_the_english_brief_says_its_sentences_as_written() -> None:
    assert words(ENGLISH.say) == SENTENCES


def test_the_arabic_brief_has_every_sentence_in_arabic_with_its_placeholders() -> None:
    arabic = words(words_in("ar").say)
    assert [k for k, text in arabic.items() if not ARABIC_LETTER.search(text)] == []
    assert {k: PLACEHOLDER.findall(t) for k, t in arabic.items()} == {
        k: PLACEHOLDER.findall(t) for k, t in SENTENCES.items()
    }
    assert (arabic["headline"], arabic["peak"]) == ("الأرقام الرئيسية", "ذروة قوة التدريب")
    assert arabic["instructors_in"] % {"month": "أيار 2019"} == "مدرّبًا في أيار 2019"
