"""The Arabic catalogue: every text of the pages translated, with the same placeholders, so no
Arabic page shows an English label or fails on a missing value."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from cadre.web.i18n import LOCALE_DIR

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_every_text_of_the_pages_has_an_arabic_translation_with_its_placeholders() -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        template = read_po(f)
    with (LOCALE_DIR / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        arabic = read_po(f, locale="ar")
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = arabic.get(message.id)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = () if translated is None else translated.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if not all(strings) or translated is None:
            problems.append(f"untranslated: {ids[0]}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[0]))
        problems += [
            f"placeholders differ: {ids[0]} -> {s}"
            for s in strings
            if set(PLACEHOLDER.findall(s)) != wanted
        ]
    assert problems == []
