"""The write behind every `put_*` of one row per key (a teacher link, a trainee account, an
attendance mark, a course's rule, a run's lead, a record's label): the row for the key is
added when there is none, otherwise changed in place, so its id and its references stay."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre.storage.models import Base

RowT = TypeVar("RowT", bound=Base)


def upsert(session: Session, table: type[RowT], key: Mapping[str, Any], **values: Any) -> RowT:
    """The row of `table` whose columns hold `key`, with `values` set. Flushed, so that a
    constraint the row breaks is raised here, where its caller can say which."""
    row = session.scalars(select(table).filter_by(**key)).first()
    if row is None:
        row = table(**key)
        session.add(row)
    for column, value in values.items():
        setattr(row, column, value)
    session.flush()
    return row
