"""People's own views of the timetable: the signed-in instructor's teaching days in the adopted
timetable (the account linked to a trainer or a trainee by `services/training/accounts.py`),
and a private iCalendar subscription address they can revoke and issue again.

The address carries a 256-bit token of which only the SHA-256 is kept (as for sessions). The
feed is the instructor's calendar as their own account may see it (the same release as the
timetable page), read afresh on every fetch, so a label changed or an account disabled shows
at the next refresh; whatever is wrong with an address, the answer is the same "not found".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access import secrets
from cadre.access.policy import Principal
from cadre.domain.errors import CadreError, Forbidden, InvalidInput, NotFound
from cadre.domain.timetable.plan import CalendarRun
from cadre.services.access.users import principal_of
from cadre.services.scenario.queries import MissionHeading, mission_context
from cadre.services.timetable.release import released, released_calendar
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import people as rows
from cadre.storage import training_results as results_rows
from cadre.storage import users as user_rows
from cadre.storage.models import MissionRow
from cadre.storage.scenarios import find_mission


def _feed_not_found() -> NotFound:
    return NotFound("no calendar has this address", code="calendar.not_found")


@dataclass(frozen=True)
class Enrolled:
    """A run a trainee account holds a seat on (or waits for), from their own record."""

    run: str
    course: str
    site: str
    start: dt.date
    end: dt.date
    standing: str


@dataclass(frozen=True)
class MyCalendar:
    heading: MissionHeading
    mission: str
    username: str
    trainer: str | None  # the trainer the account teaches as
    trainee: int | None  # the trainee the account is
    version: int | None  # the adopted timetable, when one is released to the account
    runs: tuple[CalendarRun, ...]  # the runs the trainer teaches in it, as the account sees them
    enrolled: tuple[Enrolled, ...]
    feed_since: dt.datetime | None  # when the live subscription address was issued

    @property
    def days(self) -> tuple[tuple[dt.date, CalendarRun], ...]:
        """Every teaching day, in order."""
        return tuple(sorted(((d, r) for r in self.runs for d in r.days), key=lambda x: x[0]))


def my_calendar(uow: UnitOfWork, principal: Principal, mission: str) -> MyCalendar:
    """The signed-in account's own calendar in the mission: what the adopted timetable gives
    the trainer it teaches as (downstream reads the adopted plan only). NotFound when the
    mission is not released to the account."""
    heading = mission_context(uow, principal, mission).heading
    with uow.transaction() as session:
        row = find_mission(session, mission)
        trainer = results_rows.trainer_of_user(session, row.id, principal.username)
        trainee = rows.trainee_of_user(session, row.id, principal.username)
        feed = rows.live_feed(session, row.id, principal.username)
        since = feed.created_at if feed is not None else None
        enrolled = tuple(
            Enrolled(e.run, e.course, e.site, e.start_date, e.end_date, e.standing)
            for e in (results_rows.enrolments_of(session, trainee) if trainee else ())
        )
    version: int | None = None
    runs: tuple[CalendarRun, ...] = ()
    if trainer is not None:
        try:
            shown = released(uow, principal, row.code)
        except (NotFound, Forbidden):
            shown = None
        if shown is not None:
            version = shown.number
            runs = tuple(r for r in shown.runs if trainer in r.instructors)
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return MyCalendar(
        heading, row.code, principal.username, trainer, trainee, version, runs, enrolled, since
    )


def issue_feed(uow: UnitOfWork, principal: Principal, mission: str) -> str:
    """A new private subscription address's token for the account's own calendar, shown
    once; the address issued before stops answering."""
    token = secrets.new_token()
    now = dt.datetime.now(dt.UTC)
    with uow.transaction() as session:
        row = find_mission(session, mission)
        if results_rows.trainer_of_user(session, row.id, principal.username) is None:
            raise InvalidInput(
                "your account is not linked to a trainer of the mission; ask an administrator "
                "to link it",
                code="calendar.not_linked",
            )
        rows.revoke_feeds(session, row.id, principal.username, now)
        rows.add_feed(session, row.id, principal.username, secrets.token_digest(token), now)
        uow.acting_for(principal.username).audit(
            session, "calendar address issue", mission=row.code, key=principal.username
        )
    return token


def revoke_feed(uow: UnitOfWork, principal: Principal, mission: str) -> int:
    """End the account's subscription address; how many were live (0 or 1)."""
    with uow.transaction() as session:
        row = find_mission(session, mission)
        ended = rows.revoke_feeds(session, row.id, principal.username, dt.datetime.now(dt.UTC))
        if ended:
            uow.acting_for(principal.username).audit(
                session, "calendar address revoke", mission=row.code, key=principal.username
            )
    return ended


def feed_calendar(uow: UnitOfWork, token: str) -> str:
    """The iCalendar file behind a subscription address: the instructor's runs in the adopted
    timetable as their account may see them. NotFound, the same whatever is wrong: unknown,
    revoked, account disabled or unlinked, nothing adopted, nothing the account may see."""
    if not token.startswith(secrets.TOKEN_PREFIX) or len(token) > 100:
        raise _feed_not_found()
    with uow.transaction() as session:
        feed = rows.feed_by_digest(session, secrets.token_digest(token))
        if feed is None:
            raise _feed_not_found()
        user = user_rows.find_user(session, feed.username)
        mission = session.get(MissionRow, feed.mission_id)
        trainer = results_rows.trainer_of_user(session, feed.mission_id, feed.username)
        if user is None or user.disabled or mission is None or trainer is None:
            raise _feed_not_found()
        principal, code = principal_of(user), mission.code
    try:
        return released_calendar(uow, principal, code, "instructor", trainer, None)
    except CadreError:
        raise _feed_not_found() from None
