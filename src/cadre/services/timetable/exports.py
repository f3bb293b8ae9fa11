"""Timetables handed out: iCalendar files per instructor, site and cohort, and the workbook."""

from __future__ import annotations

import pathlib
from typing import Any

from cadre.domain.errors import InvalidInput
from cadre.interchange.timetable_ics import (
    SUBJECTS,
    calendar_text,
    write_calendars,
)
from cadre.interchange.timetable_json import left_out_to_json, plan_to_json
from cadre.interchange.timetable_xlsx import write_workbook
from cadre.services.timetable.queries import TimetableVersion, load_timetable, previous_of
from cadre.services.unit_of_work import UnitOfWork


def export_calendars(
    uow: UnitOfWork, version: TimetableVersion, directory: pathlib.Path
) -> list[pathlib.Path]:
    """iCalendar files per instructor, site and cohort; after a re-plan, runs a subject lost
    are cancelled in its calendar."""
    before = previous_of(uow, version)
    return write_calendars(
        directory, version.problem, version.plan, version.version, before.plan if before else None
    )


def export_workbook(version: TimetableVersion, path: pathlib.Path) -> None:
    write_workbook(path, version.problem, version.plan)


def timetable_document(version: TimetableVersion) -> dict[str, Any]:
    """The stored timetable as JSON for other tools: its version, how it was made, what the
    independent checker found, every run left out with its cause and capacity plan line, and
    the timetable as plan versions keep it."""
    return {
        "version": version.number,
        "created_at": version.created_at.isoformat(),
        "parameters": version.parameters,
        "violations": list(version.violations),
        "left_out": left_out_to_json(version.left_out),
        "timetable": plan_to_json(version.plan),
    }


def subject_calendar(
    uow: UnitOfWork, by: str, key: str, mission: str | None = None, number: int | None = None
) -> str:
    """One instructor's, site's or cohort's iCalendar file (stable UIDs, runs it lost since
    the version before cancelled)."""
    if by not in SUBJECTS:
        raise InvalidInput(f"by is one of {', '.join(SUBJECTS)}, not {by}")
    version = load_timetable(uow, number, mission)
    before = previous_of(uow, version)
    return calendar_text(
        version.problem, version.plan, by, key, version.version, before.plan if before else None
    )
