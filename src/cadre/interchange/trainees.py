"""A trainee as written by people: text fields (a file's row, an API body) read into the
domain's `Trainee`, every problem named by its field; and a trainee as a plain document
(the API's answer, the audit trail's before and after). The import and the API share these
rules, and the domain's `trainee_problems` after them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from cadre.domain.coordination.places import governorate, governorate_named
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.host import HostName
from cadre.domain.training.names import suggested_latin
from cadre.domain.training.trainees import Trainee, Vetting, VettingStatus, trainee_problems
from cadre.interchange.trainee_table import TableRow, read_rows

COLUMNS = (
    "service",
    "service_number",
    "name_ar",
    "name_latin",
    "birth_year",
    "rank",
    "unit",
    "governorate",
    "vetting_status",
    "vetting_date",
    "vetting_authority",
    "vetting_until",
    "languages",
)
REQUIRED = ("service", "service_number", "name_ar")
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2})\s*[=:]\s*(\d)\s*$")


def read_trainee(
    fields: Mapping[str, str | None], *, today: dt.date
) -> tuple[Trainee | None, list[Problem]]:
    """The trainee the fields describe, or the problems that keep them from being one."""
    text = {k: (v or "").strip() for k, v in fields.items()}
    problems = [
        Problem("is required", field=name, code="trainee.required", params={"field": name})
        for name in REQUIRED
        if not text.get(name)
    ]
    birth = _year(text.get("birth_year", ""), problems)
    decided = _date(text, "vetting_date", problems)
    until = _date(text, "vetting_until", problems)
    status = _status(text.get("vetting_status", ""), problems)
    languages = _languages(text.get("languages", ""), problems)
    place = _governorate(text.get("governorate", ""), problems)
    if any(p.code == "trainee.required" for p in problems):
        return None, problems
    arabic = " ".join(text["name_ar"].split())
    trainee = Trainee(
        service=text["service"].upper(),
        number=text["service_number"],
        name=HostName(
            arabic, " ".join(text.get("name_latin", "").split()) or suggested_latin(arabic)
        ),
        birth_year=birth,
        rank=text.get("rank", "").upper(),
        unit=text.get("unit", ""),
        governorate=place,
        vetting=Vetting(status, decided, text.get("vetting_authority", ""), until),
        languages=languages,
    )
    # The domain's rules on what was read, so one pass names every broken field.
    named = {p.field for p in problems}
    problems += [p for p in trainee_problems(trainee, this_year=today.year) if p.field not in named]
    return (None if problems else trainee), problems


def _year(value: str, problems: list[Problem]) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) != 4:
        problems.append(
            Problem(f"{value!r} is not a year", field="birth_year", code="trainee.bad_birth_year")
        )
        return None
    return int(value)


def _date(text: Mapping[str, str], name: str, problems: list[Problem]) -> dt.date | None:
    value = text.get(name, "")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        problems.append(
            Problem(f"{value!r} is not a date (2019-03-31)", field=name, code="trainee.bad_date")
        )
        return None


def _status(value: str, problems: list[Problem]) -> VettingStatus:
    if not value:
        return VettingStatus.PENDING
    try:
        return VettingStatus(value.lower())
    except ValueError:
        named = ", ".join(s.value for s in VettingStatus)
        problems.append(
            Problem(
                f"{value!r} is not a vetting status; one of {named}",
                field="vetting_status",
                code="trainee.bad_vetting_status",
            )
        )
        return VettingStatus.PENDING


def _languages(value: str, problems: list[Problem]) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in re.split(r"[;,\s]+(?=[A-Za-z]{2}\s*[=:])", value.strip()) if value.strip() else []:
        match = _LANGUAGE.match(part)
        if match is None:
            problems.append(
                Problem(
                    f"{part!r}: write each language as ar=5 (ISO code = STANAG 6001 level)",
                    field="languages",
                    code="trainee.bad_language",
                )
            )
            continue
        found[match[1].lower()] = int(match[2])
    return found


def _governorate(value: str, problems: list[Problem]) -> str:
    if not value:
        return ""
    found = governorate(value) or governorate_named(value)
    if found is None:
        problems.append(
            Problem(
                f"{value!r} is not a governorate of Iraq (a p-code such as IQG08, or its name)",
                field="governorate",
                code="trainee.bad_governorate",
            )
        )
        return ""
    return found.pcode


def trainee_document(trainee: Trainee) -> dict[str, Any]:
    """The trainee in the import's own field names, dates as ISO text."""
    v = trainee.vetting
    return {
        "service": trainee.service,
        "service_number": trainee.number,
        "name_ar": trainee.name.arabic,
        "name_latin": trainee.name.latin,
        "birth_year": trainee.birth_year,
        "rank": trainee.rank,
        "unit": trainee.unit,
        "governorate": trainee.governorate,
        "vetting_status": v.status.value,
        "vetting_date": v.decided.isoformat() if v.decided else None,
        "vetting_authority": v.authority,
        "vetting_until": v.valid_until.isoformat() if v.valid_until else None,
        "languages": dict(sorted(trainee.languages.items())),
    }


def as_fields(document: Mapping[str, Any]) -> dict[str, str]:
    """A document (an API body) as the text fields `read_trainee` takes."""
    fields = {}
    for name in COLUMNS:
        value = document.get(name)
        if name == "languages" and isinstance(value, Mapping):
            value = " ".join(f"{k}={v}" for k, v in value.items())
        fields[name] = "" if value is None else str(value)
    return fields


CHECKED_EVERY = 500  # rows between two reports of how far the check has come


def read_trainee_file(
    data: bytes,
    file: str,
    *,
    today: dt.date,
    checked: Callable[[int, int], None] | None = None,
) -> list[Trainee]:
    """Every trainee of a CSV or XLSX table, or InvalidInput with every problem of every row
    located by file, line, column and field (a service number twice in the file too).
    `checked(done, total)` hears how many rows are checked, every few hundred."""
    table = read_rows(data, file, COLUMNS)
    missing = [name for name in REQUIRED if name not in (table[0].columns if table else {})]
    if missing or not table:
        reason = f"the table needs the columns {', '.join(missing)}" if missing else "no rows"
        raise InvalidInput([Problem(reason, file=file, line=1)], code="trainees.no_rows")
    found: list[Trainee] = []
    problems: list[Problem] = []
    first_line: dict[tuple[str, str], int] = {}
    for done, row in enumerate(table):
        if checked is not None and done % CHECKED_EVERY == 0:
            checked(done, len(table))
        trainee, wrong = read_trainee(row.cells, today=today)
        problems += sorted((_located(p, file, row) for p in wrong), key=lambda p: p.column or 0)
        if trainee is None:
            continue
        key = (trainee.service, trainee.number)
        if key in first_line:
            problems.append(
                _located(
                    Problem(
                        f"service number {trainee.number} of {trainee.service} is also on line "
                        f"{first_line[key]}",
                        field="service_number",
                        code="trainee.number_twice",
                        params={"line": first_line[key]},
                    ),
                    file,
                    row,
                )
            )
        first_line.setdefault(key, row.line)
        found.append(trainee)
    if checked is not None:
        checked(len(table), len(table))
    if problems:
        raise InvalidInput(problems, code="trainees.table_refused", file=file)
    return found


def _located(problem: Problem, file: str, row: TableRow) -> Problem:
    return dataclasses.replace(
        problem, file=file, line=row.line, column=row.columns.get(problem.field)
    )
