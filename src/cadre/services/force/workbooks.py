"""A nation's pledge workbook: fetched with only the requirement lines the principal may see,
and sent back all or nothing with its validation report. Whoever may write only its own
nation's pledges may fetch and send only its own nation's workbook."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
import tempfile
from dataclasses import dataclass

from cadre.access.policy import Principal
from cadre.domain.errors import Forbidden, InvalidInput, Problem
from cadre.interchange.pledge_csv import read_csv_pledges, write_csv_template
from cadre.interchange.pledge_rows import MAX_BYTES as MAX_BYTES
from cadre.interchange.pledge_template import write_template
from cadre.interchange.pledge_workbook import read_pledges
from cadre.services.access.redaction import redaction
from cadre.services.access.scope import Scope, read
from cadre.services.force import offers as force_offers
from cadre.services.force.offers import FIRST_ROUND, OfferImport, lines_open_to
from cadre.services.force.queries import workbook_nations
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import force_lines
from cadre.storage import force_offers as offer_store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Workbook:
    filename: str
    media_type: str
    data: bytes


def _require_nation(scope: Scope, nation: str) -> None:
    if nation not in workbook_nations(scope):
        raise Forbidden(f"you may not fetch or send the pledge workbook of {nation}")


def pledge_workbook(
    uow: UnitOfWork, principal: Principal, mission: str, nation: str, form: str = "xlsx"
) -> Workbook:
    """The nation's workbook listing the lines it may fill that the principal may see."""
    if form not in ("xlsx", "csv"):
        raise InvalidInput([Problem("a workbook is .xlsx or .csv", field="format")])
    filename = f"{mission}-{nation}-pledges.{form}"
    with tempfile.TemporaryDirectory(prefix="cadre-workbook-") as folder:
        out = pathlib.Path(folder) / filename

        def write(scope: Scope) -> None:
            _require_nation(scope, nation)
            lines = [
                line
                for line in force_lines.load_lines(scope.session, scope.mission_id)
                if scope.sees("requirements", line.number)
            ]
            # A line at a site, for a course or of a qualification the reader may not see
            # rests on a hidden record: the one redaction step leaves it out.
            lines = redaction(scope).derived(lines)
            scenario = scope.projection()
            listed = lines_open_to(scenario, nation, lines)
            if form == "csv":
                write_csv_template(out, nation, listed)
            else:
                write_template(out, scenario, nation, listed, dt.datetime.now(dt.UTC))

        read(uow, principal, mission, write)
        return Workbook(filename, XLSX if form == "xlsx" else "text/csv", out.read_bytes())


def import_workbook(
    uow: UnitOfWork, principal: Principal, mission: str, filename: str, data: bytes
) -> OfferImport:
    """Store the offers of an uploaded workbook, as `cadre force import` does; InvalidInput
    names sheet, row, column and reason for every problem, and then nothing is stored."""
    if not filename:
        raise InvalidInput(
            [Problem("choose the workbook to send", field="workbook", code="pledge.no_file")]
        )
    name = _SAFE.sub("_", pathlib.PurePath(filename).name)[:120] or "workbook.xlsx"
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            [
                Problem(
                    f"the file is {len(data):,} bytes; at most {MAX_BYTES:,}",
                    file=name,
                    code="pledge.file_too_big",
                    params={"size": len(data), "limit": MAX_BYTES},
                )
            ]
        )
    reader = {".xlsx": read_pledges, ".xlsm": read_pledges, ".csv": read_csv_pledges}.get(
        pathlib.PurePath(name).suffix.lower()
    )
    if reader is None:
        raise InvalidInput(
            [
                Problem(
                    "a pledge file is an .xlsx workbook or a .csv file",
                    file=name,
                    code="pledge.file_kind",
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="cadre-upload-") as folder:
        # The file keeps its own name, so that the report names the file the user sent.
        path = pathlib.Path(folder) / name
        path.write_bytes(data)

        def check(scope: Scope) -> None:
            """Read it once before storing, to know whose offers these are."""
            lines = {x.number: x for x in force_lines.load_lines(scope.session, scope.mission_id)}
            latest = offer_store.latest_round(scope.session, scope.mission_id)
            nation, _ = reader(
                path,
                scope.data.scenario,
                lines,
                latest.code if latest else FIRST_ROUND,
                dt.date.today(),
            )
            _require_nation(scope, nation)

        read(uow, principal, mission, check)
        outcome = force_offers.import_offers(uow, path, mission)
    return outcome
