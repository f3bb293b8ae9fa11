"""Time every page of the demo (NATO Mission Iraq, planned) as each kind of user opens it, over
HTTP against the real server, warm: per page p50, p95 and the slowest answer. Target: every
page under 300 ms.

    make bench-web            # or: .venv/bin/python bench/web.py --rounds 30
"""

from __future__ import annotations

import argparse
import http.cookiejar
import pathlib
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from web_demo import Demo, demo_server

TARGET_MS = 300.0


def pages(mission: str) -> list[tuple[str, str]]:
    """(user, address) of every page of the demo, with the figures and downloads they load."""
    m = f"/missions/{mission}"
    planner = [
        "/",
        m,
        f"{m}/capacity",
        f"{m}/capacity?version=1",
        f"{m}/capacity/compare?a=1&b=1",
        f"{m}/capacity/run",
        f"{m}/plots/capacity/1/training-force.svg",
        f"{m}/plots/capacity/1/graduates-vs-demand.svg",
        f"{m}/plots/capacity/1/handover-timeline.svg",
        f"{m}/plots/capacity/1/training-force.svg?against=1&lang=ar",  # the compare page's, Arabic
        f"{m}/force",
        f"{m}/force?nation=CAN",
        f"{m}/plots/force/1/required-vs-pledged.svg",
        f"{m}/plots/force/1/fill-by-qualification.svg",
        f"{m}/timetable",
        f"{m}/timetable?view=month&by=cohort",
        f"{m}/timetable?by=instructor&key=T-CAN-55",
        f"{m}/timetable.ics?by=site&key=TAJI",
        f"{m}/timetable.xlsx",
        *(f"{m}/records/{k}" for k in ("courses", "sites", "contributors", "pledges", "cohorts")),
        f"{m}/records/cohorts/IA-9AD-ENG",
        f"{m}/records/courses/new",
    ]
    return (
        [("planner", p) for p in planner]
        + [("forcegen", f"{m}/force"), ("forcegen", f"{m}/force/workbook?nation=CAN")]
        + [("contributor", f"{m}/force"), ("contributor", f"{m}/records/pledges")]
        + [("liaison", m), ("liaison", f"{m}/timetable"), ("auditor", "/audit")]
    )


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, bytes]:
    """Status and body; an error status is a figure to report, not a reason to stop."""
    try:
        with opener.open(url, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def opener_for(demo: Demo, username: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{demo.url}/login", timeout=30).read().decode()  # sets its cookie
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    data = urllib.parse.urlencode(
        {
            "username": username,
            "password": demo.accounts[username].password,
            "next": "/login",
            "csrf_token": token,
        }
    ).encode()
    opener.open(f"{demo.url}/login", data=data, timeout=30).read()
    return opener


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per page")
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="cadre-bench-web-") as folder:
        print("Preparing the demo (NMI example, planned) and starting the server…")
        with demo_server(pathlib.Path(folder)) as demo:
            openers: dict[str, urllib.request.OpenerDirector] = {}
            results = []
            for user, path in pages(demo.mission):
                opener = openers.get(user) or openers.setdefault(user, opener_for(demo, user))
                for _ in range(3):  # warm: caches filled, figures drawn
                    fetch(opener, demo.url + path)
                times = []
                for _ in range(rounds):
                    started = time.perf_counter()
                    status, body = fetch(opener, demo.url + path)
                    times.append((time.perf_counter() - started) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                results.append(
                    (user, path, status, len(body), statistics.median(times), p95, times[-1])
                )
    width = max(len(p) for _, p, *_ in results)
    heading = ("status", "bytes", "p50 ms", "p95 ms", "max ms")
    print(f"\n{'user':<12} {'page':<{width}} " + " ".join(f"{h:>8}" for h in heading))
    for user, path, status, size, p50, p95, worst in results:
        figures = (f"{status}", f"{size:,}", f"{p50:.1f}", f"{p95:.1f}", f"{worst:.1f}")
        print(f"{user:<12} {path:<{width}} " + " ".join(f"{x:>8}" for x in figures))
    slowest = max(results, key=lambda r: r[6])
    verdict = "within" if slowest[6] < TARGET_MS else "OVER"
    print(
        f"\n{len(results)} pages, {rounds} timed requests each (warm). Slowest answer: "
        f"{slowest[6]:.1f} ms ({slowest[1]}), {verdict} the {TARGET_MS:.0f} ms target; "
        f"worst p95 {max(r[5] for r in results):.1f} ms."
    )


if __name__ == "__main__":
    main()
