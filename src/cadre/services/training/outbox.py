"""The xAPI outbox as the web shows it: how many statements wait to be sent, how many the
Learning Record Store has taken, how many failed at least once and still wait (with the last
failure's words), and a retry. The outbox holds the statements of every trainee, under
pseudonyms: only a role that sees every trainee of the mission reads its figures, and only
one that writes every enrolment sends it again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal, Reach, Verb
from cadre.domain.errors import Forbidden, InvalidInput, Problem
from cadre.services.training import xapi
from cadre.services.training.release import sight
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.training_pathway import OutboxRow


@dataclass(frozen=True)
class OutboxFigures:
    queued: int  # waiting, never tried
    sent: int  # taken by the LRS
    failed: int  # waiting, tried and refused or unreachable at least once
    last_error: str  # the newest failure's words; "" when none waits failed
    lrs: str  # the LRS the settings name; "" when none


def _mission_wide(
    uow: UnitOfWork, principal: Principal | None, mission: str | None, verb: Verb
) -> int:
    """The mission's id, when the reader's roles reach every enrolment for `verb`."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=verb)
        if seen.require(verb, ENROLMENTS) is not Reach.ANY:
            raise Forbidden(
                "the xAPI outbox holds the statements of every trainee; your role reaches "
                "only the runs you teach",
                code="xapi.not_mission_wide",
            )
        return seen.mission_id


def figures(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> OutboxFigures:
    mission_id = _mission_wide(uow, principal, mission, Verb.READ)
    waiting = OutboxRow.sent_at.is_(None)
    with uow.transaction() as session:
        counts = session.execute(
            select(
                func.count().filter(waiting, OutboxRow.attempts == 0),
                func.count().filter(OutboxRow.sent_at.is_not(None)),
                func.count().filter(waiting, OutboxRow.attempts > 0),
            ).where(OutboxRow.mission_id == mission_id)
        ).one()
        last = session.scalar(
            select(OutboxRow.last_error)
            .where(OutboxRow.mission_id == mission_id, waiting, OutboxRow.attempts > 0)
            .order_by(OutboxRow.id.desc())
            .limit(1)
        )
    lrs = xapi.Lrs.from_settings()
    return OutboxFigures(
        int(counts[0]), int(counts[1]), int(counts[2]), last or "", lrs.url if lrs else ""
    )


def retry(uow: UnitOfWork, principal: Principal | None, mission: str | None = None) -> xapi.Sent:
    """Queue what is new and send the outbox to the LRS the settings name, now."""
    _mission_wide(uow, principal, mission, Verb.WRITE)
    lrs = xapi.Lrs.from_settings()
    if lrs is None:
        raise InvalidInput(
            [Problem("no Learning Record Store is set (CADRE_LRS_URL)", code="xapi.no_lrs")]
        )
    return xapi.send(uow, lrs, mission)
