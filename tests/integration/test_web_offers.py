"""The offers page of a round, in English and Arabic, on SQLite: a workbook sent back lists its
offers; force generation staff accept, decline or query each with a comment; a refused answer
keeps what was typed and says why beside the field; the import report names the file sent,
never the server's folder, and every problem of the workbook at once."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx2
import pytest
from fastapi.testclient import TestClient

from cadre.services.force import operations as force
from cadre.services.unit_of_work import UnitOfWork
from tests.pledge_corpus import make_workbook, row
from tests.service_support import engine_of
from tests.web_support import log_in, web

A, B = "SWE-FSC-1-SWE-A", "SWE-FSC-1-SWE-B"
ARABIC = {"accept-language": "ar"}


@pytest.fixture
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("web")
    with web(f"sqlite:///{folder / 'cadre.db'}", planned=False) as client:
        csrf = log_in(client, "NATO", ["force_generation_officer"])
        sent = client.post(
            "/missions/TINY/force/workbook",
            data={"csrf_token": csrf},
            files={"workbook": ("sweden.xlsx", make_workbook(folder / "swe.xlsx").read_bytes())},
        )
        assert sent.status_code == 200, sent.text
        yield client


def beside(page: str, field: str) -> list[str]:
    """The messages shown under one field of an answer form."""
    found = re.findall(rf'<p class="field-error" id="o\d+-{field}-error">(.*?)</p>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in found]


class Unmarked(HTMLParser):
    """The text of <main> outside any element marked as Latin (lang en or ar-Latn), a code, a
    quotation of what someone typed, or a form field."""

    KEPT = ("code", "q", "textarea")
    VOID = ("input", "br", "img", "meta", "link", "hr")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it, or is it inside, a marked one
        self.inside_main = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.inside_main = True
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or ""
        marked = lang.startswith("en") or lang.endswith("Latn") or tag in self.KEPT
        self.stack.append(marked or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside_main = False
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.inside_main and not (self.stack and self.stack[-1]):
            self.text.append(data)


def latin_outside_marks(page: str) -> list[str]:
    parser = Unmarked()
    parser.feed(page)
    return [t.strip() for t in parser.text if re.search(r"[A-Za-z]", t)]


def answer(client: TestClient, csrf: str, offer: str, **form: str) -> httpx2.Response:
    return client.post(
        f"/missions/TINY/force/offers/{offer}",
        data={"csrf_token": csrf, "round": "FSC-1", **form},
        follow_redirects=False,
    )


def test_the_round_lists_the_offers_as_received_with_an_answer_form(app: TestClient) -> None:
    page = app.get("/missions/TINY/force/offers").text
    assert (f'id="offer-{A}"' in page, f'id="offer-{B}"' in page) == (True, True)
    assert page.count('<button type="submit" class="primary">Send the answer</button>') == 2
    assert "onchange" not in page  # nothing submits itself: the button sends the answer
    assert "from sweden.xlsx" in page
    arabic = app.get("/missions/TINY/force/offers", headers=ARABIC).text
    assert "إرسال الرد" in arabic
    assert "Send the answer" not in arabic
    assert latin_outside_marks(arabic) == []


def test_an_accepted_offer_feeds_the_force_plan(app: TestClient) -> None:
    csrf = app.cookies["cadre_csrf"]
    done = answer(app, csrf, A, decision="accepted", comment="welcome", steps="1")
    asked = answer(app, csrf, B, decision="queried", comment="four-month tours?", steps="1")
    assert (done.status_code, asked.status_code) == (303, 303)
    page = app.get(done.headers["location"]).text
    assert f"Your answer to offer {A} is recorded." in page
    assert "four-month tours?" in page
    arabic = app.get(done.headers["location"], headers=ARABIC).text
    assert ("مقبول" in arabic, "قيد الاستفسار" in arabic) == (True, True)
    assert latin_outside_marks(arabic) == []
    firm = {o.code for o in force.picture(UnitOfWork(engine_of(app))).problem.offers}
    assert (A in firm, B in firm) == (True, False)


def test_a_refused_answer_keeps_the_input_and_says_why_beside_each_field(app: TestClient) -> None:
    csrf = app.cookies["cadre_csrf"]
    typed = "x" * 1_001
    long = answer(app, csrf, A, comment=typed, steps="1")
    assert long.status_code == 422
    text = long.text
    assert beside(text, "decision") == ["Choose Accept, Decline or Query."]
    assert beside(text, "comment") == ["The comment has 1001 characters; at most 1000 are kept."]
    assert f">{typed}</textarea>" in text
    app.cookies.set("cadre_lang", "ar")
    bare = answer(app, csrf, A, decision="declined", comment="", steps="1")
    assert beside(bare.text, "comment") == ["اذكر في التعليق سبب رفض العرض: فالدولة تقرؤه."]
    assert 'value="declined" checked' in bare.text


def test_a_nation_reads_its_offers_and_a_refusal_to_answer_keeps_its_words(
    app: TestClient,
) -> None:
    csrf = log_in(app, "SWE", ["national_contributor"])
    page = app.get("/missions/TINY/force/offers").text
    assert (f'id="offer-{A}"' in page, "Send the answer" in page) == (True, False)
    refused = answer(app, csrf, A, decision="accepted", comment="we accept ourselves", steps="1")
    assert refused.status_code == 403
    text = refused.text
    assert "Only the mission&#39;s force generation staff" in text
    assert ">we accept ourselves</textarea>" in text


def test_the_import_report_names_the_file_sent_and_every_problem(
    app: TestClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("bad")
    rows = (
        row(count="=1+1", reference="A")
        + row(count=1e9, tour=36, reference="B")
        + row(line="SOR-9", reference="C")
    )
    bad = make_workbook(folder / "bad.xlsx", rows)
    csrf = app.cookies["cadre_csrf"]
    for cookies in ({}, {"cadre_lang": "ar"}):
        app.cookies.update(cookies)
        sent = app.post(
            "/missions/TINY/force/workbook",
            data={"csrf_token": csrf},
            files={"workbook": ("sweden-v2.xlsx", bad.read_bytes())},
        )
        report = re.findall(r'<ul class="problems">(.*?)</ul>', sent.text, re.S)[0]
        items = re.findall(r"<li>(.*?)</li>", report, re.S)
        assert sent.status_code == 422
        assert len(items) == 4
        assert all("sweden-v2.xlsx" in i for i in items)
        assert "/tmp" not in sent.text
        assert "cadre-upload" not in sent.text
    assert "يجب أن يكون" in sent.text  # the range problems in Arabic words
    # and the mission's rules, the line's code marked as Latin
    assert 'البند <bdi lang="en" dir="ltr">SOR-9</bdi> ليس في بيان المتطلبات.' in sent.text
