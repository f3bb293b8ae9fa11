"""The Arabic catalogue: every text of the pages translated, with the same placeholders, so no
Arabic page shows an English label or fails on a missing value."""

from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
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


def test_every_text_marked_in_the_sources_is_in_the_catalogue_in_arabic() -> None:
    """Read the marked texts from the templates and the Python themselves (as `make messages`
    does), not from the committed template: a text marked since the last extraction has no
    Arabic either, and fails here."""
    source = LOCALE_DIR.parent
    with (source / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    with (LOCALE_DIR / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        arabic = read_po(f, locale="ar")
    marked = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(str(source), method_map, options_map)
    }
    assert len(marked) > 300  # the extraction found the pages' texts at all
    untranslated = sorted(
        m for m in marked if not (arabic.get(m) and all(_strings(arabic.get(m).string)))
    )
    assert untranslated == []


def _strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)
