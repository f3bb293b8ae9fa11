"""Which pages of the web app a principal may open, from the access policy: the navigation
shows exactly these, and each page's service refuses the others (403), so neither a template
nor a route decides who sees what."""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import quote

from cadre.access.labels import ACTIVITIES, ENROLMENTS, TRAINEES
from cadre.access.policy import AUDIT_TRAIL, USERS, Principal, Verb, allowed
from cadre.domain.errors import Forbidden


class Page(StrEnum):
    OVERVIEW = "overview"
    CAPACITY = "capacity"
    FORCE = "force"
    TIMETABLE = "timetable"
    RECORDS = "records"
    COORDINATION = "coordination"
    TRAINEES = "trainees"
    PATHWAY = "pathway"
    TRAINING = "training"
    AUDIT = "audit"
    ACCOUNTS = "accounts"  # linking accounts to people: a mission's form, for administrators


# The action a page stands on: whoever may take it may open the page; what the page then
# shows is what releasability lets them see.
PAGE_ACTIONS: dict[Page, tuple[Verb, str]] = {
    Page.OVERVIEW: (Verb.READ, "capacity-plans"),
    Page.CAPACITY: (Verb.READ, "capacity-plans"),
    Page.FORCE: (Verb.READ, "pledges"),
    Page.TIMETABLE: (Verb.READ, "cohorts"),
    Page.RECORDS: (Verb.READ, "courses"),
    Page.COORDINATION: (Verb.READ, ACTIVITIES),
    Page.TRAINEES: (Verb.READ, TRAINEES),  # personal data: the service narrows the rows
    Page.PATHWAY: (Verb.READ, "timetable-plans"),  # the host-led share; people for fewer
    Page.TRAINING: (Verb.READ, ENROLMENTS),
    Page.AUDIT: (Verb.AUDIT, AUDIT_TRAIL),
    Page.ACCOUNTS: (Verb.MANAGE, USERS),
}
MISSION_PAGES = (
    Page.OVERVIEW,
    Page.CAPACITY,
    Page.FORCE,
    Page.TIMETABLE,
    Page.RECORDS,
    Page.COORDINATION,
)


def may_open(principal: Principal, page: Page) -> bool:
    verb, subject = PAGE_ACTIONS[page]
    return allowed(principal, verb, subject)


def pages_for(principal: Principal) -> tuple[Page, ...]:
    """The pages the principal may open, in the order the navigation lists them."""
    return tuple(page for page in Page if may_open(principal, page))


def require_page(principal: Principal, page: Page) -> None:
    if not may_open(principal, page):
        raise Forbidden(f"your role does not give you the {page.value} page")


def home_page(principal: Principal) -> Page | None:
    """Where a principal lands after logging in: its first mission page, else the audit."""
    for page in (*MISSION_PAGES, Page.AUDIT):
        if may_open(principal, page):
            return page
    return None


def roster_url(mission: str, run: str, query: str = "") -> str:
    """A run's roster page. An NMI run code holds slashes (`BDE/2026/03`), which the route
    takes as they are (`{run:path}`); everything else in the code is quoted."""
    here = f"/missions/{quote(mission, safe='')}/runs/{quote(run, safe='/')}/roster"
    return f"{here}?{query}" if query else here
