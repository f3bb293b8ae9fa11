"""The one rule of releasability, on hand-made labels and principals."""

from __future__ import annotations

import pytest

from cadre.access.labels import Classification, Label, MissionContext, default_label
from cadre.access.policy import Principal, Role, Verb
from cadre.access.releasability import Gate
from cadre.domain.errors import Forbidden, NotFound

CONTEXT = MissionContext(host="IRQ", participants=frozenset({"IRQ", "CAN", "AUS", "NATO", "UN"}))
UNCLASSIFIED, RESTRICTED = Classification.NATO_UNCLASSIFIED, Classification.NATO_RESTRICTED


def person(affiliation: str, *roles: Role, clearance: Classification = UNCLASSIFIED) -> Principal:
    return Principal(f"user-{affiliation.lower()}", affiliation, frozenset(roles), clearance)


def gate(principal: Principal) -> Gate:
    return Gate(principal, CONTEXT)


def test_a_pledge_is_seen_by_its_nation_and_the_alliance_but_not_by_a_partner() -> None:
    label = default_label("pledges", host="IRQ", nation="CAN")
    seen = {
        who: gate(person(who, Role.NATIONAL_CONTRIBUTOR)).sees("pledges", label)
        for who in ("CAN", "USA", "NATO", "AUS", "IRQ", "UN")
    }
    assert seen == {
        "CAN": True,
        "USA": True,
        "NATO": True,
        "AUS": False,
        "IRQ": False,
        "UN": False,
    }


def test_a_partner_sees_its_own_pledge() -> None:
    label = default_label("pledges", host="IRQ", nation="AUS")
    assert gate(person("AUS", Role.NATIONAL_CONTRIBUTOR)).sees("pledges", label)


def test_host_units_are_released_to_the_host_and_the_alliance() -> None:
    label = default_label("cohorts", host="IRQ")
    assert label == Label(UNCLASSIFIED, "IRQ", frozenset({"HOST", "NATO"}))
    assert gate(person("IRQ", Role.HOST_NATION_LIAISON)).sees("cohorts", label)
    assert not gate(person("UN", Role.COORDINATION_PARTNER)).sees("cohorts", label)


def test_a_host_instructor_is_owned_by_the_host() -> None:
    assert default_label("trainers", host="IRQ", nation="IRQ") == Label(
        UNCLASSIFIED, "IRQ", frozenset({"HOST", "NATO"})
    )


def test_mission_wide_records_go_to_every_contributor_and_no_outsider() -> None:
    label = default_label("sites", host="IRQ")
    assert gate(person("UN", Role.COORDINATION_PARTNER)).sees("sites", label)
    assert not gate(person("CHN", Role.COORDINATION_PARTNER)).sees("sites", label)


def test_a_clearance_below_the_classification_hides_the_record_even_from_its_owner() -> None:
    label = Label(RESTRICTED, "CAN", frozenset({"CAN"}))
    assert not gate(person("CAN", Role.NATIONAL_CONTRIBUTOR)).sees("pledges", label)
    cleared = person("CAN", Role.NATIONAL_CONTRIBUTOR, clearance=RESTRICTED)
    assert gate(cleared).sees("pledges", label)


def test_a_role_that_does_not_read_a_kind_sees_none_of_it() -> None:
    label = default_label("pledges", host="IRQ", nation="CAN")
    assert not gate(person("CAN", Role.INSTRUCTOR)).sees("pledges", label)
    assert not gate(person("CAN", Role.ADMINISTRATOR)).sees("pledges", label)


def test_a_user_without_a_role_sees_nothing() -> None:
    label = default_label("sites", host="IRQ")
    assert not gate(person("NATO")).sees("sites", label)


def test_a_hidden_record_is_not_found_rather_than_forbidden() -> None:
    label = Label(UNCLASSIFIED, "AUS", frozenset({"AUS"}))
    with pytest.raises(NotFound, match="pledge P-AUS-1 is not in the mission"):
        gate(person("CAN", Role.FORCE_GENERATION_OFFICER)).require_visible(
            "pledges", label, "pledge P-AUS-1"
        )


def test_a_national_contributor_may_write_only_what_its_nation_owns() -> None:
    theirs = default_label("pledges", host="IRQ", nation="USA")
    mine = default_label("pledges", host="IRQ", nation="CAN")
    canadian = gate(person("CAN", Role.NATIONAL_CONTRIBUTOR))
    canadian.require_action(Verb.WRITE, "pledges", mine, "pledge P-CAN-1")
    with pytest.raises(Forbidden, match="pledge P-USA-1 belongs to USA"):
        canadian.require_action(Verb.WRITE, "pledges", theirs, "pledge P-USA-1")


def test_a_force_generation_officer_may_write_any_pledge_it_sees() -> None:
    theirs = default_label("pledges", host="IRQ", nation="USA")
    gate(person("NATO", Role.FORCE_GENERATION_OFFICER)).require_action(
        Verb.WRITE, "pledges", theirs, "pledge P-USA-1"
    )


def test_visible_keeps_order_and_drops_what_is_hidden() -> None:
    labels = {
        "a": default_label("pledges", host="IRQ", nation="CAN"),
        "b": Label(UNCLASSIFIED, "AUS", frozenset({"AUS"})),
        "c": default_label("pledges", host="IRQ", nation="USA"),
    }
    canadian = gate(person("CAN", Role.NATIONAL_CONTRIBUTOR))
    assert canadian.visible("pledges", ["c", "b", "a"], labels.__getitem__) == ["c", "a"]
