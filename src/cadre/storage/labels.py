"""Releasability labels as rows, keyed by mission, kind and the record's own code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cadre.storage.service_models import RecordLabelRow
from cadre.storage.upsert import upsert


@dataclass(frozen=True)
class StoredLabel:
    classification: str
    owner: str
    releasable_to: tuple[str, ...]


def mission_labels(session: Session, mission_id: int) -> dict[tuple[str, str], StoredLabel]:
    """Every label stored for the mission, by (kind, key); records without one have none."""
    rows = session.execute(
        select(
            RecordLabelRow.kind,
            RecordLabelRow.key,
            RecordLabelRow.classification,
            RecordLabelRow.owner,
            RecordLabelRow.releasable_to,
        ).where(RecordLabelRow.mission_id == mission_id)
    )
    return {(r[0], r[1]): StoredLabel(r[2], r[3], tuple(r[4])) for r in rows}


def put_label(
    session: Session, mission_id: int, kind: str, key: str, label: StoredLabel, at: dt.datetime
) -> None:
    upsert(
        session, RecordLabelRow, {"mission_id": mission_id, "kind": kind, "key": key},
        classification=label.classification, owner=label.owner,
        releasable_to=sorted(label.releasable_to), updated_at=at,
    )  # fmt: skip


def drop_label(session: Session, mission_id: int, kind: str, key: str) -> None:
    session.execute(
        delete(RecordLabelRow).where(
            RecordLabelRow.mission_id == mission_id,
            RecordLabelRow.kind == kind,
            RecordLabelRow.key == key,
        )
    )
