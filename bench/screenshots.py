"""Screenshots of the web app for the README: the overview, capacity, force generation and
timetable pages of the demo, in English and in Arabic, taken with Debian's Chromium.

    make screenshots          # writes docs/screenshots/<page>-<language>.png
"""

from __future__ import annotations

import pathlib
import sys
import tempfile

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from web_demo import demo_server

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
SIZE = {"width": 1280, "height": 1000}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="cadre-screenshots-") as folder,
        demo_server(pathlib.Path(folder)) as demo,
        sync_playwright() as playwright,
    ):
        shots = {
            "overview": f"/missions/{demo.mission}",
            "capacity": f"/missions/{demo.mission}/capacity",
            "force-generation": f"/missions/{demo.mission}/force",
            "timetable": f"/missions/{demo.mission}/timetable?by=site&key=TAJI",
        }
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for language in ("en", "ar"):
            context = browser.new_context(viewport=SIZE, device_scale_factor=1)
            context.add_cookies([{"name": "cadre_lang", "value": language, "url": demo.url}])
            page = context.new_page()
            page.goto(f"{demo.url}/login")
            page.fill("#username", "planner")
            page.fill("#password", demo.accounts["planner"].password)
            page.click("form.form button[type=submit]")
            page.wait_for_load_state("networkidle")
            for name, path in shots.items():
                page.goto(demo.url + path)
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name}-{language}.png"
                page.screenshot(path=str(target), clip={"x": 0, "y": 0, **SIZE})
                print(f"wrote {target.relative_to(OUT.parents[1])}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
