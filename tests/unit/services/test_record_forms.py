"""Scenario records as forms and back: fields from the file's own shape, answers as the file
would hold them, and each problem placed beside the field it is about."""

from __future__ import annotations

import pytest

from cadre.domain.errors import InvalidInput, Problem
from cadre.interchange.schema import CohortShape, CourseShape, SiteShape
from cadre.web.presenters.record_forms import (
    FormField,
    document_from_form,
    field_of,
    form_fields,
    form_values,
    name_languages,
)


def test_a_cohort_form_asks_for_its_name_in_arabic_and_in_latin_letters() -> None:
    assert form_fields(CohortShape) == (
        FormField("code", "text", True),
        FormField("unit", "text", True),
        FormField("size", "number", True),
        FormField("name.arabic", "text", True, arabic=True),
        FormField("name.latin", "text", True),
        FormField("site", "text", False),
    )


def test_a_site_form_takes_rooms_and_holidays_one_per_line() -> None:
    fields = form_fields(SiteShape)
    document = document_from_form(
        fields,
        {
            "code": ["TAJI"],
            "name": ["Taji Military Complex"],
            "kind": ["training_centre"],
            "region": ["Baghdad"],
            "rooms": ["TAJI-CR1, 30\n\nTAJI-CR2,20"],
            "holidays": ["Eid al-Fitr, first day, 2019-06-04, 2019-06-04"],
            "working_week": ["sun", "mon"],
            "disciplines": ["CIED, EOD"],
        },
    )
    assert document == {
        "code": "TAJI",
        "name": "Taji Military Complex",
        "kind": "training_centre",
        "region": "Baghdad",
        "rooms": [{"code": "TAJI-CR1", "capacity": "30"}, {"code": "TAJI-CR2", "capacity": "20"}],
        "working_week": ["sun", "mon"],
        "holidays": [
            {"name": "Eid al-Fitr, first day", "start": "2019-06-04", "end": "2019-06-04"}
        ],
        "disciplines": ["CIED", "EOD"],
    }


def test_a_line_with_a_part_missing_is_reported_with_its_number() -> None:
    with pytest.raises(InvalidInput) as caught:
        document_from_form(form_fields(SiteShape), {"rooms": ["TAJI-CR1, 30\nTAJI-CR2"]})
    assert caught.value.problems == (Problem("line 2: give code, capacity", field="rooms"),)


def test_a_stored_record_fills_the_form_as_it_was_typed() -> None:
    fields = form_fields(CohortShape)
    values = form_values(
        fields,
        {
            "code": "IA-9",
            "unit": "9th Division",
            "size": 28,
            "name": {"arabic": "الفرقة التاسعة", "latin": "al-Firqa al-Tasi'a"},
        },
    )
    assert values == {
        "code": "IA-9",
        "unit": "9th Division",
        "size": "28",
        "name.arabic": "الفرقة التاسعة",
        "name.latin": "al-Firqa al-Tasi'a",
        "site": "",
    }


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("cohorts[3].size", "size"),
        ("size", "size"),
        ("cohorts[IA-9].name.arabic", "name.arabic"),
        ("name", "name.arabic"),
        ("sites[0].rooms[1].capacity", ""),
        ("", ""),
    ],
)
def test_a_problem_goes_beside_the_field_it_names(field: str, expected: str) -> None:
    assert field_of(Problem("wrong", field=field), form_fields(CohortShape)) == expected


def test_a_room_problem_goes_beside_the_rooms() -> None:
    assert (
        field_of(Problem("too small", field="sites[0].rooms[1].capacity"), form_fields(SiteShape))
        == "rooms"
    )


def test_a_course_form_asks_for_its_title_in_arabic_and_keeps_other_languages() -> None:
    fields = form_fields(CourseShape, name_languages(("fr",), ("names.ku", "code")))
    named = [f for f in fields if f.name.startswith(("title", "names."))]
    document = document_from_form(
        fields, {"title": ["Combat medic"], "names.ar": [" المسعف القتالي "], "names.fr": [""]}
    )
    assert named == [
        FormField("title", "text", True),
        FormField("names.ar", "text", False, arabic=True),
        FormField("names.fr", "text", False),
        FormField("names.ku", "text", False),
    ]
    assert (document["title"], document["names"]) == ("Combat medic", {"ar": "المسعف القتالي"})
    assert form_values(fields, {"names": {"fr": "Secouriste"}})["names.fr"] == "Secouriste"
