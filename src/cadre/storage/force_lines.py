"""Requirement lines as rows and back, kept in step with their source (the scenario file, a
capacity plan, an edit) with every change recorded in the line's history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.errors import Conflict, NotFound
from cadre.domain.ranks import Rank, RankBand
from cadre.domain.requirements import Criticality, LineEvent, PostKind, RequirementLine
from cadre.storage.force_models import ForceLineEventRow, ForceLineRow, ForceOfferRow

_LINE_FIELDS = tuple(f.name for f in dataclasses.fields(RequirementLine))


@dataclass(frozen=True)
class LineSync:
    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()


def _plain(value: Any) -> Any:
    """A field's value as JSON-ready text or number, for the history."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | RankBand):
        return str(value)
    return getattr(value, "value", value)


def line_values(line: RequirementLine) -> dict[str, Any]:
    return {
        "title": line.title,
        "qualification": line.qualification,
        "rank_low": line.rank_band.low.code,
        "rank_high": line.rank_band.high.code,
        "start_date": line.start,
        "end_date": line.end,
        "count": line.count,
        "criticality": line.criticality.value,
        "kind": line.kind.value,
        "site": line.site,
        "region": line.region,
        "mode": line.mode.value,
        "courses": list(line.courses),
        "protects": line.protects,
    }


def to_line(row: ForceLineRow) -> RequirementLine:
    return RequirementLine(
        number=row.number,
        title=row.title,
        qualification=row.qualification,
        rank_band=RankBand(Rank.parse(row.rank_low), Rank.parse(row.rank_high)),
        start=row.start_date,
        end=row.end_date,
        count=row.count,
        criticality=Criticality(row.criticality),
        kind=PostKind(row.kind),
        site=row.site,
        region=row.region,
        mode=DeliveryMode(row.mode),
        courses=tuple(row.courses),
        protects=row.protects,
    )


def line_rows(session: Session, mission_id: int, *, retired: bool = False) -> list[ForceLineRow]:
    query = select(ForceLineRow).where(ForceLineRow.mission_id == mission_id)
    if not retired:
        query = query.where(ForceLineRow.retired_at.is_(None))
    return list(session.scalars(query.order_by(ForceLineRow.position, ForceLineRow.id)))


def load_lines(
    session: Session, mission_id: int, source: str | None = None
) -> tuple[RequirementLine, ...]:
    """The statement of requirements as it stands (retired lines left out)."""
    return tuple(
        to_line(r) for r in line_rows(session, mission_id) if source is None or r.source == source
    )


def line_sources(session: Session, mission_id: int) -> dict[str, str]:
    """Where each line of the statement comes from: scenario, plan, or another source."""
    return {r.number: r.source for r in line_rows(session, mission_id)}


def adopted_plan(session: Session, mission_id: int, prefix: str) -> int | None:
    """The plan number named `prefix`N that the plan's lines were last made from (the plan
    adopted may be older than one adopted before it, so the last sync counts, not the
    highest number)."""
    query = (
        select(ForceLineEventRow.source)
        .join(ForceLineRow, ForceLineRow.id == ForceLineEventRow.line_id)
        .where(ForceLineRow.mission_id == mission_id, ForceLineEventRow.source.startswith(prefix))
        .order_by(ForceLineEventRow.id.desc())
    )
    for source in session.scalars(query):
        if source[len(prefix) :].isdigit():
            return int(source[len(prefix) :])
    return None


def sync_lines(
    session: Session,
    mission_id: int,
    lines: Sequence[RequirementLine],
    source: str,
    at: dt.datetime,
    note: str = "",
    *,
    confirm: bool = False,
) -> LineSync:
    """Make the lines from `source` read as `lines`: new ones created, changed ones updated
    field by field, those gone retired; each step recorded in the line's history (with
    `confirm`, lines found unchanged record that too, e.g. a new plan that keeps them)."""
    rows = {r.number: r for r in line_rows(session, mission_id, retired=True)}
    created, changed = [], []
    wanted = {line.number for line in lines}
    for position, line in enumerate(lines):
        values = line_values(line)
        row = rows.get(line.number)
        if row is None:
            row = ForceLineRow(mission_id=mission_id, number=line.number, revision=1, **values)
            row.source, row.position = source, position
            session.add(row)
            row.events.append(_event(at, "created", note or source, line_values_plain(line)))
            created.append(line.number)
            continue
        before = to_line(row)
        diff = {
            f: [_plain(getattr(before, f)), _plain(getattr(line, f))]
            for f in _LINE_FIELDS
            if getattr(before, f) != getattr(line, f)
        }
        if row.retired_at is not None:
            row.retired_at = None
            diff["retired"] = [True, False]
        if row.source != source:
            diff["source"] = [row.source, source]
        row.position = position
        if diff:
            for key, value in values.items():
                setattr(row, key, value)
            row.source, row.revision = source, row.revision + 1
            row.events.append(_event(at, "changed", note or source, diff))
            changed.append(line.number)
        elif confirm:
            row.events.append(_event(at, "confirmed", note or source, {}))
    retired = []
    for row in rows.values():
        if row.source == source and row.retired_at is None and row.number not in wanted:
            row.retired_at, row.revision = at, row.revision + 1
            row.events.append(_event(at, "retired", note or source, {}))
            retired.append(row.number)
    session.flush()
    return LineSync(tuple(created), tuple(changed), tuple(retired))


def line_values_plain(line: RequirementLine) -> dict[str, Any]:
    return {f: _plain(getattr(line, f)) for f in _LINE_FIELDS if f != "number"}


def edit_line(
    session: Session,
    mission_id: int,
    edited: RequirementLine,
    revision: int | None,
    at: dt.datetime,
    note: str,
) -> RequirementLine:
    """Store an edited line; Conflict when it changed since `revision` was read."""
    row = line_row(session, mission_id, edited.number)
    if revision is not None and row.revision != revision:
        raise Conflict(
            f"line {edited.number} changed since revision {revision} (now {row.revision}); "
            "read it again before editing"
        )
    before = to_line(row)
    diff = {
        f: [_plain(getattr(before, f)), _plain(getattr(edited, f))]
        for f in _LINE_FIELDS
        if getattr(before, f) != getattr(edited, f)
    }
    if diff:
        for key, value in line_values(edited).items():
            setattr(row, key, value)
        row.revision += 1
        row.events.append(_event(at, "changed", note, diff))
        session.flush()
    return edited


def line_row(session: Session, mission_id: int, number: str) -> ForceLineRow:
    row = session.scalars(
        select(ForceLineRow).where(
            ForceLineRow.mission_id == mission_id, ForceLineRow.number == number
        )
    ).first()
    if row is None:
        raise NotFound(f"requirement line {number} is not in the statement")
    return row


def line_revision(session: Session, mission_id: int, number: str) -> int:
    return line_row(session, mission_id, number).revision


def _event(at: dt.datetime, action: str, source: str, detail: dict[str, Any]) -> ForceLineEventRow:
    return ForceLineEventRow(at=at, action=action, source=source, detail=detail)


def line_history(session: Session, mission_id: int, number: str) -> tuple[LineEvent, ...]:
    """The line's own changes and every state its offers went through, oldest first."""
    row = line_row(session, mission_id, number)
    events = [LineEvent(number, e.at, e.action, _describe(e.detail), e.source) for e in row.events]
    offers = session.scalars(select(ForceOfferRow).where(ForceOfferRow.line_id == row.id))
    for offer in offers:
        for e in offer.events:
            where = f" in round {e.round.code}" if e.round else ""
            note = f": {e.note}" if e.note else ""
            events.append(
                LineEvent(
                    number,
                    e.at,
                    e.state,
                    f"offer {offer.code} of {offer.nation}, {offer.count} people{where}{note}",
                    offer.source,
                )
            )
    return tuple(sorted(events, key=lambda e: e.at))


def _describe(detail: dict[str, Any]) -> str:
    parts = []
    for key, value in detail.items():
        if isinstance(value, list) and len(value) == 2 and not isinstance(value[0], dict):
            parts.append(f"{key} {value[0]} → {value[1]}")
        else:
            parts.append(f"{key} {value}")
    return "; ".join(parts)
