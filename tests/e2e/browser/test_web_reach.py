"""Every page in English and in Arabic, as a keyboard, a screen reader and a phone meet it: axe
(axe-core, bundled in the `axe-playwright-python` wheel, so nothing is fetched) finds no serious
or critical problem; at 390 px wide nothing makes the page scroll sideways; the first Tab
reaches the skip link and following it puts the focus on the main content. No page logs a
console error."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from bench.web_demo import signed_in
from playwright.sync_api import Browser, BrowserContext, Page

from tests.e2e.browser.conftest import Server
from tests.e2e.browser.test_web_browser import Console

M = "/missions/NMI"
# (who opens it, address): every page of the demo, its views and its refusals.
PAGES = {
    "login": (None, "/login"),
    "missions": ("admin", "/"),
    "overview": ("planner", M),
    "capacity": ("planner", f"{M}/capacity"),
    "capacity-compare": ("planner", f"{M}/capacity/compare?a=1&b=1"),
    "capacity-run": ("planner", f"{M}/capacity/run"),
    "capacity-adopt": ("planner", f"{M}/plans/capacity/1/adopt"),
    "job": ("planner", "{job}"),  # the page a started plan leads to (`_places`)
    "force": ("planner", f"{M}/force"),
    "force-nation": ("planner", f"{M}/force?nation=CAN"),
    "force-contributor": ("contributor", f"{M}/force"),
    "offers": ("forcegen", f"{M}/force/offers"),
    "timetable-week": ("planner", f"{M}/timetable"),
    "timetable-month": ("planner", f"{M}/timetable?view=month&by=cohort"),
    "timetable-instructor": ("liaison", f"{M}/timetable?by=instructor"),
    "my-calendar": ("instructor", f"{M}/my/calendar"),
    "link-account": ("admin", f"{M}/accounts/link"),
    "courses": ("planner", f"{M}/records/courses"),
    "course-new": ("planner", f"{M}/records/courses/new"),
    "sites": ("planner", f"{M}/records/sites"),
    "pledges": ("planner", f"{M}/records/pledges"),
    "cohorts": ("planner", f"{M}/records/cohorts"),
    "cohort": ("planner", f"{M}/records/cohorts/IA-9AD-ENG"),
    "roster": ("school", f"{M}/runs/{{run}}/roster"),  # the run the fixture seats trainees on
    "roster-enrol": ("school", f"{M}/runs/{{run}}/roster?q=Kadhim"),  # trainees found to enrol
    "roster-close": ("school", f"{M}/runs/{{run}}/roster/close"),  # the confirmation step
    "coordination": ("planner", f"{M}/coordination"),
    "coordination-overlaps": ("planner", f"{M}/coordination/overlaps"),
    "coordination-register": ("planner", f"{M}/coordination/register"),
    "pathway": ("school", f"{M}/pathway"),
    "trainees": ("school", f"{M}/trainees"),
    "trainee-new": ("school", f"{M}/trainees/new"),
    "trainee": ("school", f"{M}/trainees/{{trainee}}"),  # runs, a certificate, duplicates
    "trainee-liaison": ("liaison", f"{M}/trainees/{{trainee}}"),
    "duplicates": ("school", f"{M}/trainees/duplicates"),  # the seated three look alike
    "certificate": ("school", f"{M}/certificates/{{certificate}}"),
    "pathway-share": ("planner", f"{M}/pathway"),
    "abroad": ("school", f"{M}/abroad"),
    "xapi": ("school", f"{M}/xapi"),
    "certificates-expiring": ("school", f"{M}/certificates/expiring"),
    "verify": (None, "/verify/no-such-certificate"),
    "audit": ("auditor", "/audit"),
    "refused": ("contributor", "/audit"),
    "not-found": ("planner", f"{M}/records/courses/NO-SUCH-COURSE"),
}
LANGUAGES = ("en", "ar")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def contexts(browser: Browser, server: Server) -> Iterator[dict[tuple[str | None, str], object]]:
    """A browser context per user and language, logged in once."""
    made: dict[tuple[str | None, str], BrowserContext] = {}
    for user in {user for user, _ in PAGES.values()}:
        for language in LANGUAGES:
            account = server.accounts[user] if user else None
            made[(user, language)] = signed_in(browser, server.url, account, language, DESKTOP)
    yield made  # type: ignore[misc]
    for context in made.values():
        context.close()


@pytest.fixture(scope="module")
def places(contexts: dict, server: Server) -> dict[str, str]:
    """The addresses that exist only once something happened: a job started from the form."""
    page = contexts[("planner", "en")].new_page()
    try:
        page.goto(f"{server.url}{M}/capacity/run")
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/jobs/*")
        job = page.url.removeprefix(server.url)
    finally:
        page.close()
    return {
        "job": job,
        "run": quote(server.enrolled_run, safe=""),
        "trainee": str(server.trainee),
        "certificate": quote(server.certificate, safe=""),
    }


# The pages that write dates, read with the Hijri date beside each (the reader's switch on);
# the demo's data gives the first three dates to show (the others show them once used).
SHOWN = ("timetable-week", "roster", "overview")
DATED = (*SHOWN, "offers", "my-calendar", "pathway", "abroad")


@pytest.fixture(scope="module")
def hijri_contexts(
    browser: Browser, server: Server
) -> Iterator[dict[tuple[str | None, str], object]]:
    made: dict[tuple[str | None, str], BrowserContext] = {}
    for user in {PAGES[name][0] for name in DATED}:
        for language in LANGUAGES:
            account = server.accounts[user] if user else None
            made[(user, language)] = signed_in(browser, server.url, account, language, DESKTOP)
            made[(user, language)].add_cookies(
                [{"name": "cadre_hijri", "value": "on", "url": server.url}]
            )
    yield made  # type: ignore[misc]
    for context in made.values():
        context.close()


def _open(
    request: pytest.FixtureRequest,
    server: Server,
    name: str,
    language: str,
    contexts_fixture: str = "contexts",
) -> tuple[Page, Console]:
    user, path = PAGES[name]
    if "{" in path:  # asked for only here, so the other pages start no job
        path = path.format(**request.getfixturevalue("places"))
    contexts = request.getfixturevalue(contexts_fixture)
    page = contexts[(user, language)].new_page()
    console = Console(page)
    response = page.goto(f"{server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert response is not None
    assert response.status < 500
    assert page.locator("html").get_attribute("lang") == language
    return page, console


def _serious(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_passes_axe_fits_a_phone_and_skips_to_its_content(
    request: pytest.FixtureRequest, server: Server, name: str, language: str
) -> None:
    _passes_axe_and_fits_a_phone(request, server, name, language, "contexts")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", DATED)
def test_a_page_with_hijri_dates_still_passes_axe_and_fits_a_phone(
    request: pytest.FixtureRequest, server: Server, name: str, language: str
) -> None:
    _passes_axe_and_fits_a_phone(request, server, name, language, "hijri_contexts")


def _passes_axe_and_fits_a_phone(
    request: pytest.FixtureRequest, server: Server, name: str, language: str, contexts: str
) -> None:
    page, console = _open(request, server, name, language, contexts)
    try:
        shown = page.locator("time .hijri").count()
        found = {"desktop": _serious(page)}
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)
        found["phone"] = _serious(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.className")
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.id")
    finally:
        page.close()
    assert found == {"desktop": [], "phone": []}
    assert overflow <= 0, f"{name} ({language}) is {overflow} px wider than a 390 px phone"
    assert (first, focused) == ("skip", "main")
    assert console.errors == []
    if contexts == "hijri_contexts" and name in SHOWN:
        assert shown > 0, f"{name} ({language}) shows no Hijri date"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_wide_table_scrolls_in_a_named_region_the_keyboard_reaches(
    request: pytest.FixtureRequest, server: Server, language: str
) -> None:
    page, console = _open(request, server, "force", language)
    try:
        page.set_viewport_size(PHONE)
        regions = page.evaluate(
            """[...document.querySelectorAll('table.data, table.calendar, .rotation')].map(t => {
                 const box = t.closest('.scroll');
                 return box && [box.tabIndex, box.getAttribute('role'),
                                !!box.getAttribute('aria-label')];
               })"""
        )
    finally:
        page.close()
    assert regions
    assert all(r == [0, "region", True] for r in regions)
    assert console.errors == []


# Text in Latin letters that no element marks with its language: what an Arabic page must not
# show. Codes (`code`), preformatted commands and drawn figures keep their own rules.
UNMARKED_LATIN = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    const marked = element.closest("[lang]:not(html), code, pre, svg, script, style");
    if (/[A-Za-z]/.test(text) && !marked) {
      found.push(text.slice(0, 60));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("name", list(PAGES))
def test_an_arabic_page_marks_every_latin_fragment_with_its_language(
    request: pytest.FixtureRequest, server: Server, name: str
) -> None:
    page, console = _open(request, server, name, "ar")
    try:
        unmarked = page.evaluate(UNMARKED_LATIN)
    finally:
        page.close()
    assert unmarked == []
    assert console.errors == []


# A form sent back refused: each as it is submitted from its page, nothing written.
REFUSED_FORMS = {
    "trainee-new": "#trainee-form button[value=save]",
    "duplicates": "form[action$='/merge'] button[type=submit]",
    "certificate": "form[action$='/revoke'] button[type=submit]",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(REFUSED_FORMS))
def test_a_refused_form_shows_its_errors_and_still_passes_axe_on_a_phone(
    request: pytest.FixtureRequest, server: Server, name: str, language: str
) -> None:
    page, _ = _open(request, server, name, language)
    try:
        with page.expect_navigation():
            page.locator(REFUSED_FORMS[name]).first.click()
        page.wait_for_load_state("networkidle")
        errors = page.locator(".field-error").count()
        invalid = page.locator("[aria-invalid=true]").count()
        found = {"desktop": _serious(page)}
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)
        found["phone"] = _serious(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        unmarked = page.evaluate(UNMARKED_LATIN) if language == "ar" else []
    finally:
        page.close()
    assert errors > 0
    assert invalid > 0
    assert found == {"desktop": [], "phone": []}
    assert overflow <= 0, f"{name} ({language}) refused is {overflow} px wider than a phone"
    assert unmarked == []
