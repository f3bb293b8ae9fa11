"""The roster page as the course director's working page, on SQLite and PostgreSQL: a trainee
found by name and enrolled, refused with the reason beside the form in English and Arabic
(the search kept), put on the wait list when the run is full and seated when someone is
withdrawn with a reason; a day's attendance and the scores entered for the cohort; the run
closed after a confirmation, with the certificates issued shown; an edit made meanwhile by
someone else never overwritten; and each role doing only what the API lets it do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from cadre.access.sessions import CSRF_COOKIE, SESSION_COOKIE
from cadre.domain.training.certificates import Mark
from cadre.interchange.roster_workbook import SheetLine
from cadre.services.access import users
from cadre.services.training import accounts, operations, results, rosters
from cadre.services.training.roster_sheets import roster_sheet
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.audit_log import AuditEntryRow
from cadre.web.i18n import LANGUAGE_COOKIE
from tests.integration.test_api_training_runs import client
from tests.integration.test_training_enrolment import person
from tests.service_support import engine_of
from tests.web_support import log_in

PAGE = "/missions/TINY/runs/R-01/roster"
__all__ = ["client"]  # the fixture: the tiny mission, two seats a run, its timetable adopted


def _enter(work: UnitOfWork, number: str, **kw: object) -> int:
    made = person(number, name_latin=f"Ali Kadhim {number}", **kw)
    return operations.create_trainee(work, None, made).view.id


def _post(client: TestClient, path: str, csrf: str, **data: str) -> tuple[int, str]:
    """A form sent; a redirect followed, as the browser does (the status is the first)."""
    sent = client.post(f"{PAGE}{path}", data={**data, "csrf_token": csrf}, follow_redirects=False)
    if sent.status_code == 303:
        return 303, client.get(sent.headers["location"]).text
    return sent.status_code, sent.text


def _standing(work: UnitOfWork) -> dict[int, tuple[str, int]]:
    return {
        line.trainee: (line.standing, line.waiting)
        for line in rosters.roster(work, None, "R-01").lines
    }


def _two_seated(client: TestClient) -> tuple[UnitOfWork, tuple[int, int], str]:
    """Two trainees seated on R-01 from the page by the school, logged in still."""
    work = UnitOfWork(engine_of(client))
    seated = _enter(work, "1"), _enter(work, "2")
    csrf = log_in(client, "NATO", ["school_staff"])
    for trainee in seated:
        assert _post(client, "/enrol", csrf, trainee=str(trainee))[0] == 303
    return work, seated, csrf


def _as_user(client: TestClient, username: str, roles: list[str]) -> str:
    """Log in as a named user (an instructor must be linked to a trainer by name)."""
    work = UnitOfWork(engine_of(client), actor="test")
    users.add_user(work, username=username, affiliation="CAN", roles=roles,
                   oidc_subject=f"subject-{username}")  # fmt: skip
    login = users.open_session(UnitOfWork(engine_of(client)), username)
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, login.token)
    client.cookies.set(CSRF_COOKIE, login.csrf)
    return login.csrf


def test_enrol_refuse_wait_and_withdraw_on_the_page(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    first, second, third = (_enter(work, n) for n in ("1", "2", "3"))
    pending = _enter(work, "4", vetting_status="pending", vetting_date="", vetting_authority="")
    csrf = log_in(client, "NATO", ["school_staff"])

    found = client.get(PAGE, params={"q": "kadhim 4"})
    assert found.status_code == 200
    assert "Ali Kadhim 4" in found.text
    assert "Ali Kadhim 1" not in found.text
    status, page = _post(client, "/enrol", csrf, trainee=str(pending), q="kadhim 4")
    assert status == 422
    assert "The vetting is pending, not cleared." in page
    assert 'value="kadhim 4"' in page
    assert "Ali Kadhim 4" in page
    assert pending not in _standing(work)

    for trainee in (first, second):
        status, page = _post(client, "/enrol", csrf, trainee=str(trainee), q="kadhim")
        assert (status, "The trainee has a seat on the run." in page) == (303, True)
    status, page = _post(client, "/enrol", csrf, trainee=str(third))
    assert "The run is full: the trainee is number 1 on its wait list." in page
    assert 'id="waiting-title"' in page
    assert page.index("Ali Kadhim 3") > page.index("Wait list")
    status, page = _post(client, "/enrol", csrf, trainee=str(third))
    assert status == 422
    assert "already on this run" in page

    status, page = _post(client, "/enrol", csrf, trainee=str(2**40))  # no such id, no crash
    assert status == 422
    assert "Choose a trainee." in page
    status, page = _post(client, "/withdraw", csrf, trainee=str(first), reason="")
    assert status == 422
    assert "Say why the trainee is withdrawn" in page
    assert _standing(work)[first] == ("enrolled", 0)
    status, page = _post(client, "/withdraw", csrf, trainee=str(first), reason="posted away")
    assert "the seat went to the first on the wait list" in page
    assert _standing(work) == {second: ("enrolled", 0), third: ("enrolled", 0)}
    with work.transaction() as session:
        after = session.scalars(
            select(AuditEntryRow.after).where(AuditEntryRow.action == "withdraw")
        ).one()
    assert after == {"seat_to": third, "reason": "posted away"}


def test_a_refusal_is_said_in_arabic_beside_the_form(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainee = _enter(work, "1", languages={"ar": 1})
    csrf = log_in(client, "NATO", ["school_staff"])
    client.cookies.set(LANGUAGE_COOKIE, "ar")
    sent = client.post("/missions/TINY/runs/R-02/roster/enrol",
                       data={"trainee": str(trainee), "q": "علي", "csrf_token": csrf})  # fmt: skip
    assert sent.status_code == 422
    assert "لا يحمل المتدرّب شهادة سارية في" in sent.text  # the prerequisite, in Arabic
    assert "enrolment.prerequisite_missing" not in sent.text
    assert 'value="علي"' in sent.text


def test_attendance_scores_and_closing_through_the_page(client: TestClient) -> None:
    work, (passed, failed), csrf = _two_seated(client)
    run = mission_runs(work, None).run("R-01")
    day_page = client.get(PAGE, params={"day": run.days[1].isoformat()}).text
    assert f'<option value="{run.days[1].isoformat()}" selected>' in day_page
    assert f'<label for="score-{passed}">' in day_page
    for day in run.days:
        marks = {f"mark-{t}": "present" for t in (passed, failed)}
        bases = {f"base-mark-{t}": "" for t in (passed, failed)}
        status, page = _post(client, "/attendance", csrf, day=day.isoformat(), **marks, **bases)
        assert status == 303
    assert "is recorded." in page
    scores = {f"score-{passed}": "٩٠", f"score-{failed}": "40.5"}  # Arabic digits are read too
    status, page = _post(client, "/scores", csrf, **scores, **{
        f"base-score-{passed}": "", f"base-score-{failed}": ""})  # fmt: skip
    assert (status, "The scores are recorded." in page) == (303, True)
    status, page = _post(client, "/scores", csrf, **{f"score-{failed}": "140",
                                                     f"base-score-{failed}": "40.5"})  # fmt: skip
    assert status == 422
    assert "A score is a number from 0 to 100." in page

    review = client.get(f"{PAGE}/close")
    assert review.status_code == 200
    assert "failed the assessment" in review.text
    assert "Close the run and issue the certificates" in review.text
    assert results.close_run(work, None, "R-02").issued == ()  # nothing issued by a look
    status, _ = _post(client, "/close", csrf)  # not confirmed: back to the confirmation
    assert status == 303
    assert [line.certificate for line in rosters.roster(work, None, "R-01").lines] == [None] * 2
    status, page = _post(client, "/close", csrf, confirm="yes")
    number = f"TINY-CIED-101-{run.end.year}-00001"
    assert status == 200
    assert "The run is closed: 1 certificate issued." in page
    assert number in page
    lines = {line.trainee: line for line in rosters.roster(work, None, "R-01").lines}
    assert (lines[passed].certificate, lines[failed].certificate) == (number, None)
    assert (lines[passed].score, lines[failed].score) == (90.0, 40.5)


def test_a_mark_or_score_changed_meanwhile_is_not_overwritten(client: TestClient) -> None:
    work, (ali, omar), csrf = _two_seated(client)
    day = mission_runs(work, None).run("R-01").days[0]
    # The page was read with nothing marked; meanwhile an instructor marks Ali absent.
    results.record_attendance(work, None, "R-01", day, {ali: Mark.ABSENT})
    status, page = _post(client, "/attendance", csrf, day=day.isoformat(), **{
        f"mark-{ali}": "present", f"base-mark-{ali}": "",
        f"mark-{omar}": "present", f"base-mark-{omar}": ""})  # fmt: skip
    assert status == 422
    assert "Someone else changed this since you opened the page" in page
    assert "Recorded now: Absent" in page
    assert f'name="base-mark-{ali}" value="absent"' in page  # sent again, it decides
    marks = {line.trainee: line.marks[0] for line in _sheet(work)}
    assert marks == {ali: Mark.ABSENT, omar: None}  # nothing of the form was stored
    # Left alone by the form, the mark made meanwhile stands; the form's own change goes in.
    status, _ = _post(client, "/attendance", csrf, day=day.isoformat(), **{
        f"base-mark-{ali}": "", f"mark-{omar}": "excused", f"base-mark-{omar}": ""})  # fmt: skip
    assert status == 303
    assert {line.trainee: line.marks[0] for line in _sheet(work)} == {
        ali: Mark.ABSENT, omar: Mark.EXCUSED}  # fmt: skip
    # A score too.
    results.record_result(work, None, "R-01", ali, 70, day)
    status, page = _post(client, "/scores", csrf, **{
        f"score-{ali}": "80", f"base-score-{ali}": ""})  # fmt: skip
    assert status == 422
    assert "Someone else changed this" in page
    assert {line.trainee: line.score for line in _sheet(work)}[ali] == 70


def _sheet(work: UnitOfWork) -> tuple[SheetLine, ...]:
    return roster_sheet(work, None, "R-01").lines


def test_each_role_does_on_the_page_what_the_api_lets_it(client: TestClient) -> None:
    work = UnitOfWork(engine_of(client))
    trainee = _enter(work, "1")
    results_day = mission_runs(work, None).run("R-01").days[0]
    csrf = log_in(client, "NATO", ["school_staff"])
    _post(client, "/enrol", csrf, trainee=str(trainee))

    teacher = mission_runs(work, None).run("R-01").instructors[0]
    csrf = _as_user(client, "tremblay", ["instructor"])
    accounts.link_teacher(work, None, "tremblay", teacher, "TINY")
    page = client.get(PAGE).text
    assert "Enrol a trainee" not in page
    assert "Close the run" not in page
    assert "Attendance" in page
    status, _ = _post(client, "/enrol", csrf, trainee=str(trainee))
    assert status == 403
    status, _ = _post(client, "/attendance", csrf, day=results_day.isoformat(),
                      **{f"mark-{trainee}": "present", f"base-mark-{trainee}": ""})  # fmt: skip
    assert status == 303
    assert client.get(f"{PAGE}/close").status_code == 403
    if teacher not in mission_runs(work, None).run("R-02").instructors:  # not theirs: not there
        other = "/missions/TINY/runs/R-02/roster"
        assert client.get(other).status_code == 404
        sent = client.post(f"{other}/attendance", data={"day": results_day.isoformat(),
                           "csrf_token": csrf}, follow_redirects=False)  # fmt: skip
        assert sent.status_code == 404

    log_in(client, "NATO", ["auditor"])
    page = client.get(PAGE).text
    assert "Ali Kadhim 1" in page
    assert "marks-title" not in page
    assert "withdraw-title" not in page

    csrf = log_in(client, "IRQ", ["host_nation_liaison"])
    assert "Enrol a trainee" in client.get(PAGE).text
    assert client.get(f"{PAGE}/close").status_code == 403
    status, _ = _post(client, "/close", csrf, confirm="yes")
    assert status == 403

    csrf = log_in(client, "NATO", ["mission_planner"])
    assert client.get(PAGE).status_code == 403
    status, _ = _post(client, "/attendance", csrf, day=results_day.isoformat(),
                      **{f"mark-{trainee}": "absent", f"base-mark-{trainee}": ""})  # fmt: skip
    assert status == 403
    assert [line.marks[0] for line in _sheet(work)] == [Mark.PRESENT]
