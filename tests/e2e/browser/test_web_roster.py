"""The roster page as a course director works it on a phone, in English and Arabic: choosing a
teaching day sends nothing until asked, a day's attendance goes in for the cohort, and a
refused withdrawal comes back with its reason beside the field, and the withdrawal made is
listed with its reason; the timetable leads the school to the roster; each state passes axe
and fits 390 px."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bench.web_demo import signed_in
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser.conftest import Server
from tests.e2e.browser.test_web_browser import Console
from tests.e2e.browser.test_web_reach import PHONE, _serious

SAID = {
    "en": ("The attendance of", "Say why the trainee is withdrawn"),
    "ar": ("سُجّل حضور يوم", "اذكر سبب سحب المتدرّب"),
}


def _fits(page: Page) -> None:
    assert _serious(page) == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_day_is_marked_and_a_refusal_shown_on_a_phone(
    browser: Browser, server: Server, language: str
) -> None:
    context = signed_in(browser, server.url, server.accounts["school"], language, PHONE)
    page = context.new_page()
    console = Console(page)
    try:
        address = f"{server.url}/missions/NMI/runs/{quote(server.enrolled_run, safe='')}/roster"
        page.goto(address)
        chooser = page.locator("#marks-day-choice")
        second = chooser.locator("option").nth(1).get_attribute("value")
        assert second is not None
        chooser.select_option(second)
        page.wait_for_timeout(200)
        assert "day=" not in page.url  # choosing a day sends nothing
        page.locator("#marks-day-choice ~ button").click()
        page.wait_for_url(f"**day={second}")
        _fits(page)

        mark = "present" if language == "en" else "excused"  # each run changes the mark
        page.locator("fieldset.marks").first.locator(f"input[type=radio][value={mark}]").check()
        page.locator("form[action$='/attendance'] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        marked, refused = SAID[language]
        expect(page.locator("p.notice")).to_contain_text(marked)

        page.locator("#withdraw-trainee").select_option(index=1)
        page.locator("form[action$='/withdraw'] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("#withdraw-reason-error")).to_contain_text(refused)
        assert page.locator("#withdraw-reason").get_attribute("aria-invalid") == "true"
        _fits(page)

        reason = "posted to Basra" if language == "en" else "نُقل إلى البصرة"
        page.locator("#withdraw-reason").fill(reason)
        page.locator("form[action$='/withdraw'] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("section[aria-labelledby=withdrawn-title]")).to_contain_text(reason)
        _fits(page)
    finally:
        context.close()
    assert console.errors == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_timetable_leads_the_school_to_a_roster_on_a_phone(
    browser: Browser, server: Server, language: str
) -> None:
    context = signed_in(browser, server.url, server.accounts["school"], language, PHONE)
    page = context.new_page()
    console = Console(page)
    try:
        page.goto(f"{server.url}/missions/NMI/timetable")
        _fits(page)
        page.locator("table.calendar a[href$='/roster']").first.click()
        page.wait_for_url("**/roster")
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("#withdraw-title, #waiting-title").count() >= 1
    finally:
        context.close()
    assert console.errors == []
