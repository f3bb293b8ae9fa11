"""Iraq's governorates as the register names them, held against the maintained ISO 3166-2
list that pycountry installs."""

from __future__ import annotations

import datetime as dt

import pycountry

from cadre.domain.coordination.activities import Status
from cadre.domain.coordination.places import (
    GOVERNORATES,
    district_parent,
    governorate,
    governorate_named,
)
from cadre.domain.coordination.rules import check_activity
from tests.coordination_factories import make_activity


def test_the_table_has_each_iso_governorate_of_iraq_once() -> None:
    iso = {s.code for s in pycountry.subdivisions.get(country_code="IQ") if s.type == "Governorate"}
    assert sorted(g.iso for g in GOVERNORATES) == sorted(iso)
    assert len({g.pcode for g in GOVERNORATES}) == 18


def test_each_governorate_has_its_own_cell_on_the_schematic_map() -> None:
    assert len({(g.row, g.column) for g in GOVERNORATES}) == 18


def test_names_are_found_however_they_are_spelt() -> None:
    found = [governorate_named(n) for n in ("Nineveh", "نينوى", "NINAWA", "IQ-NI", "iqg15")]
    assert {g.pcode if g else None for g in found} == {"IQG15"}
    assert governorate_named("Atlantis") is None
    assert governorate("iqg08") == governorate_named("بغداد")


def test_a_district_lies_in_the_governorate_its_p_code_starts_with() -> None:
    assert [district_parent(c) for c in ("IQG15Q04", "iqg08q01", "IQG15", "X")] == [
        "IQG15",
        "IQG08",
        None,
        None,
    ]


def test_the_rules_name_every_breach_of_one_activity() -> None:
    wrong = make_activity(
        start=dt.date(2019, 2, 1),
        end=dt.date(2019, 1, 1),
        planned=-3,
        reached=5,
        status=Status.PLANNED,
        district="IQG08Q01",
    )
    assert [(b.field, b.code) for b in check_activity(wrong)] == [
        ("end", "coordination.ends_before_start"),
        ("planned", "coordination.negative_count"),
        ("reached", "coordination.planned_reached"),
        ("district", "coordination.district_outside"),
    ]
