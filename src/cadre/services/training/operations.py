"""Trainees changed: entered one at a time or a whole file at once (all or nothing), edited
against the version the writer read, two entries of one person merged by a person who says
so, and a likely duplicate dismissed. Every likely duplicate is flagged as it comes in; each
change writes its audit entry in its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import TRAINEES
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.errors import Conflict, InvalidInput, NotFound
from cadre.domain.training.duplicates import Candidate, likely_duplicates
from cadre.domain.training.trainees import Trainee
from cadre.interchange.trainees import as_fields, read_trainee
from cadre.services.records.operations import expect_version
from cadre.services.training.queries import TraineeView, view_of
from cadre.services.training.release import TrainingSight, sight, trainee_not_found
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_rows as rows
from cadre.storage.mission_scope import lock_mission
from cadre.storage.training import TraineeRow


@dataclass(frozen=True)
class Entered:
    """A trainee as stored, with the entries it is likely a duplicate of (their ids)."""

    view: TraineeView
    duplicates: tuple[int, ...]


@contextmanager
def writing(
    uow: UnitOfWork, principal: Principal | None, mission: str | None
) -> Iterator[tuple[Session, TrainingSight]]:
    """A transaction holding the mission against other writers, with the writer's sight."""
    with uow.transaction() as session:
        seen = host_writer(session, principal, mission)
        lock_mission(session, seen.mission)
        yield session, seen


def host_writer(
    session: Session, principal: Principal | None, mission: str | None
) -> TrainingSight:
    """The sight of one who may write the mission's trainees; Forbidden for anyone else."""
    seen = sight(session, principal, mission, kind=TRAINEES, verb=Verb.WRITE)
    seen.require_host_write()
    return seen


def may_change(principal: Principal) -> bool:
    """Whether the reader's roles may change the trainees already entered (edit, merge,
    dismiss a flag): a write that reaches only its own records opens no trainee for it
    (release.sight), so the host's liaison enters its people and the school keeps them."""
    return reach(principal.roles, Verb.WRITE, TRAINEES) is Reach.ANY


def _trainee(document: Mapping[str, Any], today: dt.date) -> Trainee:
    trainee, problems = read_trainee(as_fields(document), today=today)
    if trainee is None:
        raise InvalidInput(problems, code="trainee.invalid")
    return trainee


def flag(
    session: Session,
    seen: TrainingSight,
    new: list[Candidate],
    compared: Callable[[int, int], None] | None = None,
) -> list[tuple[int, int]]:
    """Flag the likely duplicates of `new` (stored already) among themselves and the rest."""
    fresh = {n.id for n in new}
    known = [c for c in rows.candidates(session, seen.mission_id) if c.id not in fresh]
    pairs = likely_duplicates(new, known, compared)
    rows.flag(session, seen.mission_id, pairs)
    return [(p.first, p.second) for p in pairs]


def _number_free(session: Session, seen: TrainingSight, trainee: Trainee, own: int | None) -> None:
    taken = rows.by_number(session, seen.mission_id, trainee.service, trainee.number)
    if taken is not None and taken.id != own:
        raise Conflict(
            f"service number {trainee.number} of {trainee.service} is already trainee {taken.id}'s",
            code="trainee.number_taken",
            service=trainee.service,
            number=trainee.number,
            trainee=taken.id,
        )


def store_trainee(
    session: Session, mission_id: int, row: TraineeRow | None, t: Trainee, *, flush: bool = True
) -> TraineeRow:
    now = dt.datetime.now(dt.UTC)
    if row is None:
        row = TraineeRow(mission_id=mission_id, updated_at=now, **rows.trainee_values(t))
        session.add(row)
    else:
        for name, value in rows.trainee_values(t).items():
            setattr(row, name, value)
        row.updated_at = now
    if flush:
        session.flush()
    return row


def _others(pairs: list[tuple[int, int]], trainee_id: int) -> tuple[int, ...]:
    return tuple(sorted({b if a == trainee_id else a for a, b in pairs if trainee_id in (a, b)}))


def create_trainee(
    uow: UnitOfWork,
    principal: Principal | None,
    document: Mapping[str, Any],
    mission: str | None = None,
) -> Entered:
    """Enter one trainee; the likely duplicates already entered are flagged and named."""
    trainee = _trainee(document, dt.date.today())
    with writing(uow, principal, mission) as (session, seen):
        _number_free(session, seen, trainee, None)
        row = store_trainee(session, seen.mission_id, None, trainee)
        pairs = flag(
            session, seen, [Candidate(row.id, trainee.sound, trainee.birth_year, trainee.number)]
        )
        view = view_of(seen, row)
        uow.audit(
            session, "trainee create", mission=seen.mission, kind=TRAINEES, key=str(row.id),
            after=view.document,
        )  # fmt: skip
    return Entered(view, _others(pairs, view.id))


def update_trainee(
    uow: UnitOfWork,
    principal: Principal | None,
    trainee_id: int,
    document: Mapping[str, Any],
    if_match: Collection[str],
    mission: str | None = None,
) -> Entered:
    """Replace a trainee's fields, if they have not changed since the writer read them."""
    trainee = _trainee(document, dt.date.today())
    with writing(uow, principal, mission) as (session, seen):
        row = _visible(session, seen, trainee_id)
        before = view_of(seen, row)
        expect_version(before.etag, if_match, f"trainee {trainee_id}")
        _number_free(session, seen, trainee, trainee_id)
        row = store_trainee(session, seen.mission_id, row, trainee)
        view = view_of(seen, row)
        pairs: list[tuple[int, int]] = []
        if view.etag != before.etag:
            pairs = flag(
                session,
                seen,
                [Candidate(row.id, trainee.sound, trainee.birth_year, trainee.number)],
            )
            uow.audit(
                session, "trainee replace", mission=seen.mission, kind=TRAINEES,
                key=str(row.id), before=before.document, after=view.document,
            )  # fmt: skip
    return Entered(view, _others(pairs, view.id))


def _visible(session: Session, seen: TrainingSight, trainee_id: int) -> TraineeRow:
    seen.require_trainee(trainee_id)
    row = rows.find_trainee(session, seen.mission_id, trainee_id)
    if row is None:
        raise trainee_not_found(trainee_id)
    return row


@dataclass(frozen=True)
class Merged:
    kept: TraineeView
    dropped: int
    enrolments: int  # moved from the dropped entry to the kept one
    certificates: int


def merge_trainees(
    uow: UnitOfWork,
    principal: Principal | None,
    keep: int,
    drop: int,
    if_match: Collection[str],
    mission: str | None = None,
) -> Merged:
    """Two entries are one person: `drop`'s enrolments and certificates go to `keep`, and
    `drop` is removed. Only a person decides this (no rule merges); `if_match` is the
    version of `drop` the person compared."""
    if keep == drop:
        raise InvalidInput(
            "a trainee cannot be merged into itself", code="trainee.merge_self", trainee=keep
        )
    with writing(uow, principal, mission) as (session, seen):
        kept_row, dropped_row = _visible(session, seen, keep), _visible(session, seen, drop)
        dropped = view_of(seen, dropped_row)
        expect_version(dropped.etag, if_match, f"trainee {drop}")
        moved = rows.move_records(session, keep, drop)
        session.delete(dropped_row)
        session.flush()
        kept = view_of(seen, kept_row)
        uow.audit(
            session, "trainee merge", mission=seen.mission, kind=TRAINEES, key=str(keep),
            before={"dropped": drop, "record": dropped.document},
            after={"kept": keep, "moved": moved},
        )  # fmt: skip
    return Merged(kept, drop, moved["enrolments"], moved["certificates"])


def dismiss_duplicate(
    uow: UnitOfWork,
    principal: Principal | None,
    first: int,
    second: int,
    mission: str | None = None,
) -> None:
    """A person says two flagged entries are two people: the flag is closed."""
    with writing(uow, principal, mission) as (session, seen):
        _visible(session, seen, first), _visible(session, seen, second)
        flag = next(
            (f for f in rows.open_flags(session, seen.mission_id)
             if {f.first_id, f.second_id} == {first, second}),
            None,
        )  # fmt: skip
        if flag is None:
            raise NotFound(
                f"trainees {first} and {second} are not flagged as likely duplicates",
                code="trainee.no_flag",
                first=first,
                second=second,
            )
        flag.dismissed = True
        uow.audit(
            session, "trainee duplicate dismissed", mission=seen.mission, kind=TRAINEES,
            key=f"{min(first, second)}-{max(first, second)}",
        )  # fmt: skip
