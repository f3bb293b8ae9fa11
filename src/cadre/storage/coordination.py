"""The coordination register's tables: activities of every actor and the host's needs, each
row with its marking (classification and releasable-to list, owned by its organisation), and
the reads the register's pages need: whole lines, or totals per cell added up by the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from cadre.domain.coordination.activities import (
    Activity,
    ActivityType,
    Need,
    OrganisationType,
    Status,
)
from cadre.storage.models import CODE, Base

CHUNK = 500  # codes per IN list: well under every database's limit on bound parameters


class ActivityRow(Base):
    __tablename__ = "coordination_activities"
    __table_args__ = (
        UniqueConstraint("mission_id", "code", name="uq_coordination_activities_code"),
        Index("ix_coordination_activities_cell", "mission_id", "governorate", "discipline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(CODE))
    organisation: Mapped[str] = mapped_column(String(CODE))
    organisation_name: Mapped[str] = mapped_column(String(200))
    organisation_type: Mapped[str] = mapped_column(String(16))
    discipline: Mapped[str] = mapped_column(String(CODE))
    activity_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    beneficiary: Mapped[str] = mapped_column(String(200))
    governorate: Mapped[str] = mapped_column(String(8))
    district: Mapped[str] = mapped_column(String(12))
    district_name: Mapped[str] = mapped_column(String(120))
    site: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))
    planned: Mapped[int | None] = mapped_column(Integer)
    reached: Mapped[int | None] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)  # Activity.people, kept for the totals
    contact: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    reported: Mapped[dt.date | None] = mapped_column(Date)
    classification: Mapped[str] = mapped_column(String(32))
    releasable_to: Mapped[str] = mapped_column(String(400))  # sorted, comma-separated
    extras: Mapped[list[Any]] = mapped_column(JSON)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class NeedRow(Base):
    __tablename__ = "coordination_needs"
    __table_args__ = (
        UniqueConstraint(
            "mission_id",
            "governorate",
            "discipline",
            "organisation",
            name="uq_coordination_needs_cell",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    governorate: Mapped[str] = mapped_column(String(8))
    discipline: Mapped[str] = mapped_column(String(CODE))
    organisation: Mapped[str] = mapped_column(String(CODE))
    people: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    classification: Mapped[str] = mapped_column(String(32))
    releasable_to: Mapped[str] = mapped_column(String(400))


@dataclass(frozen=True)
class Marking:
    """Who owns some lines and to whom they are released; what a reader is judged on."""

    organisation: str
    classification: str
    releasable_to: tuple[str, ...]


def _joined(entries: Iterable[str]) -> str:
    return ",".join(sorted(entries))


def _split(text: str) -> tuple[str, ...]:
    return tuple(e for e in text.split(",") if e)


def _activity_values(mission_id: int, a: Activity, at: dt.datetime) -> dict[str, Any]:
    return {
        "mission_id": mission_id,
        "code": a.code,
        "organisation": a.organisation,
        "organisation_name": a.organisation_name,
        "organisation_type": a.organisation_type.value,
        "discipline": a.discipline,
        "activity_type": a.activity_type.value,
        "title": a.title,
        "beneficiary": a.beneficiary,
        "governorate": a.governorate,
        "district": a.district,
        "district_name": a.district_name,
        "site": a.site,
        "start_date": a.start,
        "end_date": a.end,
        "status": a.status.value,
        "planned": a.planned,
        "reached": a.reached,
        "people": a.people,
        "contact": a.contact,
        "source": a.source,
        "reported": a.reported,
        "classification": a.classification,
        "releasable_to": _joined(a.releasable_to),
        "extras": [list(pair) for pair in a.extras],
        "stored_at": at,
    }


def stored_owners(session: Session, mission_id: int, codes: Sequence[str]) -> dict[str, str]:
    """The organisation of each of `codes` already in the register."""
    found: dict[str, str] = {}
    for i in range(0, len(codes), CHUNK):
        chunk = codes[i : i + CHUNK]
        rows = session.execute(
            select(ActivityRow.code, ActivityRow.organisation).where(
                ActivityRow.mission_id == mission_id, ActivityRow.code.in_(chunk)
            )
        )
        found.update({str(code): str(organisation) for code, organisation in rows})
    return found


def put_activities(
    session: Session, mission_id: int, activities: Sequence[Activity], at: dt.datetime
) -> None:
    """Store the lines, each replacing the line of the same code if there is one."""
    codes = [a.code for a in activities]
    for i in range(0, len(codes), CHUNK):
        session.execute(
            delete(ActivityRow).where(
                ActivityRow.mission_id == mission_id, ActivityRow.code.in_(codes[i : i + CHUNK])
            )
        )
    if activities:
        # Core's executemany, not the ORM's bulk insert: ten times faster on a large register
        session.connection().execute(
            insert(cast(Table, ActivityRow.__table__)),
            [_activity_values(mission_id, a, at) for a in activities],
        )


def _activity(row: Any) -> Activity:
    return Activity(
        code=row.code,
        organisation=row.organisation,
        organisation_type=OrganisationType(row.organisation_type),
        discipline=row.discipline,
        activity_type=ActivityType(row.activity_type),
        beneficiary=row.beneficiary,
        governorate=row.governorate,
        start=row.start_date,
        end=row.end_date,
        status=Status(row.status),
        organisation_name=row.organisation_name,
        title=row.title,
        district=row.district,
        district_name=row.district_name,
        site=row.site,
        planned=row.planned,
        reached=row.reached,
        contact=row.contact,
        source=row.source,
        reported=row.reported,
        classification=row.classification,
        releasable_to=_split(row.releasable_to),
        extras=tuple((str(tag), str(value)) for tag, value in row.extras),
    )


def activities(
    session: Session,
    mission_id: int,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[tuple[Marking, Activity]]:
    """The register's lines with their markings, in code order; with `start` and `end`, only
    those running on a day between them."""
    query = select(ActivityRow.__table__).where(ActivityRow.mission_id == mission_id)
    if start is not None:
        query = query.where(ActivityRow.end_date >= start)
    if end is not None:
        query = query.where(ActivityRow.start_date <= end)
    found = []
    for row in session.execute(query.order_by(ActivityRow.code)):
        marking = Marking(row.organisation, row.classification, _split(row.releasable_to))
        found.append((marking, _activity(row)))
    return found


def register_stamp(session: Session, mission_id: int) -> tuple[int, int]:
    """Changes whenever the mission's lines do (an import deletes and inserts): a cheap
    check that totals kept in memory are still those of the register."""
    a = ActivityRow
    count, last = session.execute(
        select(func.count(), func.coalesce(func.max(a.id), 0)).where(a.mission_id == mission_id)
    ).one()
    return int(count), int(last)


# One line as the totals need it: place, discipline, organisation, marking, days, people.
CoverLine = tuple[str, str, str, Marking, dt.date, dt.date, int]


def cover_lines(session: Session, mission_id: int) -> list[CoverLine]:
    """Every line of the register, with only what totals per cell are made from."""
    a = ActivityRow
    rows = session.execute(
        select(
            a.governorate,
            a.discipline,
            a.organisation,
            a.classification,
            a.releasable_to,
            a.start_date,
            a.end_date,
            a.people,
        ).where(a.mission_id == mission_id)
    )
    markings: dict[tuple[str, str, str], Marking] = {}
    found: list[CoverLine] = []
    for g, d, o, c, r, start, end, people in rows:
        marking = markings.get((o, c, r))
        if marking is None:
            marking = markings[(o, c, r)] = Marking(o, c, _split(r))
        found.append((g, d, o, marking, start, end, people))
    return found


def put_needs(session: Session, mission_id: int, needs: Sequence[Need]) -> None:
    """Store the host's needs, each replacing the need stated for the same cell by the same
    organisation."""
    for need in needs:
        session.execute(
            delete(NeedRow).where(
                NeedRow.mission_id == mission_id,
                NeedRow.governorate == need.governorate,
                NeedRow.discipline == need.discipline,
                NeedRow.organisation == need.organisation,
            )
        )
    if needs:
        session.execute(
            insert(NeedRow),
            [
                {
                    "mission_id": mission_id,
                    "governorate": n.governorate,
                    "discipline": n.discipline,
                    "organisation": n.organisation,
                    "people": n.people,
                    "source": n.source,
                    "classification": n.classification,
                    "releasable_to": _joined(n.releasable_to),
                }
                for n in needs
            ],
        )


def needs(session: Session, mission_id: int) -> list[tuple[Marking, Need]]:
    rows = session.scalars(
        select(NeedRow)
        .where(NeedRow.mission_id == mission_id)
        .order_by(NeedRow.governorate, NeedRow.discipline, NeedRow.organisation)
    )
    found = []
    for r in rows:
        release = _split(r.releasable_to)
        need = Need(
            r.governorate, r.discipline, r.people, r.organisation, r.source, r.classification,
            release,
        )  # fmt: skip
        found.append((Marking(r.organisation, r.classification, release), need))
    return found
