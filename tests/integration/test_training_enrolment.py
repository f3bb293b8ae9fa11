"""Enrolment in a real timetable's runs, attendance, results and certificates, on SQLite and
PostgreSQL: every refusal with its code, the wait list, certificates issued by the course's
rule, expiring and revoked, and what an instructor sees of the trainees."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import pytest
from sqlalchemy import select

from cadre.access.labels import TRAINING_KINDS as TRAINING
from cadre.access.policy import Principal, Role
from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.training.certificates import Mark
from cadre.domain.training.enrolment import Standing
from cadre.domain.training.rules import CourseRule
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.training import enrolment, operations, queries, results
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_results
from cadre.storage.audit_log import AuditEntryRow
from cadre.storage.scenarios import find_mission
from tests.conftest import EXAMPLES

# Two seats on the basic course, so that a third trainee waits; two instructors teach either,
# and a third trainer arrives for the summer's instructor course.
TINY = (
    (EXAMPLES / "tiny.yaml")
    .read_text(encoding="utf-8")
    .replace(
        "min_class_size: 12\n    max_class_size: 30", "min_class_size: 2\n    max_class_size: 2"
    )
    .replace("instructors_per_run: 3", "instructors_per_run: 2")
    .replace(
        "trainers:\n",
        "trainers:\n  - {code: T-CAN-02, name: Capt. B. Roy, nation: CAN, qualifications: "
        "[CIED-INS], in_theatre_from: 2019-05-01, in_theatre_to: 2019-12-31, pledge: P-CAN-1}\n",
    )
)
RUNS = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, earliest: 2019-03-03, latest: 2019-05-30}
  - {code: R-02, course: CIED-TTT, site: TAJI, earliest: 2019-06-09, latest: 2019-08-30}
"""


def person(number: str, **kw: Any) -> dict[str, Any]:
    return {
        "service": "IA",
        "service_number": number,
        "name_ar": "علي كاظم",
        "vetting_status": "cleared",
        "vetting_date": "2019-01-10",
        "vetting_authority": "MoD J2",
        "languages": {"ar": 5},
    } | kw


@pytest.fixture
def work_with_runs(work: UnitOfWork, tmp_path: pathlib.Path) -> UnitOfWork:
    path = tmp_path / "tiny-runs.yaml"
    path.write_text(TINY + RUNS, encoding="utf-8")
    scenarios.import_file(work, path)
    schedule.schedule(work, seconds=3, workers=1, adopt=True)
    assert set(mission_runs(work, None).runs) == {"R-01", "R-02"}
    return work


def enter(work: UnitOfWork, number: str, **kw: Any) -> int:
    return operations.create_trainee(work, None, person(number, **kw)).view.id


def test_every_reason_to_refuse_an_enrolment_is_given_with_its_code(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    pending = enter(work, "1", vetting_status="pending", vetting_date="", vetting_authority="")
    lapsing = enter(work, "2", vetting_until="2019-02-01", languages={"ar": 1})
    codes = {}
    for trainee in (pending, lapsing):
        with pytest.raises(InvalidInput) as refused:
            enrolment.enrol(work, None, "R-02", trainee)
        codes[trainee] = [(p.code, dict(p.params)) for p in refused.value.problems]
    assert codes[pending] == [
        ("enrolment.vetting_not_cleared", {"status": "pending"}),
        ("enrolment.prerequisite_missing", {"course": "CIED-101"}),
    ]
    start = mission_runs(work, None).run("R-02").start.isoformat()
    assert codes[lapsing] == [
        ("enrolment.vetting_expires", {"valid_until": "2019-02-01", "start": start}),
        ("enrolment.language_level", {"language": "ar", "level": 1, "needed": 2}),
        ("enrolment.prerequisite_missing", {"course": "CIED-101"}),
    ]
    with pytest.raises(NotFound):
        enrolment.enrol(work, None, "R-99", pending)


def test_a_full_run_puts_the_next_trainee_on_its_wait_list_and_a_withdrawal_seats_them(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    first, second, third = (enter(work, n) for n in ("1", "2", "3"))
    answers = [enrolment.enrol(work, None, "R-01", t) for t in (first, second, third)]
    assert [(a.standing, a.waiting) for a in answers] == [
        (Standing.ENROLLED, 0),
        (Standing.ENROLLED, 0),
        (Standing.WAITING, 1),
    ]
    promoted = enrolment.withdraw(work, None, "R-01", first)
    assert promoted is not None
    assert promoted.trainee == third


def test_certificates_are_issued_on_completion_expire_by_the_course_rule_and_can_be_revoked(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    results.set_course_rule(work, None, CourseRule("CIED-101", validity_months=2))
    passed, absent = enter(work, "1"), enter(work, "2")
    for trainee in (passed, absent):
        enrolment.enrol(work, None, "R-01", trainee)
    run = mission_runs(work, None).run("R-01")
    for day in run.days:
        mark = Mark.ABSENT if day == run.days[0] else Mark.PRESENT
        results.record_attendance(work, None, "R-01", day, {passed: Mark.PRESENT, absent: mark})
    assert results.record_result(work, None, "R-01", passed, 85, run.end).completed
    assert results.record_result(work, None, "R-01", absent, 65, run.end).reasons == ("failed",)
    closed = results.close_run(work, None, "R-01")
    number = f"TINY-CIED-101-{run.end.year}-00001"
    assert closed.issued == (number,)
    assert closed.incomplete == {absent: ("failed",)}
    assert results.close_run(work, None, "R-01").issued == ()  # never twice
    # Two months' validity: lapsed before the instructor course starts.
    with pytest.raises(InvalidInput) as refused:
        enrolment.enrol(work, None, "R-02", passed)
    assert [p.code for p in refused.value.problems] == ["enrolment.prerequisite_expired"]
    soon = queries.expiring_certificates(work, None, 30, today=run.end + dt.timedelta(days=40))
    assert [(c.certificate.number, c.school, c.discipline) for c in soon] == [
        (number, "TAJI", "CIED")
    ]
    results.revoke_certificate(work, None, number, "issued in error", run.end)
    assert queries.expiring_certificates(work, None, 90, today=run.end) == []
    with work.transaction() as session:
        trail = session.execute(
            select(AuditEntryRow.action, AuditEntryRow.key).where(AuditEntryRow.kind.in_(TRAINING))
        ).all()
    actions = [a for a, _ in trail]
    assert actions.count("attendance") == len(run.days)
    assert {"course rule", "trainee create", "enrol", "result", "close run", "revoke"} <= set(
        actions
    )
    assert ("revoke", number) in trail


def test_an_instructor_sees_the_trainees_of_the_runs_they_teach_and_no_others(
    work_with_runs: UnitOfWork,
) -> None:
    work = work_with_runs
    taught, other = enter(work, "1"), enter(work, "2")
    enrolment.enrol(work, None, "R-01", taught)
    teacher = mission_runs(work, None).run("R-01").instructors[0]
    with work.transaction() as session:
        training_results.put_teacher(session, find_mission(session).id, "tremblay", teacher)
    instructor = Principal("tremblay", "CAN", frozenset({Role.INSTRUCTOR}))
    page = queries.list_trainees(work, instructor, "TINY")
    assert [v.id for v in page.items] == [taught]
    with pytest.raises(NotFound):
        queries.get_trainee(work, instructor, other, "TINY")
    day = mission_runs(work, None).run("R-01").days[0]
    assert results.record_attendance(work, instructor, "R-01", day, {taught: Mark.PRESENT}) == 1
    with pytest.raises(NotFound):
        results.record_attendance(work, instructor, "R-02", day, {taught: Mark.PRESENT})
