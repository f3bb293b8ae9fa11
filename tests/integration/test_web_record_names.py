"""Record names in the reader's language on the pages, on SQLite: a course's title and a
site's name in Arabic to an Arabic reader, in English to an English one, and the English
name, marked as English, where a record has no Arabic one."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.timetable import queries as timetables
from cadre.services.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES
from tests.integration.test_web_editing import COURSE
from tests.service_support import engine_of
from tests.web_support import log_in, web

PAGE = "/missions/TINY/timetable"
RUN = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, cohort: IA-9DIV-ENG, earliest: 2019-02-03, latest: 2019-04-30}
"""  # noqa: E501
TITLE_EN = "Counter-IED search and awareness"
TITLE_AR = "البحث والتوعية في مكافحة العبوات الناسفة"
SITE_EN = "Taji Military Complex"
SITE_AR = "مجمع التاجي العسكري"


def _timetabled(tmp_path: pathlib.Path, text: str) -> Iterator[TestClient]:
    path = tmp_path / "tiny-run.yaml"
    path.write_text(text + RUN, encoding="utf-8")
    with web(f"sqlite:///{tmp_path / 'cadre.db'}", planned=False) as client:
        engine = engine_of(client)
        scenarios.import_file(UnitOfWork(engine), path)
        schedule.schedule(UnitOfWork(engine), seconds=3, workers=1, adopt=True)
        log_in(client, "NATO", ["mission_planner"])
        yield client


@pytest.fixture
def app(tmp_path: pathlib.Path) -> Iterator[TestClient]:
    """The tiny example as shipped: its course and sites named in English and Arabic."""
    yield from _timetabled(tmp_path, (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def english_only(tmp_path: pathlib.Path) -> Iterator[TestClient]:
    """The same, with the course's Arabic title left out."""
    text = (EXAMPLES / "tiny.yaml").read_text(encoding="utf-8")
    shipped = f'    names: {{ar: "{TITLE_AR}"}}\n'
    assert shipped in text
    yield from _timetabled(tmp_path, text.replace(shipped, ""))


def _week_of_the_run(app: TestClient, language: str) -> str:
    first = timetables.load_timetable(UnitOfWork(engine_of(app))).plan.result.solution.placed[0]
    app.cookies.set("cadre_lang", language)
    return app.get(PAGE, params={"by": "site", "key": "TAJI", "day": str(first.start)}).text


def _session_titles(page: str) -> set[str]:
    return set(re.findall(r'<div class="session" title="R-01"><strong>(.*?)</strong>', page))


def test_a_course_named_in_both_languages_is_shown_in_the_readers_language(
    app: TestClient,
) -> None:
    arabic = _week_of_the_run(app, "ar")
    english = _week_of_the_run(app, "en")
    assert (_session_titles(arabic), _session_titles(english)) == ({TITLE_AR}, {TITLE_EN})
    assert f"<div>{SITE_AR} · " in arabic
    assert f"<div>{SITE_EN} · " in english
    assert (TITLE_AR in english, SITE_AR in english) == (False, False)


def test_a_course_named_only_in_english_is_shown_marked_as_english_on_the_arabic_page(
    english_only: TestClient,
) -> None:
    arabic = _week_of_the_run(english_only, "ar")
    english = _week_of_the_run(english_only, "en")
    assert _session_titles(arabic) == {f'<bdi lang="en" dir="ltr">{TITLE_EN}</bdi>'}
    assert _session_titles(english) == {TITLE_EN}  # no mark on a page in its own language
    assert f"<div>{SITE_AR} · " in arabic  # the site still has its Arabic name


def test_the_catalogue_lists_the_title_in_the_readers_language(app: TestClient) -> None:
    app.cookies.set("cadre_lang", "ar")
    arabic = app.get("/missions/TINY/records/courses").text
    app.cookies.set("cadre_lang", "en")
    english = app.get("/missions/TINY/records/courses").text
    assert f"<td>{TITLE_AR}</td>" in arabic
    assert f"<td>{TITLE_EN}</td>" in english


def test_a_course_s_arabic_title_is_entered_in_its_form_and_shown(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    form = app.get("/missions/TINY/records/courses/CIED-TTT").text
    etag = re.search(r'name="etag" value="([^"]+)"', form)
    assert etag is not None
    assert re.search(
        r'name="names.ar" value="دورة مدربي مكافحة العبوات الناسفة"\s+lang="ar" dir="rtl"', form
    )
    fields = {
        "csrf_token": csrf,
        "etag": etag.group(1),
        "code": "CIED-TTT",
        "title": "Counter-IED instructor course",
        "names.ar": "دورة المدربين",
        "discipline": "CIED",
        "level": "instructor",
        "duration_days": "30",
        "min_class_size": "8",
        "max_class_size": "20",
        "instructors_per_run": "3",
        "instructor_qualification": "CIED-INS",
        "pass_rate": "0.8",
        "prerequisites": "CIED-101",
        "delivery_modes": ["resident", "out_of_country"],
        "grants": "CIED-INS",
    }
    response = app.post(
        "/missions/TINY/records/courses/CIED-TTT", data=fields, follow_redirects=False
    )
    app.cookies.set("cadre_lang", "ar")
    listed = app.get("/missions/TINY/records/courses").text
    assert response.status_code == 303
    assert "<td>دورة المدربين</td>" in listed


def test_a_name_in_an_unknown_language_is_refused_beside_its_field(app: TestClient) -> None:
    csrf = log_in(app, "NATO", ["mission_planner"])
    response = app.post(
        "/missions/TINY/records/courses/new",
        data={**COURSE, "names.zz": "Team leader", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert 'name="names.zz" value="Team leader"' in response.text  # kept as typed
    assert (
        '<p class="field-error" id="names.zz-error"><bdi lang="en" dir="ltr">course CIED-201: '
        "field names: &#39;zz&#39; is not a language code"
    ) in response.text
