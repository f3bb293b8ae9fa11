"""Which pages each role may open: the navigation and the pages' own refusals follow it."""

from __future__ import annotations

from cadre.access.policy import Principal, Role
from cadre.web.navigation import Page, home_page, pages_for


def principal(*roles: Role) -> Principal:
    return Principal("someone", "NATO", frozenset(roles))


def test_a_national_contributor_has_force_generation_and_the_catalogue() -> None:
    assert pages_for(principal(Role.NATIONAL_CONTRIBUTOR)) == (Page.FORCE, Page.RECORDS)


def test_an_auditor_has_every_page_but_linking_accounts() -> None:
    assert pages_for(principal(Role.AUDITOR)) == tuple(p for p in Page if p is not Page.ACCOUNTS)


def test_an_administrator_lands_on_the_audit_log_and_links_accounts() -> None:
    assert (pages_for(principal(Role.ADMINISTRATOR)), home_page(principal(Role.ADMINISTRATOR))) == (
        (Page.AUDIT, Page.ACCOUNTS),
        Page.AUDIT,
    )


def test_someone_without_a_role_has_no_page() -> None:
    assert (pages_for(principal()), home_page(principal())) == ((), None)
