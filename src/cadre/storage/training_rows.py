"""Training records read and written as domain values: a trainee from its row and back, the
searches the lists need (added up by the database), and the moves a merge makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from cadre.domain.host import HostName
from cadre.domain.training.duplicates import Candidate, LikelyDuplicate
from cadre.domain.training.trainees import Trainee, Vetting, VettingStatus
from cadre.storage.training import (
    CertificateRow,
    DuplicateRow,
    EnrolmentRow,
    TraineeRow,
)


def trainee_of(row: TraineeRow) -> Trainee:
    return Trainee(
        service=row.service,
        number=row.number,
        name=HostName(row.arabic, row.latin),
        birth_year=row.birth_year,
        rank=row.rank,
        unit=row.unit,
        governorate=row.governorate,
        vetting=Vetting(
            VettingStatus(row.vetting_status),
            row.vetting_decided,
            row.vetting_authority,
            row.vetting_until,
        ),
        languages={str(k): int(v) for k, v in (row.languages or {}).items()},
    )


def trainee_values(trainee: Trainee) -> dict[str, Any]:
    """The row's columns for `trainee`, its search keys computed here once."""
    return {
        "service": trainee.service,
        "number": trainee.number,
        "arabic": trainee.name.arabic,
        "latin": trainee.name.latin,
        "search_key": trainee.key,
        "sound": trainee.sound,
        "birth_year": trainee.birth_year,
        "rank": trainee.rank,
        "unit": trainee.unit,
        "governorate": trainee.governorate,
        "vetting_status": trainee.vetting.status.value,
        "vetting_decided": trainee.vetting.decided,
        "vetting_authority": trainee.vetting.authority,
        "vetting_until": trainee.vetting.valid_until,
        "languages": dict(sorted(trainee.languages.items())),
    }


def insert_trainees(
    session: Session, mission_id: int, trainees: Sequence[Trainee], at: dt.datetime
) -> None:
    """Many new trainees at once (an import), in batches the driver sends together."""
    session.flush()
    if trainees:
        session.execute(
            insert(TraineeRow),
            [{"mission_id": mission_id, "updated_at": at, **trainee_values(t)} for t in trainees],
        )


def find_trainee(session: Session, mission_id: int, trainee_id: int) -> TraineeRow | None:
    row = session.get(TraineeRow, trainee_id)
    return row if row is not None and row.mission_id == mission_id else None


def by_number(session: Session, mission_id: int, service: str, number: str) -> TraineeRow | None:
    return session.scalars(
        select(TraineeRow).where(
            TraineeRow.mission_id == mission_id,
            TraineeRow.service == service,
            TraineeRow.number == number,
        )
    ).first()


def numbers_taken(session: Session, mission_id: int) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(TraineeRow.service, TraineeRow.number, TraineeRow.id).where(
            TraineeRow.mission_id == mission_id
        )
    )
    return {(r[0], r[1]): r[2] for r in rows}


def candidates(session: Session, mission_id: int) -> list[Candidate]:
    """What the duplicate rule needs of every trainee of the mission, in plain columns."""
    rows = session.execute(
        select(TraineeRow.id, TraineeRow.sound, TraineeRow.birth_year, TraineeRow.number).where(
            TraineeRow.mission_id == mission_id
        )
    )
    return [Candidate(r[0], r[1], r[2], r[3]) for r in rows]


def search(
    session: Session,
    mission_id: int,
    *,
    words: Sequence[tuple[str, str]] = (),
    number: str = "",
    within: Iterable[int] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[TraineeRow]]:
    """Trainees whose name holds every word, each by its search key or its sound (a sound
    too short to tell names apart is not used), or whose service number is `number`; with
    the total, a page of them by Latin name."""
    query = select(TraineeRow).where(TraineeRow.mission_id == mission_id)
    every = []
    for key, sound in words:
        either = [TraineeRow.search_key.contains(key, autoescape=True)]
        if len(sound) >= 2:
            either.append(TraineeRow.sound.contains(sound, autoescape=True))
        every.append(or_(*either))
    if every:
        named = and_(*every)
        query = query.where(or_(named, TraineeRow.number == number) if number else named)
    if within is not None:
        query = query.where(TraineeRow.id.in_(list(within)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(TraineeRow.latin, TraineeRow.id).limit(limit).offset(offset)
    )
    return total, list(rows)


def flag(session: Session, mission_id: int, pairs: Sequence[LikelyDuplicate]) -> int:
    """Keep the pairs not flagged before; how many were new."""
    known = {
        (r[0], r[1])
        for r in session.execute(
            select(DuplicateRow.first_id, DuplicateRow.second_id).where(
                DuplicateRow.mission_id == mission_id
            )
        )
    }
    new = [p for p in pairs if (p.first, p.second) not in known]
    session.add_all(
        DuplicateRow(
            mission_id=mission_id,
            first_id=p.first,
            second_id=p.second,
            score=p.score,
            reason=p.reason,
            dismissed=False,
        )
        for p in new
    )
    session.flush()
    return len(new)


def open_flags(session: Session, mission_id: int) -> list[DuplicateRow]:
    return list(
        session.scalars(
            select(DuplicateRow)
            .where(DuplicateRow.mission_id == mission_id, DuplicateRow.dismissed.is_(False))
            .order_by(DuplicateRow.first_id, DuplicateRow.second_id)
        )
    )


def move_records(session: Session, keep: int, drop: int) -> dict[str, int]:
    """Give `drop`'s enrolments and certificates to `keep` (an enrolment in a run `keep` is
    already in stays with `drop` and goes with it); how many of each moved."""
    taken = set(session.scalars(select(EnrolmentRow.run).where(EnrolmentRow.trainee_id == keep)))
    moved = session.execute(
        update(EnrolmentRow)
        .where(EnrolmentRow.trainee_id == drop, EnrolmentRow.run.not_in(taken or {""}))
        .values(trainee_id=keep)
    )
    certificates = session.execute(
        update(CertificateRow).where(CertificateRow.trainee_id == drop).values(trainee_id=keep)
    )
    session.execute(
        delete(DuplicateRow).where(
            or_(DuplicateRow.first_id == drop, DuplicateRow.second_id == drop)
        )
    )
    return {
        "enrolments": int(getattr(moved, "rowcount", 0) or 0),
        "certificates": int(getattr(certificates, "rowcount", 0) or 0),
    }


def latin_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = list(ids)
    if not wanted:
        return {}
    found = session.execute(
        select(TraineeRow.id, TraineeRow.latin).where(TraineeRow.id.in_(wanted))
    )
    return {r[0]: r[1] for r in found}


def trainees_in_runs(session: Session, mission_id: int, runs: Iterable[str]) -> set[int]:
    wanted = list(runs)
    if not wanted:
        return set()
    return set(
        session.scalars(
            select(EnrolmentRow.trainee_id).where(
                EnrolmentRow.mission_id == mission_id, EnrolmentRow.run.in_(wanted)
            )
        )
    )
