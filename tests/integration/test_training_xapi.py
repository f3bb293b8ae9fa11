"""xAPI out on SQLite and PostgreSQL: statements of a real run's records, what an instructor
of another run gets (none of these trainees), an outbox that keeps every statement while the
LRS is down, and a real LRS (Ralph) that takes them and gives them back."""

from __future__ import annotations

import pytest

from cadre.access.policy import Principal, Role
from cadre.domain.training.certificates import Mark
from cadre.services.training import enrolment, results, xapi
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results
from cadre.storage.scenarios import find_mission
from tests.integration.test_training_enrolment import enter, work_with_runs  # noqa: F401
from tests.lrs.ralph import PASSWORD, USER, Ralph, free_port, ralph  # noqa: F401


@pytest.fixture
def records(work_with_runs: UnitOfWork, monkeypatch: pytest.MonkeyPatch) -> UnitOfWork:  # noqa: F811
    """One trainee who passes R-01 and is certified, one who fails it."""
    monkeypatch.setenv("CADRE_XAPI_KEY", "test pseudonym key")
    work = work_with_runs
    good, bad = enter(work, "1"), enter(work, "2")
    enrolment.enrol(work, None, "R-01", good)
    enrolment.enrol(work, None, "R-01", bad)
    run = mission_runs(work, None).run("R-01")
    for day in run.days:
        results.record_attendance(work, None, "R-01", day, {good: Mark.PRESENT, bad: Mark.PRESENT})
    results.record_result(work, None, "R-01", good, 85, run.end)
    results.record_result(work, None, "R-01", bad, 40, run.end)
    results.close_run(work, None, "R-01")
    return work


def test_statements_say_each_fact_once_without_personal_data(records: UnitOfWork) -> None:
    made = xapi.statements(records, None)
    verbs = [s["verb"]["display"]["en-US"] for s in made]
    days = len(mission_runs(records, None).run("R-01").days)
    assert sorted(set(verbs)) == [
        "attended",
        "certified",
        "completed",
        "enrolled",
        "failed",
        "passed",
    ]
    assert (verbs.count("enrolled"), verbs.count("attended")) == (2, 2 * days)
    assert (verbs.count("passed"), verbs.count("failed"), verbs.count("certified")) == (1, 1, 1)
    assert len({s["id"] for s in made}) == len(made)
    assert [s["id"] for s in xapi.statements(records, None)] == [s["id"] for s in made]
    text = str(made)
    for personal in ("علي", "Ali", "MoD J2", "cleared"):
        assert personal not in text


def test_an_instructor_of_another_run_gets_none_of_these_trainees(records: UnitOfWork) -> None:
    teacher = mission_runs(records, None).run("R-02").instructors[0]
    if teacher in mission_runs(records, None).run("R-01").instructors:
        pytest.skip("the timetable gave both runs the same instructor")
    with records.transaction() as session:
        training_results.put_teacher(session, find_mission(session).id, "roy", teacher)
    assert xapi.statements(records, Principal("roy", "CAN", frozenset({Role.INSTRUCTOR}))) == []


def test_the_outbox_keeps_every_statement_while_the_lrs_is_down_and_ralph_takes_them(
    records: UnitOfWork,
    ralph: Ralph,  # noqa: F811
) -> None:
    made = xapi.statements(records, None)
    down = xapi.Lrs(f"http://127.0.0.1:{free_port()}/xAPI", USER, PASSWORD)
    failed = xapi.send(records, down)
    assert (failed.sent, failed.waiting) == (0, len(made))
    assert failed.error
    assert sorted(xapi.outbox_ids(records, sent=False)) == sorted(s["id"] for s in made)

    done = xapi.send(records, xapi.Lrs(ralph.url, USER, PASSWORD))
    assert (done.sent, done.waiting, done.error) == (len(made), 0, "")
    held = {s["id"]: s for s in ralph.statements()}
    assert {s["id"] for s in made} <= set(held)
    passed = next(s for s in made if s["verb"]["display"]["en-US"] == "passed")
    assert held[passed["id"]]["result"]["score"]["raw"] == 85
    assert held[passed["id"]]["actor"] == passed["actor"]
    assert xapi.send(records, xapi.Lrs(ralph.url, USER, PASSWORD)).sent == 0  # nothing twice
