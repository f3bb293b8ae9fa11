"""Writing the register, its overlaps and its gaps as HXL-tagged tables: a row of headers, a
row of hashtags, then the data, as CSV or XLSX; libhxl reads them back as they were written
(the register's own columns first, then every column kept from imports)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

from cadre.domain.coordination.activities import Activity, Need
from cadre.domain.coordination.gaps import Gap
from cadre.domain.coordination.overlaps import Overlap
from cadre.domain.coordination.places import governorate
from cadre.interchange.coordination.hxl_columns import (
    ACTIVITY_FIELDS,
    NEED_FIELDS,
    ORIGIN_OURS,
)

Table = list[list[str]]
FORMATS = ("csv", "xlsx")


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _governorate_name(pcode: str) -> str:
    found = governorate(pcode)
    return found.english if found else ""


def activity_cells(a: Activity) -> dict[str, str]:
    return {
        "code": a.code,
        "organisation": a.organisation,
        "organisation_name": a.organisation_name,
        "organisation_type": a.organisation_type.value,
        "discipline": a.discipline,
        "activity_type": a.activity_type.value,
        "title": a.title,
        "beneficiary": a.beneficiary,
        "governorate_name": _governorate_name(a.governorate),
        "governorate": a.governorate,
        "district_name": a.district_name,
        "district": a.district,
        "site": a.site,
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "status": a.status.value,
        "planned": _count(a.planned),
        "reached": _count(a.reached),
        "contact": a.contact,
        "source": a.source,
        "reported": a.reported.isoformat() if a.reported else "",
        "classification": a.classification,
        "releasable_to": ", ".join(a.releasable_to),
        "origin": ORIGIN_OURS if a.ours else "",
    }


def register_table(activities: Iterable[Activity]) -> Table:
    """The register's columns, then each tag kept from imports, in the order first met."""
    listed = list(activities)
    kept: list[str] = []
    for a in listed:
        kept.extend(tag for tag, _ in a.extras if tag not in kept)
    table = [
        [f.header for f in ACTIVITY_FIELDS] + ["" for _ in kept],
        [str(f.tag) for f in ACTIVITY_FIELDS] + kept,
    ]
    for a in listed:
        cells, extras = activity_cells(a), dict(a.extras)
        table.append([cells[f.name] for f in ACTIVITY_FIELDS] + [extras.get(t, "") for t in kept])
    return table


def needs_table(needs: Iterable[Need]) -> Table:
    table = [[f.header for f in NEED_FIELDS], [str(f.tag) for f in NEED_FIELDS]]
    for n in needs:
        cells = {
            "governorate_name": _governorate_name(n.governorate),
            "governorate": n.governorate,
            "discipline": n.discipline,
            "people": str(n.people),
            "organisation": n.organisation,
            "source": n.source,
            "classification": n.classification,
            "releasable_to": ", ".join(n.releasable_to),
        }
        table.append([cells[f.name] for f in NEED_FIELDS])
    return table


def overlaps_table(overlaps: Iterable[Overlap]) -> Table:
    table = [
        ["Governorate", "Governorate p-code", "Sector", "Beneficiary", "First activity",
         "Second activity", "First organisation", "Second organisation", "From", "To",
         "Same", "Score"],
        ["#adm1+name", "#adm1+code", "#sector+code", "#beneficiary", "#activity+code+first",
         "#activity+code+second", "#org+code+first", "#org+code+second", "#date+start",
         "#date+end", "#meta+place", "#meta+score"],
    ]  # fmt: skip
    for o in overlaps:
        table.append(
            [_governorate_name(o.governorate), o.governorate, o.discipline, o.beneficiary,
             o.first, o.second, *o.organisations, o.start.isoformat(), o.end.isoformat(),
             o.place, f"{o.score:.2f}"]
        )  # fmt: skip
    return table


def gaps_table(gaps: Iterable[Gap]) -> Table:
    table = [
        ["Governorate", "Governorate p-code", "Sector", "Demand", "Covered", "Shortfall",
         "Activities", "Organisations"],
        ["#adm1+name", "#adm1+code", "#sector+code", "#inneed", "#targeted",
         "#meta+shortfall", "#meta+activities", "#org+code+list"],
    ]  # fmt: skip
    for g in gaps:
        table.append(
            [_governorate_name(g.governorate), g.governorate, g.discipline, str(g.demand),
             str(g.people), str(g.shortfall), str(g.activities), ", ".join(g.organisations)]
        )  # fmt: skip
    return table


def to_bytes(table: Sequence[Sequence[str]], fmt: str) -> bytes:
    """The table as a CSV file (UTF-8, for Arabic text) or an XLSX workbook of text cells."""
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "register"
        for row in table:
            sheet.append(list(row))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(table)
    return text.getvalue().encode("utf-8")
