"""Screenshots of every page of the web app, in English and in Arabic, taken with Debian's
Chromium over the demo (NATO Mission Iraq planned, a demo account per role). Each page is
opened by the role that uses it; the first screen of it (1280 x 900) is kept, reduced to a
palette of 96 colours so the committed files stay small.

    make screenshots          # writes docs/screenshots/<page>-<language>.png
    python bench/screenshots.py job roster   # only the pages named
"""

from __future__ import annotations

import pathlib
import sys
import tempfile
from urllib.parse import quote

from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from cadre.services.system.database import open_database
from cadre.services.unit_of_work import UnitOfWork

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from web_demo import Demo, certify_one, demo_server, seat_trainees, signed_in

OUT = pathlib.Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZE = {"width": 1280, "height": 900}
COLOURS = 96
M = "/missions/{mission}"
# Every HTML page of src/cadre/web/pages/*.py: (name, who opens it, address). Downloads (PDF,
# XLSX, iCalendar, JSON, SVG) and forms' POST answers are not pages; the job page is reached
# by starting a job ({job}), the roster once trainees are seated on a run ({run}).
PAGES: tuple[tuple[str, str | None, str], ...] = (
    ("login", None, "/login"),
    ("missions", "admin", "/"),
    ("overview", "planner", M),
    ("capacity", "planner", f"{M}/capacity"),
    ("capacity-compare", "planner", f"{M}/capacity/compare?a=1&b=1"),
    ("capacity-run", "planner", f"{M}/capacity/run"),
    ("capacity-adopt", "planner", f"{M}/plans/capacity/1/adopt"),
    ("force-generation", "planner", f"{M}/force"),
    ("force-nation", "planner", f"{M}/force?nation=CAN"),
    ("force-contributor", "contributor", f"{M}/force"),
    ("offers", "forcegen", f"{M}/force/offers"),
    ("timetable", "planner", f"{M}/timetable?by=site&key=TAJI"),
    ("timetable-month", "planner", f"{M}/timetable?view=month&by=cohort"),
    ("timetable-instructor", "liaison", f"{M}/timetable?by=instructor"),
    ("my-calendar", "instructor", f"{M}/my/calendar"),
    ("link-account", "admin", f"{M}/accounts/link"),
    ("courses", "planner", f"{M}/records/courses"),
    ("course-new", "planner", f"{M}/records/courses/new"),
    ("sites", "planner", f"{M}/records/sites"),
    ("pledges", "planner", f"{M}/records/pledges"),
    ("cohorts", "planner", f"{M}/records/cohorts"),
    ("cohort", "planner", f"{M}/records/cohorts/IA-9AD-ENG"),
    ("roster", "school", f"{M}/runs/{{run}}/roster"),
    ("job", "planner", "{job}"),
    ("coordination", "planner", f"{M}/coordination"),
    ("coordination-overlaps", "planner", f"{M}/coordination/overlaps"),
    ("coordination-register", "planner", f"{M}/coordination/register"),
    ("pathway", "school", f"{M}/pathway"),
    ("trainees", "school", f"{M}/trainees"),
    ("trainee-new", "school", f"{M}/trainees/new"),
    ("trainee", "school", f"{M}/trainees/{{trainee}}"),
    ("duplicates", "school", f"{M}/trainees/duplicates"),
    ("certificate", "school", f"{M}/certificates/{{certificate}}"),
    ("abroad", "school", f"{M}/abroad"),
    ("xapi", "school", f"{M}/xapi"),
    ("certificates-expiring", "school", f"{M}/certificates/expiring"),
    ("verify", None, "/verify/no-such-certificate"),
    ("audit", "auditor", "/audit"),
    ("refused", "contributor", "/audit"),
)


def _small(path: pathlib.Path) -> None:
    """An adaptive palette: the pages are flat colours and text, so 96 colours look the same
    and the file is a third of the size."""
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=COLOURS, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


def _start_job(browser: Browser, demo: Demo) -> str:
    """The address of a capacity plan job started from the web form."""
    context = signed_in(browser, demo.url, demo.accounts["planner"], "en", SIZE)
    page = context.new_page()
    page.goto(f"{demo.url}/missions/{demo.mission}/capacity/run")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/jobs/*")
    job = page.url.removeprefix(demo.url)
    context.close()
    return job


def main() -> None:
    """Every page, or only the pages named on the command line."""
    only = set(sys.argv[1:])
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="cadre-screenshots-") as folder,
        demo_server(pathlib.Path(folder)) as demo,
        sync_playwright() as playwright,
    ):
        with open_database(demo.database) as engine:
            seated = seat_trainees(UnitOfWork(engine))
            trainee, certificate = certify_one(UnitOfWork(engine), seated)
            run = quote(seated, safe="")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        job = _start_job(browser, demo)
        for language in ("en", "ar"):
            contexts = {}
            for name, user, path in PAGES:
                if only and name not in only:
                    continue
                if user not in contexts:
                    account = demo.accounts[user] if user else None
                    contexts[user] = signed_in(browser, demo.url, account, language, SIZE)
                page = contexts[user].new_page()
                response = page.goto(
                    demo.url
                    + path.format(
                        mission=demo.mission,
                        run=run,
                        job=job,
                        trainee=trainee,
                        certificate=certificate,
                    )
                )
                page.wait_for_load_state("networkidle")
                status = response.status if response else 0
                target = OUT / f"{name}-{language}.png"
                page.screenshot(path=str(target), clip={"x": 0, "y": 0, **SIZE})
                page.close()
                _small(target)
                print(f"wrote {target.relative_to(OUT.parents[1])} ({status})")
            for context in contexts.values():
                context.close()
        browser.close()
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"{len(list(OUT.glob('*.png')))} screenshots, {total / 1e6:.2f} MB in all")


if __name__ == "__main__":
    main()
