"""The capacity plan page on what a plan was asked for, on SQLite and PostgreSQL, in English and
Arabic: whole runs say what they cost against the continuous plan, continuous runs say they
are continuous, and the earliest possible handover has its column only when it is known."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.domain.capacity.plan import RoundingLoss
from cadre.services.capacity import operations as capacity
from cadre.services.unit_of_work import UnitOfWork
from tests.integration.test_web_offers import latin_outside_marks
from tests.service_support import engine_of
from tests.web_support import log_in, web

ARABIC = {"accept-language": "ar"}
CONTINUOUS = (
    "Runs are continuous: a fraction of a run is a share of a month's teaching, not a class. "
    "Plan with whole runs to see what whole classes cost."
)
CONTINUOUS_AR = (
    "الدفعات متصلة: كسر الدفعة حصةٌ من تدريس شهر، لا صفٌّ قائم بذاته. "
    "خطِّط بدفعات كاملة لترى ما تكلّفه الصفوف الكاملة."
)


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url, planned=False) as client:
        log_in(client, "NATO", ["mission_planner"])
        yield client


def page(app: TestClient, number: int, arabic: bool = False) -> str:
    answer = app.get(f"/missions/TINY/capacity?version={number}", headers=ARABIC if arabic else {})
    assert answer.status_code == 200
    return answer.text.replace("&#39;", "'")


def handover_table(text: str) -> list[list[str]]:
    """The handover table's rows, header first, each cell's text."""
    found = re.search(r'<div class="two">\s*<table class="data">(.*?)</table>', text, re.S)
    assert found is not None
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in rows
    ]


def test_a_continuous_plan_says_its_runs_are_continuous_and_shows_no_earliest_column(
    app: TestClient,
) -> None:
    number = capacity.plan_capacity(UnitOfWork(engine_of(app)), seconds=10).number
    english, arabic = page(app, number), page(app, number, arabic=True)
    assert (CONTINUOUS in english, CONTINUOUS_AR in arabic) == (True, True)
    assert "Whole runs:" not in english
    assert handover_table(english) == [["Discipline", "Handover"], ["Counter-IED", "May 2019"]]
    assert "يمكن التسليم ابتداءً من" not in arabic
    assert latin_outside_marks(arabic) == []


def test_a_whole_run_plan_says_what_whole_runs_cost_and_when_the_host_could_hand_over(
    app: TestClient,
) -> None:
    version = capacity.plan_capacity(
        UnitOfWork(engine_of(app)), seconds=10, whole_runs=True, earliest=True
    )
    loss = version.plan.rounding
    assert isinstance(loss, RoundingLoss)
    english, arabic = page(app, version.number), page(app, version.number, arabic=True)
    unmet, months = f"{loss.unmet:,.1f}", f"{loss.instructor_months:+,.1f}"
    assert (
        f"Whole runs: {unmet} more people unmet and {months} foreign instructor-months than "
        "the continuous plan, which no whole-run plan can beat."
    ) in english
    # The sign keeps its place before the number in a right-to-left line (a left-to-right mark).
    assert (
        f"الدفعات الكاملة: {unmet} شخصًا إضافيًا دون تلبية وفارق \u200e{months} في أشهر عمل "
        "المدربين الأجانب مقارنةً بالخطة المتصلة، التي لا تتفوّق عليها أي خطة بدفعات كاملة."
    ) in arabic
    assert (CONTINUOUS in english, CONTINUOUS_AR in arabic) == (False, False)
    assert handover_table(english) == [
        ["Discipline", "Handover", "Could hand over from"],
        ["Counter-IED", "May 2019", "May 2019"],
    ]
    assert handover_table(arabic)[0][2] == "يمكن التسليم ابتداءً من"
    assert latin_outside_marks(arabic) == []


def test_an_earliest_handover_not_within_the_horizon_says_so(app: TestClient) -> None:
    number = capacity.plan_capacity(
        UnitOfWork(engine_of(app)), seconds=10, horizon_months=3, earliest=True
    ).number
    english, arabic = handover_table(page(app, number)), handover_table(page(app, number, True))
    assert english == [
        ["Discipline", "Handover", "Could hand over from"],
        ["Counter-IED", "not within the plan", "not within the horizon"],
    ]
    assert arabic[1][1:] == ["ليس ضمن مدة الخطة", "ليس ضمن الأفق"]


def compare_tables(app: TestClient, a: int, b: int, arabic: bool = False) -> list[list[list[str]]]:
    """The compare page's tables (figures, then handovers): rows of cells' text."""
    answer = app.get(
        f"/missions/TINY/capacity/compare?a={a}&b={b}", headers=ARABIC if arabic else {}
    )
    assert answer.status_code == 200
    tables = re.findall(r'<table class="data compare">(.*?)</table>', answer.text, re.S)
    return [
        [
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        ]
        for table in tables
    ]


def test_the_compare_page_says_which_plan_has_whole_runs_and_when_the_host_could_hand_over(
    app: TestClient,
) -> None:
    work = UnitOfWork(engine_of(app))
    continuous = capacity.plan_capacity(work, seconds=10).number
    whole = capacity.plan_capacity(work, seconds=10, whole_runs=True, earliest=True)
    loss, handover = whole.plan.rounding, whole.plan.handovers[0]
    assert loss is not None
    assert handover.earliest is not None
    figures, handovers = compare_tables(app, continuous, whole.number)
    rows = {row[0]: row[1:] for row in figures}
    assert rows["Kind of runs"] == ["continuous runs", "whole runs", ""]
    assert rows["More unmet than the continuous plan"] == ["—", f"{loss.unmet:,.1f}", ""]
    # Only the plan made with --earliest has the column, whichever side it is on.
    assert handovers[0][-1] == f"Could hand over from, plan {whole.number}"
    assert handovers[1][-1] == f"{handover.earliest:%b %Y}"
    assert len(handovers[0]) == 5
    _, reversed_handovers = compare_tables(app, whole.number, continuous)
    assert reversed_handovers[1][-1] == f"{handover.earliest:%b %Y}"
    arabic, arabic_handovers = compare_tables(app, continuous, whole.number, arabic=True)
    assert ["نوع الدفعات", "دفعات متصلة", "دفعات كاملة", ""] in arabic
    assert arabic_handovers[0][-1] == f"يمكن التسليم ابتداءً من، الخطة {whole.number}"


def test_two_continuous_plans_compared_show_no_whole_run_loss_nor_earliest_column(
    app: TestClient,
) -> None:
    work = UnitOfWork(engine_of(app))
    first, second = (capacity.plan_capacity(work, seconds=10).number for _ in range(2))
    figures, handovers = compare_tables(app, first, second)
    labels = [row[0] for row in figures]
    assert "More unmet than the continuous plan" not in labels
    assert figures[labels.index("Kind of runs")][1:3] == ["continuous runs", "continuous runs"]
    assert handovers[0] == ["Discipline", f"Plan {first}", f"Plan {second}", "Months later"]
