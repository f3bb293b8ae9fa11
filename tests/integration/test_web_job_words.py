"""A job's page and its status in the reader's language: the phases a job reports keep their
code and values, so the page (and the script that follows the job) says them in Arabic, with
the codes and file names they quote marked as Latin; the API keeps the code and the English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cadre.domain.phases import Phase, reading
from cadre.storage import jobs as store
from cadre.storage.database import transaction
from tests.integration.test_web_offers import latin_outside_marks
from tests.service_support import engine_of, run_queued
from tests.web_support import log_in, web

ARABIC = {"accept-language": "ar"}


@pytest.fixture
def app(db_url: str) -> Iterator[TestClient]:
    with web(db_url, planned=False) as client:
        yield client


def start_plan(app: TestClient) -> int:
    csrf = log_in(app, "NATO", ["mission_planner"])
    started = app.post(
        "/missions/TINY/capacity/run",
        data={"csrf_token": csrf, "seconds": "10"},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    return int(started.headers["location"].rsplit("/", 1)[-1])


def report(app: TestClient, job: int, message: str) -> None:
    with transaction(engine_of(app)) as session:
        if store.status(session, job) == "queued":
            assert store.start(session, job, "test", dt.datetime.now(dt.UTC))
        assert store.report_progress(session, job, 0.25, message)


def test_a_queued_job_waits_in_the_readers_language(app: TestClient) -> None:
    job = start_plan(app)
    page = f"/missions/TINY/jobs/{job}"
    english, arabic = app.get(page).text, app.get(page, headers=ARABIC).text
    assert "Waiting for a worker." in english
    assert "بانتظار عامل معالجة." in arabic
    assert "waiting for a worker" not in arabic.lower()
    assert latin_outside_marks(arabic) == []
    api = app.get(f"/api/v1/jobs/{job}").json()
    assert (api["message"], api["message_code"], api["message_params"]) == (
        "waiting for a worker",
        "job.waiting",
        {},
    )


def test_a_phase_quoting_a_file_marks_the_name_as_latin(app: TestClient) -> None:
    job = start_plan(app)
    report(app, job, reading("people.csv"))
    arabic = app.get(f"/missions/TINY/jobs/{job}", headers=ARABIC).text
    assert 'جارٍ قراءة <bdi lang="en" dir="ltr">people.csv</bdi>.' in arabic
    assert latin_outside_marks(arabic) == []
    status = app.get(f"/missions/TINY/jobs/{job}/status", headers=ARABIC).json()
    assert status["message"] == [["جارٍ قراءة ", False], ["people.csv", True], [".", False]]
    assert (status["status"], status["status_text"], status["progress"]) == (
        "running",
        "قيد التشغيل",
        0.25,
    )
    english = app.get(f"/missions/TINY/jobs/{job}/status").json()
    assert english["message"] == [["Reading people.csv.", False]]
    api = app.get(f"/api/v1/jobs/{job}").json()
    assert (api["message"], api["message_code"], api["message_params"]) == (
        "reading people.csv",
        "job.reading",
        {"file": "people.csv"},
    )


def test_a_phase_without_words_is_shown_in_english_marked_so(app: TestClient) -> None:
    job = start_plan(app)
    report(app, job, "building the model")  # a plain sentence: no code to say it by
    arabic = app.get(f"/missions/TINY/jobs/{job}", headers=ARABIC).text
    assert '<bdi lang="en" dir="ltr">building the model</bdi>' in arabic
    assert latin_outside_marks(arabic) == []
    status = app.get(f"/missions/TINY/jobs/{job}/status", headers=ARABIC).json()
    assert status["message"] == [["building the model", True]]
    assert app.get(f"/api/v1/jobs/{job}").json()["message_code"] is None


def test_a_finished_plan_says_done_and_a_row_count_in_arabic(app: TestClient) -> None:
    job = start_plan(app)
    report(
        app,
        job,
        Phase("import.rows_checked", "checked %(done)s of %(total)s rows", done=1200, total=3000),
    )
    checked = app.get(f"/missions/TINY/jobs/{job}/status", headers=ARABIC).json()
    assert checked["message"] == [["فُحص 1200 من 3000 صفًا.", False]]
    with transaction(engine_of(app)) as session:  # back to the queue, as after a lost worker
        assert store.requeue(session, job, Phase("job.waiting", "waiting for a worker"))
    final = run_queued(app, job, {})
    assert (final["status"], final["message"], final["message_code"]) == (
        "succeeded",
        "done",
        "job.done",
    )
    arabic = app.get(f"/missions/TINY/jobs/{job}", headers=ARABIC).text
    assert "اكتمل." in arabic
    assert latin_outside_marks(arabic) == []


def test_a_failed_job_says_its_error_in_arabic(app: TestClient) -> None:
    job = start_plan(app)
    report(app, job, "building the model")
    failed = Phase("job.stopped_at_limit", "stopped at its time limit of %(seconds)s s", seconds=70)
    with transaction(engine_of(app)) as session:
        store.finish(session, job, "failed", dt.datetime.now(dt.UTC), error=failed, message=failed)
    api = app.get(f"/api/v1/jobs/{job}").json()
    assert (api["error"], api["error_code"], api["error_params"]) == (
        "stopped at its time limit of 70 s",
        "job.stopped_at_limit",
        {"seconds": 70},
    )
    arabic = app.get(f"/missions/TINY/jobs/{job}", headers=ARABIC).text
    assert "توقف عند حدّه الزمني البالغ 70 ثانية." in arabic
    assert latin_outside_marks(arabic) == []
    status = app.get(f"/missions/TINY/jobs/{job}/status", headers=ARABIC).json()
    assert status["error"] == [["توقف عند حدّه الزمني البالغ 70 ثانية.", False]]
