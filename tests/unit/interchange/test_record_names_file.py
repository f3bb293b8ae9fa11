"""Names in other languages in the scenario file: read, written back and read again
unchanged, and a key that is no language reported at its line."""

from __future__ import annotations

import pathlib

import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.record_names import Names
from cadre.interchange.scenario_file import dump_scenario, parse_scenario, read_scenario
from tests.conftest import EXAMPLES

TINY = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")


def test_a_round_trip_keeps_a_course_s_and_a_site_s_names_in_both_languages() -> None:
    scenario = parse_scenario(TINY)
    again = parse_scenario(dump_scenario(scenario))
    course, site = again.courses[0], again.sites[0]
    assert again == scenario
    assert (course.title, course.names) == (
        "Counter-IED search and awareness",
        Names.of({"ar": "البحث والتوعية في مكافحة العبوات الناسفة"}),
    )
    assert (site.name, site.names) == (
        "Taji Military Complex",
        Names.of({"ar": "مجمع التاجي العسكري"}),
    )


def test_a_trainer_s_name_in_arabic_letters_is_kept() -> None:
    text = TINY.replace(
        "name: Capt. A. Tremblay,", 'name: Capt. A. Tremblay, names: {ar: "أ. ترامبليه"},'
    )
    assert text != TINY
    scenario = parse_scenario(dump_scenario(parse_scenario(text)))
    assert scenario.trainers[0].names == Names.of({"ar": "أ. ترامبليه"})


def test_a_scenario_written_before_names_still_reads_with_english_names_only() -> None:
    older = "\n".join(line for line in TINY.splitlines() if not line.startswith("    names:"))
    scenario = parse_scenario(older)
    assert {c.names for c in scenario.courses} | {s.names for s in scenario.sites} == {Names()}


def test_a_key_that_is_no_language_is_reported_at_its_line_and_column() -> None:
    text = TINY.replace(
        '    names: {ar: "مجمع ميادين بسماية"}', '    names: {ar: "مجمع ميادين بسماية", arabic: x}'
    )
    assert text != TINY
    line = text.splitlines().index('    names: {ar: "مجمع ميادين بسماية", arabic: x}') + 1
    with pytest.raises(InvalidInput) as refused:
        parse_scenario(text, "tiny.yaml")
    assert list(refused.value.problems) == [
        Problem(
            "site BESMAYA: field names: 'arabic' is not a language code: "
            "use a two-letter ISO 639-1 code, such as ar",
            field="sites[1].names.arabic",
            file="tiny.yaml",
            line=line,
            column=39,
        )
    ]


def test_every_course_and_school_of_the_shipped_examples_has_an_arabic_name() -> None:
    for path in (EXAMPLES / "nmi-2018.yaml", EXAMPLES / "tiny.yaml"):
        scenario = read_scenario(pathlib.Path(path))
        unnamed = [c.code for c in scenario.courses if not c.names.get("ar")]
        unnamed += [s.code for s in scenario.sites if not s.names.get("ar")]
        assert unnamed == [], path.name
