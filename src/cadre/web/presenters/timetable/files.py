"""The timetable as files: a subject's iCalendar and the whole workbook, each as the reader
may see it and in the reader's words."""

from __future__ import annotations

from cadre.access.policy import Principal
from cadre.services.timetable.release import released_calendar, released_workbook
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.chart_words import reader_words
from cadre.web.navigation import Page, require_page
from cadre.web.presenters.timetable.page import check_view


def timetable_ics(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    *,
    by: str,
    key: str,
    version: int | None = None,
) -> str:
    """The subject's calendar (RFC 5545, stable UIDs), as the principal may see it."""
    require_page(principal, Page.TIMETABLE)
    check_view("week", by)
    return released_calendar(uow, principal, mission, by, key, version, reader_words())


def timetable_workbook(
    uow: UnitOfWork, principal: Principal, mission: str, *, version: int | None = None
) -> tuple[int, bytes]:
    """The timetable as an .xlsx workbook, as the principal may see it."""
    require_page(principal, Page.TIMETABLE)
    return released_workbook(uow, principal, mission, version, reader_words())
