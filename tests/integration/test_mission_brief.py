"""The mission brief PDF from the web and the command line, in English and Arabic: its text
reads back with the headline figures of the adopted plans, the sweep's ranges, fill and
shortfalls; Arabic in logical order; and a reader sees only the parts released to them."""

from __future__ import annotations

import io
import pathlib
from collections.abc import Iterator

import pypdf
import pytest
from babel.dates import format_date
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cadre.cli import app as cli_app
from cadre.services.capacity import operations as capacity
from cadre.services.capacity.sweep import sweep_capacity
from cadre.services.force.queries import current_picture
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.service_support import engine_of
from tests.web_support import log_in, web


def pdf_lines(pdf: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return [line.strip() for line in text.splitlines()]


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


def test_the_english_brief_reads_back_with_the_headline_figures(planned: TestClient) -> None:
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
    assert expected["fill"] in text
    assert expected["worst"] in text


def test_the_arabic_brief_reads_back_in_logical_order(planned: TestClient) -> None:
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


def test_the_command_line_writes_the_brief(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
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
    refused = cli.invoke(cli_app, ["brief", "--out", str(out), "--lang", "fr"])
    assert refused.exit_code == 2
