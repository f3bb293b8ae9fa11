"""A template is compiled once and read by everyone: a language filter applied to a constant
(`'succeeded'|term`) answers in each reader's language, not in the first reader's."""

from __future__ import annotations

from cadre.web import i18n, templating


def test_a_constant_through_a_language_filter_follows_each_reader() -> None:
    template = templating.ENVIRONMENT.from_string("{{ 'succeeded'|term }}")
    seen = []
    for code in ("en", "ar", "en"):
        token = i18n.current.set(i18n.LANGUAGES[code])
        try:
            seen.append(template.render())
        finally:
            i18n.current.reset(token)
    assert seen == ["succeeded", "نجحت", "succeeded"]


def test_a_latin_name_inside_an_arabic_sentence_is_marked_english() -> None:
    template = templating.ENVIRONMENT.from_string("{{ _('Seats abroad and xAPI')|latin_words }}")
    token = i18n.current.set(i18n.LANGUAGES["ar"])
    try:
        arabic = template.render()
    finally:
        i18n.current.reset(token)
    assert arabic == 'المقاعد في الخارج و<bdi lang="en" dir="ltr">xAPI</bdi>'
    assert template.render() == "Seats abroad and xAPI"  # an English page as it is
