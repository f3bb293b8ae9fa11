"""xAPI out: the training records as statements (enrolled, attended, passed, failed,
completed, certified), put in an outbox table and sent from there to the Learning Record
Store the settings name, oldest first; a statement leaves the outbox only when the LRS has
taken it, so an LRS that is down loses nothing (the next send retries). The same statements
export as a file. Each reader gets the statements of the trainees they may see.

Settings: CADRE_LRS_URL (the LRS's xAPI endpoint, e.g. http://lrs:8100/xAPI), CADRE_LRS_USER,
CADRE_LRS_PASSWORD; CADRE_XAPI_HOME (the IRI that names this Cadre in statements) and
CADRE_XAPI_KEY (the pseudonyms' key; else one derived from the audit trail's key).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.training.certificates import Mark, completion
from cadre.domain.training.enrolment import Standing
from cadre.interchange.xapi import Event, problems, statement
from cadre.services.access.audit import audit_key
from cadre.services.training.enrolment import rule_for
from cadre.services.training.release import TrainingSight, sight
from cadre.services.training.runs import MissionRuns, no_runs, taught_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import pathway_rows
from cadre.storage import training_results as results_rows
from cadre.storage.training import EnrolmentRow
from cadre.storage.training_pathway import OutboxRow

HOME = "https://cadre.invalid"
TIMEOUT = 30.0
BATCH = 500  # statements a POST carries


@dataclass(frozen=True)
class Lrs:
    url: str
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls) -> Lrs | None:
        url = os.environ.get("CADRE_LRS_URL", "")
        if not url:
            return None
        user = os.environ.get("CADRE_LRS_USER", "")
        return cls(url.rstrip("/"), user, os.environ.get("CADRE_LRS_PASSWORD", ""))


def _key(session: Session) -> bytes:
    given = os.environ.get("CADRE_XAPI_KEY")
    if given:
        return given.encode()
    audit = audit_key(session, create=True)
    if audit is None:
        raise InvalidInput(
            [Problem("set CADRE_XAPI_KEY: trainees are named in statements by a keyed pseudonym")],
            code="xapi.no_key",
        )
    return hashlib.sha256(b"cadre xapi pseudonyms " + audit).digest()


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _events_of(
    session: Session, seen: TrainingSight, runs: MissionRuns | None, row: EnrolmentRow
) -> list[Event]:
    def event(verb: str, when: dt.datetime, **more: Any) -> Event:
        return Event(verb, seen.mission, row.trainee_id, row.run, row.course, when, **more)

    asked = row.asked_at if row.asked_at.tzinfo else row.asked_at.replace(tzinfo=dt.UTC)
    found = [event("enrolled", asked)]
    marks = results_rows.marks(session, [row.id])[row.id]
    found += [
        event("attended", _at(day), detail=day.isoformat())
        for day, mark in sorted(marks.items())
        if mark is Mark.PRESENT
    ]
    if row.score is None:
        return found
    rule = rule_for(session, seen.mission_id, row.course)
    assessed = _at(row.assessed_on or row.end_date)
    found.append(event("passed" if rule.passes(row.score) else "failed", assessed, score=row.score))
    seats = runs.runs.get(row.run) if runs is not None else None
    if seats is not None and completion(rule, seats.days, marks, row.score).completed:
        found.append(event("completed", assessed))
    return found


def events(uow: UnitOfWork, principal: Principal | None, mission: str | None) -> list[Event]:
    """Every fact the reader may see, in the order they happened."""
    runs = taught_runs(uow, mission)
    with uow.transaction() as session:
        seen = sight(
            session, principal, mission, kind=ENROLMENTS, taught=runs.taught_by if runs else no_runs
        )
        found: list[Event] = []
        rows = session.scalars(
            select(EnrolmentRow)
            .where(
                EnrolmentRow.mission_id == seen.mission_id,
                EnrolmentRow.standing == Standing.ENROLLED.value,
            )
            .order_by(EnrolmentRow.id)
        )
        for row in rows:
            if seen.sees_trainee(row.trainee_id) and (seen.runs is None or row.run in seen.runs):
                found += _events_of(session, seen, runs, row)
        for c in pathway_rows.mission_certificates(session, seen.mission_id):
            if seen.sees_trainee(c.trainee) and (seen.runs is None or c.run in seen.runs):
                found.append(
                    Event(
                        "certified",
                        seen.mission,
                        c.trainee,
                        c.run,
                        c.course,
                        _at(c.issued),
                        detail=c.number,
                    )
                )
    return sorted(found, key=lambda e: (e.when, e.key))


def statements(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> list[dict[str, Any]]:
    """The statements of every fact the reader may see, each valid by the specification."""
    found = events(uow, principal, mission)
    with uow.transaction() as session:
        key = _key(session)
    home = os.environ.get("CADRE_XAPI_HOME", HOME)
    made = [statement(e, home=home, key=key) for e in found]
    wrong = [f"{s['id']}: {p}" for s in made for p in problems(s)]
    if wrong:  # a bug here, never the user's input: say so loudly
        raise AssertionError("; ".join(wrong[:5]))
    return made


def export(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> dict[str, Any]:
    """The statements as one JSON document (the shape an LRS answers a query with)."""
    return {"statements": statements(uow, principal, mission)}


def queue(uow: UnitOfWork, mission: str | None = None) -> int:
    """Put every statement not yet in the outbox there; the answer is how many were added."""
    made = statements(uow, None, mission)
    with uow.transaction() as session:
        seen = sight(session, None, mission)
        have = set(
            session.scalars(
                select(OutboxRow.statement_id).where(OutboxRow.mission_id == seen.mission_id)
            )
        )
        now = dt.datetime.now(dt.UTC)
        fresh = [s for s in made if s["id"] not in have]
        for s in fresh:
            session.add(
                OutboxRow(
                    mission_id=seen.mission_id,
                    statement_id=s["id"],
                    verb=s["verb"]["display"]["en-US"],
                    body=s,
                    queued_at=now,
                    attempts=0,
                    last_error="",
                )
            )
    return len(fresh)


@dataclass(frozen=True)
class Sent:
    sent: int
    waiting: int  # still in the outbox
    error: str = ""  # why the last try failed


def _post(lrs: Lrs, body: list[dict[str, Any]]) -> None:
    """POST the statements as one batch; a 409 of a single statement means the LRS holds
    that id already (the same statement, sent before: ids come from the record)."""
    request = urllib.request.Request(
        f"{lrs.url}/statements",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"},
    )
    if lrs.user:
        token = base64.b64encode(f"{lrs.user}:{lrs.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):
            return
    except urllib.error.HTTPError as error:
        if error.code == 409 and len(body) > 1:  # one of them is held: send each alone
            for one in body:
                _post(lrs, [one])
            return
        if error.code == 409:
            return
        raise


def send(uow: UnitOfWork, lrs: Lrs, mission: str | None = None, limit: int = 10_000) -> Sent:
    """Queue what is new, then send the outbox oldest first, in batches, until it is empty
    or the LRS fails; a failure is counted on the batch and kept for the next try."""
    queue(uow, mission)
    sent, error = 0, ""
    with uow.transaction() as session:
        seen = sight(session, None, mission)
        waiting = list(
            session.scalars(
                select(OutboxRow)
                .where(OutboxRow.mission_id == seen.mission_id, OutboxRow.sent_at.is_(None))
                .order_by(OutboxRow.id)
                .limit(limit)
            )
        )
        for start in range(0, len(waiting), BATCH):
            batch = waiting[start : start + BATCH]
            try:
                _post(lrs, [row.body for row in batch])
            except (OSError, urllib.error.URLError) as failure:
                error = str(failure)[:500]
                for row in batch:
                    row.attempts, row.last_error = row.attempts + 1, error
                break
            now = dt.datetime.now(dt.UTC)
            for row in batch:
                row.sent_at, row.attempts, row.last_error = now, row.attempts + 1, ""
            sent += len(batch)
        session.flush()
        remaining = session.scalar(
            select(func.count()).where(
                OutboxRow.mission_id == seen.mission_id, OutboxRow.sent_at.is_(None)
            )
        )
    return Sent(sent, int(remaining or 0), error)


def outbox_ids(uow: UnitOfWork, *, sent: bool) -> list[str]:
    with uow.transaction() as session:
        done = OutboxRow.sent_at.is_not(None) if sent else OutboxRow.sent_at.is_(None)
        return list(session.scalars(select(OutboxRow.statement_id).where(done)))
