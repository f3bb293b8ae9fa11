"""The timetable's web presenters, one module a concern: the page (`page`), its calendar
arithmetic (`weeks`), the files it hands out (`files`) and the forms that start a timetable
or a re-plan as a job (`replan`). The names below are what the pages and tests import."""

from cadre.services.timetable.release import Released
from cadre.web.presenters.timetable.files import timetable_ics, timetable_workbook
from cadre.web.presenters.timetable.page import TimetablePage, timetable_page
from cadre.web.presenters.timetable.replan import start_timetable
from cadre.web.presenters.timetable.weeks import teaching_days, weeks_of

__all__ = [
    "Released",
    "TimetablePage",
    "start_timetable",
    "teaching_days",
    "timetable_ics",
    "timetable_page",
    "timetable_workbook",
    "weeks_of",
]
