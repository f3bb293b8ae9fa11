"""The register, its overlaps and its gaps as HXL-tagged CSV or XLSX files, made from what
the reader may see and nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput
from cadre.interchange.coordination.hxl_write import (
    FORMATS,
    gaps_table,
    needs_table,
    overlaps_table,
    register_table,
    to_bytes,
)
from cadre.services.coordination import queries
from cadre.services.coordination.queries import EVERYTHING, Filters
from cadre.services.unit_of_work import UnitOfWork

TABLES = ("register", "overlaps", "gaps", "needs")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Export:
    mission: str
    name: str  # a file name to offer, e.g. NMI-register.csv
    media_type: str
    content: bytes


def export(
    uow: UnitOfWork,
    principal: Principal | None,
    table: str,
    fmt: str = "csv",
    mission: str | None = None,
    filters: Filters = EVERYTHING,
    *,
    today: dt.date | None = None,
) -> Export:
    """One of the register's tables as the reader may see it, in HXL."""
    if fmt not in FORMATS:
        raise InvalidInput(
            f"the format is one of {', '.join(FORMATS)}, not {fmt}",
            code="coordination.bad_format",
            format=fmt,
        )
    if table not in TABLES:
        raise InvalidInput(
            f"the table is one of {', '.join(TABLES)}, not {table}",
            code="coordination.bad_table",
            table=table,
        )
    code = queries.mission_code(uow, principal, mission)
    if table == "register":
        rows = register_table(
            queries.register(uow, principal, code, filters, today=today).activities
        )
    elif table == "overlaps":
        rows = overlaps_table(queries.overlaps(uow, principal, code, filters, today=today))
    elif table == "gaps":
        rows = gaps_table(queries.gaps(uow, principal, code, filters, today=today))
    else:
        rows = needs_table(queries.needs(uow, principal, code))
    return Export(code, f"{code}-{table}.{fmt}", MEDIA_TYPES[fmt], to_bytes(rows, fmt))
