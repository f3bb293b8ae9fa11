"""Trainees as a reader may see them: searched however their names are spelt, read one at a
time with their version (ETag), the likely duplicates waiting for a person's decision, and
the certificates that expire soon; each through the reader's sight (release.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from cadre.access.labels import CERTIFICATES, TRAINEES, Label
from cadre.access.policy import Principal
from cadre.domain.fingerprint import fingerprint
from cadre.domain.host import search_key, sound_key
from cadre.domain.record_names import Named
from cadre.domain.training.certificates import Certificate
from cadre.domain.training.trainees import Trainee
from cadre.interchange.trainees import COLUMNS, as_fields, trainee_document
from cadre.services.training.release import TrainingSight, sight, trainee_not_found
from cadre.services.training.runs import taught_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_certificates as certificate_rows
from cadre.storage import training_marks
from cadre.storage import training_rows as rows
from cadre.storage.training import TraineeRow

MAX_PAGE = 500
FIELDS = COLUMNS  # a trainee's fields, as the import, the API and the web's form name them


@dataclass(frozen=True)
class TraineeView:
    id: int
    trainee: Trainee
    label: Label
    etag: str

    @property
    def document(self) -> dict[str, Any]:
        return trainee_document(self.trainee)

    @property
    def fields(self) -> dict[str, str]:
        """The trainee as the text fields of a form (languages as `ar=5 en=2`)."""
        return as_fields(self.document)


@dataclass(frozen=True)
class TraineePage:
    total: int
    items: list[TraineeView]


@dataclass(frozen=True)
class DuplicatePair:
    first: TraineeView
    second: TraineeView
    score: int
    reason: str


def etag(trainee: Trainee, label: Label) -> str:
    """The trainee's version as the writer read it: changes with its fields or its label."""
    text = (
        f"{fingerprint(trainee_document(trainee))} {label.classification.value} {label.owner} "
        f"{sorted(label.releasable_to)}"
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def view_of(seen: TrainingSight, row: TraineeRow) -> TraineeView:
    trainee = rows.trainee_of(row)
    label = seen.label(TRAINEES, str(row.id))
    return TraineeView(row.id, trainee, label, etag(trainee, label))


def reader_sight(
    uow: UnitOfWork, session: Session, principal: Principal | None, mission: str | None, kind: str
) -> TrainingSight:
    """The reader's sight of the training records of `kind`; an instructor's is narrowed to
    the runs the timetable gives them."""
    runs = taught_runs(uow, mission) if principal is not None else None
    return sight(session, principal, mission, kind=kind, taught=runs.taught_by if runs else None)


def list_trainees(
    uow: UnitOfWork,
    principal: Principal | None,
    mission: str | None = None,
    *,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> TraineePage:
    """The trainees the reader may see whose name, however spelt, or service number matches
    `q` (all of them without one), a page at a time by Latin name."""
    limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, TRAINEES)
        text = (q or "").strip()
        total, found = rows.search(
            session,
            seen.mission_id,
            words=[(search_key(w), sound_key(w)) for w in search_key(text).split()],
            number=text,
            within=seen.trainees,
            limit=limit,
            offset=offset,
        )
        items = [view_of(seen, r) for r in found if seen.sees_trainee(r.id)]
        return TraineePage(total, items)


@dataclass(frozen=True)
class TraineeName:
    arabic: str
    latin: str
    service: str
    number: str


def names_of(
    uow: UnitOfWork, principal: Principal | None, ids: Iterable[int], mission: str | None = None
) -> dict[int, TraineeName]:
    """The names of those of `ids` the reader may see; the others are left out, as if not
    there."""
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, TRAINEES)
        found = training_marks.trainees_by_id(
            session, seen.mission_id, [i for i in ids if seen.sees_trainee(i)]
        )
        return {i: TraineeName(r.arabic, r.latin, r.service, r.number) for i, r in found.items()}


def get_trainee(
    uow: UnitOfWork, principal: Principal | None, trainee_id: int, mission: str | None = None
) -> TraineeView:
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, TRAINEES)
        seen.require_trainee(trainee_id)
        row = rows.find_trainee(session, seen.mission_id, trainee_id)
        if row is None:
            raise trainee_not_found(trainee_id)
        return view_of(seen, row)


def duplicates(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> list[DuplicatePair]:
    """The likely duplicates not yet decided, both of whose trainees the reader sees."""
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, TRAINEES)
        found = []
        for flag in rows.open_flags(session, seen.mission_id):
            if not (seen.sees_trainee(flag.first_id) and seen.sees_trainee(flag.second_id)):
                continue
            first = rows.find_trainee(session, seen.mission_id, flag.first_id)
            second = rows.find_trainee(session, seen.mission_id, flag.second_id)
            if first is not None and second is not None:
                found.append(
                    DuplicatePair(
                        view_of(seen, first), view_of(seen, second), flag.score, flag.reason
                    )
                )
        return found


@dataclass(frozen=True)
class ExpiringCertificate:
    certificate: Certificate
    trainee: str  # the holder's name as written in Latin script
    school: str  # the run's site
    discipline: str
    course_name: Named  # in every language it has, for the page to pick the reader's
    school_name: Named


def expiring_certificates(
    uow: UnitOfWork,
    principal: Principal | None,
    days: int,
    mission: str | None = None,
    today: dt.date | None = None,
    *,
    school: str = "",
    discipline: str = "",
) -> list[ExpiringCertificate]:
    """Certificates valid today that expire within `days` days, by school and discipline
    (where each was earned), the soonest first; of one school or discipline when named."""
    day = today or dt.date.today()
    with uow.transaction() as session:
        seen = reader_sight(uow, session, principal, mission, CERTIFICATES)
        until = day + dt.timedelta(days=max(0, days))
        found = training_marks.expiring_with_holders(
            session, seen.mission_id, day, until, school=school, discipline=discipline
        )
        courses, sites = certificate_rows.named_courses_and_sites(session, seen.mission_id)
        return [
            ExpiringCertificate(
                c,
                name,
                c.site,
                c.discipline,
                courses.get(c.course, Named(c.course)),
                sites.get(c.site, Named(c.site)),
            )
            for c, name in found
            if seen.sees_trainee(c.trainee)
        ]
