"""The mission brief PDF from the web and the command line, in English and Arabic: its text
reads back with the headline figures of the adopted plans, the sweep's ranges, fill and
shortfalls; Arabic in logical order; and a reader sees only the parts released to them."""

from __future__ import annotations

import io
import pathlib
import re
from collections.abc import Callable, Iterator

import pypdf
import pytest
from babel.dates import format_date
from fastapi.testclient import TestClient
from matplotlib.figure import Figure
from matplotlib.text import Text
from typer.testing import CliRunner

from cadre.cli import app as cli_app
from cadre.services.brief import document
from cadre.services.capacity import operations as capacity
from cadre.services.capacity.sweep import sweep_capacity
from cadre.services.force.queries import current_picture
from cadre.services.plans.plots import Words
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import engine_of, person
from tests.web_support import log_in, web


def pdf_lines(pdf: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return [line.strip() for line in text.splitlines()]


@pytest.fixture
def chart_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the brief's charts draw (titles, axes, legends, ticks), caught as each chart
    is rendered: the PDF holds the charts as images, so their words cannot be read back."""
    texts: list[str] = []
    render = document.figure_png

    def caught(make: Callable[[], Figure], words: Words) -> bytes:
        def made() -> Figure:
            figure = make()
            figure.canvas.draw()  # tick labels are written when drawn
            texts.extend(t.get_text() for t in figure.findobj(Text) if t.get_text())
            return figure

        return render(made, words)

    monkeypatch.setattr(document, "figure_png", caught)
    return texts


ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
LATIN_WORD = re.compile("[A-Za-z]{3,}")

CONTINUOUS = (
    "Runs are continuous: a fraction of a run is a share of a month's teaching, not a class."
)


@pytest.fixture
def planned(db_url: str) -> Iterator[TestClient]:
    with web(db_url) as client:
        sweep_capacity(UnitOfWork(engine_of(client)), samples=3, seed=4, seconds=30)
        yield client


def _expected(client: TestClient) -> dict[str, str]:
    """The figures the brief must carry, read from the stored plans themselves."""
    work = UnitOfWork(engine_of(client))
    plan = capacity.load_plan(work, mission="TINY").plan
    peak, peak_month = plan.peak_force
    whole, whole_month = plan.peak_deployed
    picture = current_picture(work, "TINY")
    total = picture.fill.total
    return {
        "peak": f"{peak:,.0f}",
        "peak_month": format_date(peak_month, "MMM y", locale="en_GB") if peak_month else "",
        "peak_month_ar": format_date(peak_month, "MMM y", locale="ar_IQ") if peak_month else "",
        "whole": f"{whole:,}",
        "whole_month": format_date(whole_month, "MMM y", locale="en_GB") if whole_month else "",
        "fill": f"{total.filled:,} of {total.required:,} post-months filled",
        "worst": picture.shortfalls[0].line.number if picture.shortfalls else "",
    }


def test_the_english_brief_reads_back_with_the_headline_figures(
    planned: TestClient, chart_texts: list[str]
) -> None:
    expected = _expected(planned)
    log_in(planned, "NATO", ["mission_planner", "force_generation_officer"])
    overview = planned.get("/missions/TINY").text
    assert 'href="/missions/TINY/brief.pdf?lang=en"' in overview
    answer = planned.get("/missions/TINY/brief.pdf", params={"lang": "en"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    lines = pdf_lines(answer.content)
    text = "\n".join(lines)
    assert "Headline figures" in lines
    assert "Peak training force" in lines
    assert expected["peak"] in lines
    assert f"instructors in {expected['peak_month']}" in lines
    assert expected["whole"] in lines
    assert f"people in {expected['whole_month']}" in lines
    assert "Ranges from capacity sweep" in text
    assert "P10" in text
    # The adopted plan is continuous, and the brief says what that means before any figure.
    said = " ".join(text.split())
    assert CONTINUOUS in said
    assert "Whole runs:" not in said
    assert "Could hand over from" not in said  # the plan was not asked for it
    assert expected["fill"] in text
    assert expected["worst"] in text
    assert "Force by month over 3 samples of the uncertain figures" in chart_texts
    assert expected["peak_month"] in chart_texts  # a month tick
    assert not any(ARABIC_LETTER.search(t) for t in chart_texts)


def test_the_arabic_brief_reads_back_in_logical_order(
    planned: TestClient, chart_texts: list[str]
) -> None:
    expected = _expected(planned)
    log_in(planned, "NATO", ["mission_planner"])
    planned.cookies.set("cadre_lang", "ar")
    answer = planned.get("/missions/TINY/brief.pdf")  # the reader's language by default
    assert answer.headers["content-disposition"].endswith('-brief-ar.pdf"')
    lines = pdf_lines(answer.content)
    assert "الأرقام الرئيسية" in lines  # shaped for the page, read back letter by letter in order
    assert "ذروة قوة التدريب" in lines
    assert "القوة حسب الشهر" in lines
    assert "الجدول الزمني للتسليم" in lines
    assert expected["peak"] in lines
    assert expected["peak_month_ar"].split()[0] in "\n".join(lines)  # the Iraqi month's name
    assert "Headline figures" not in lines
    # Its charts too: titles, axes, legends and month ticks in Arabic, none left in English
    # (the disciplines' own codes are the only Latin letters, and P10/P50/P90).
    assert "القوة حسب الشهر عبر 3 عينة من الأرقام غير المؤكدة" in chart_texts
    assert "شهر التسليم، من P10 إلى P90 (العلامة: P50)" in chart_texts
    assert expected["peak_month_ar"] in chart_texts
    assert not [t for t in chart_texts if LATIN_WORD.search(t) and not t.isupper()]


def test_a_whole_run_plan_brief_says_what_whole_runs_cost_and_when_the_host_could_hand_over(
    db_url: str,
) -> None:
    with web(db_url, planned=False) as client:
        work = UnitOfWork(engine_of(client))
        version = capacity.plan_capacity(
            work, seconds=10, whole_runs=True, earliest=True, adopt=True
        )
        loss, handover = version.plan.rounding, version.plan.handovers[0]
        assert loss is not None
        assert handover.earliest_known
        log_in(client, "NATO", ["mission_planner"])
        english = pdf_lines(client.get("/missions/TINY/brief.pdf?lang=en").content)
        said = " ".join(" ".join(english).split())
        assert (
            f"Adopted capacity plan, version {version.number}. Whole runs: {loss.unmet:,.1f} "
            "more people unmet than the continuous plan, which no whole-run plan can beat."
        ) in said
        assert CONTINUOUS not in said
        # TINY sets no target: the row reads discipline, the plan's month, the earliest.
        assert handover.target is None
        assert handover.month is not None
        months = (
            format_date(m, "MMM y", locale="en_GB") for m in (handover.month, handover.earliest)
        )
        assert "Discipline Handover Target Could hand over from" in english
        assert f"{handover.subject} {' '.join(months)}" in english
        arabic = " ".join(
            " ".join(pdf_lines(client.get("/missions/TINY/brief.pdf?lang=ar").content)).split()
        )
        assert "الدفعات الكاملة" in arabic  # read back in the page's mixed order
        assert "يمكن التسليم ابتداءً من" in arabic


def test_a_reader_sees_only_the_parts_released_to_them(planned: TestClient) -> None:
    expected = _expected(planned)
    log_in(planned, "CAN", ["instructor"])  # reads capacity plans, not force plans
    lines = pdf_lines(planned.get("/missions/TINY/brief.pdf?lang=en").content)
    text = "\n".join(lines)
    assert expected["peak"] in lines
    assert "No force plan is released to you." in lines
    assert expected["fill"] not in text
    assert expected["worst"] not in text
    assert planned.get("/missions/TINY/brief.pdf?lang=fr").status_code == 400


def test_the_api_answers_the_brief_as_released_to_its_caller(planned: TestClient) -> None:
    expected = _expected(planned)
    address = "/api/v1/missions/TINY/brief.pdf"
    assert planned.get(address).status_code == 401
    staff = person(engine_of(planned), "NATO", ["mission_planner", "force_generation_officer"])
    answer = planned.get(address, params={"lang": "ar"}, headers=staff)
    assert (answer.status_code, answer.headers["content-type"]) == (200, "application/pdf")
    assert answer.headers["content-disposition"].endswith('"TINY-brief-ar.pdf"')
    assert "الأرقام الرئيسية" in pdf_lines(answer.content)
    english = pdf_lines(planned.get(address, headers=staff).content)  # English by default
    assert "Headline figures" in english
    assert expected["fill"] in "\n".join(english)
    instructor = person(engine_of(planned), "CAN", ["instructor"])  # no force plans to read
    lines = pdf_lines(planned.get(address, headers=instructor).content)
    assert expected["peak"] in lines
    assert "No force plan is released to you." in lines
    assert expected["fill"] not in "\n".join(lines)
    refused = planned.get(address, params={"lang": "fr"}, headers=staff)
    assert refused.status_code == 400
    assert refused.json()["code"] == "unknown_language"
    assert planned.get("/api/v1/missions/NONE/brief.pdf", headers=staff).status_code == 404


def test_the_command_line_writes_the_brief(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, chart_texts: list[str]
) -> None:
    monkeypatch.setenv("CADRE_DATABASE_URL", f"sqlite:///{tmp_path / 'cadre.db'}")
    cli = CliRunner()
    assert cli.invoke(cli_app, ["import", str(EXAMPLES / "tiny.yaml")]).exit_code == 0
    assert cli.invoke(cli_app, ["plan", "capacity", "--seconds", "30", "--adopt"]).exit_code == 0
    out = tmp_path / "brief.pdf"
    made = cli.invoke(cli_app, ["brief", "--out", str(out), "--lang", "ar"])
    assert made.exit_code == 0, made.output
    lines = pdf_lines(out.read_bytes())
    assert "الأرقام الرئيسية" in lines
    assert "الملء والنواقص" in lines
    assert "قوة التدريب حسب المؤهل (تحديد الحجم)" in chart_texts  # the charts in Arabic too
    assert not any("Training force" in t for t in chart_texts)
    refused = cli.invoke(cli_app, ["brief", "--out", str(out), "--lang", "fr"])
    assert refused.exit_code == 2
