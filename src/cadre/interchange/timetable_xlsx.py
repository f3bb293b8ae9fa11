"""A mission timetable as a workbook: every run (placed or not, and why), every assignment of
an instructor, and one sheet per site with its rooms week by week.

No cell is ever a formula: text that looks like one is written as quote-prefixed text.
Sheet names, headers and the workbook's own words are in the reader's language (`Words`), and
a right-to-left reader's sheets run right to left; the records' codes and names stay as kept.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Sequence
from typing import Any, BinaryIO

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from cadre.domain.timetable.plan import TimetablePlan, co_teaching
from cadre.domain.timetable.problem import MissionProblem, PlacedRun
from cadre.domain.timetable.rules import certified_for
from cadre.interchange.pledge_template import put
from cadre.interchange.words import ENGLISH, Words

RUNS = (
    "run", "course", "title", "site", "room", "cohort", "first day", "last day", "teaching days",
    "instructors", "co-teaching", "placed", "why not placed",
)  # fmt: skip
ASSIGNMENTS = (
    "run", "course", "site", "room", "first day", "last day", "instructor", "name", "nation",
    "role", "mentor",
)  # fmt: skip
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def _table(
    sheet: Worksheet, header: Sequence[str], rows: list[list[Any]], words: Words = ENGLISH
) -> None:
    header = [words.say(title) for title in header]
    sheet.sheet_view.rightToLeft = words.rtl
    for column, title in enumerate(header, 1):
        put(sheet, 1, column, title).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cell = put(sheet, r, column, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for column, title in enumerate(header, 1):
        width = max([len(title)] + [len(str(row[column - 1])) for row in rows[:200]])
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = min(60, width + 2)


def run_rows(
    problem: MissionProblem, plan: TimetablePlan, words: Words = ENGLISH
) -> list[list[Any]]:
    say = words.say
    placed = {p.run: p for p in plan.result.solution.placed}
    why = {u.run: "; ".join(b.reason for b in u.blockers) for u in plan.result.unplaced}
    rows = []
    for run in plan.runs:
        course = problem.course(run.course)
        p = placed.get(run.code)
        pairs = co_teaching(problem, p) if p else ()
        rows.append(
            [
                run.code,
                run.course,
                course.title,
                run.site,
                p.room if p else "",
                run.cohort or "",
                p.start if p else "",
                p.end if p else "",
                course.duration_days,
                ", ".join(p.instructors) if p else "",
                ", ".join(
                    say("%(learner)s with %(mentor)s") % {"learner": c.learner, "mentor": c.mentor}
                    for c in pairs
                ),
                say("yes") if p else say("no"),
                why.get(run.code, ""),
            ]
        )
    return rows


def assignment_rows(
    problem: MissionProblem, plan: TimetablePlan, words: Words = ENGLISH
) -> list[list[Any]]:
    rows = []
    for p in plan.result.solution.placed:
        run = plan.run(p.run)
        mentors = {c.learner: c.mentor for c in co_teaching(problem, p)}
        for code in p.instructors:
            trainer = problem.trainer(code) if problem.has("trainer", code) else None
            certified = trainer is not None and certified_for(problem, trainer, run.course)
            rows.append(
                [
                    p.run,
                    run.course,
                    run.site,
                    p.room,
                    p.start,
                    p.end,
                    code,
                    trainer.name if trainer else "",
                    trainer.nation if trainer else "",
                    words.say("certified" if certified else "under certification"),
                    mentors.get(code, ""),
                ]
            )
    return rows


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)  # weeks run from Sunday


def _site_sheet(
    sheet: Worksheet, problem: MissionProblem, plan: TimetablePlan, site: str, words: Words
) -> None:
    placed = [p for p in plan.result.solution.placed if plan.run(p.run).site == site]
    rooms = sorted({r.code for r in problem.site(site).rooms} | {p.room for p in placed})
    sheet.sheet_view.rightToLeft = words.rtl
    put(sheet, 1, 1, words.say("week from")).font = Font(bold=True)
    for column, room in enumerate(rooms, 2):
        put(sheet, 1, column, room).font = Font(bold=True)
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 34
    sheet.column_dimensions["A"].width = 12
    week, row = _week_start(plan.start), 2
    while week <= plan.end:
        put(sheet, row, 1, week).number_format = "yyyy-mm-dd"
        for column, room in enumerate(rooms, 2):
            held = [p for p in placed if p.room == room and _in_week(p, week)]
            if held:
                cell = put(sheet, row, column, "\n".join(_label(plan, p, words) for p in held))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        week += dt.timedelta(days=7)
        row += 1
    sheet.freeze_panes = "B2"


def _in_week(p: PlacedRun, week: dt.date) -> bool:
    return p.start <= week + dt.timedelta(days=6) and week <= p.end


def _label(plan: TimetablePlan, p: PlacedRun, words: Words) -> str:
    run = plan.run(p.run)
    return f"{run.course} · {run.cohort or words.say('open class')} · {' '.join(p.instructors)}"


def sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, and unique."""
    base = text.translate(_FORBIDDEN)[:31] or "site"
    title, n = base, 2
    while title.lower() in taken:
        title = f"{base[: 31 - len(str(n)) - 1]}~{n}"
        n += 1
    taken.add(title.lower())
    return title


def write_workbook(
    path: pathlib.Path | BinaryIO,
    problem: MissionProblem,
    plan: TimetablePlan,
    words: Words = ENGLISH,
) -> None:
    """The timetable as staff read it in a spreadsheet, to a file or a stream."""
    book = openpyxl.Workbook()
    runs = book.active
    assert runs is not None
    runs.title = words.say("Runs")
    _table(runs, RUNS, run_rows(problem, plan, words), words)
    assignments = book.create_sheet(words.say("Assignments"))
    _table(assignments, ASSIGNMENTS, assignment_rows(problem, plan, words), words)
    taken = {runs.title.lower(), assignments.title.lower()}
    for site in sorted({r.site for r in plan.runs}):
        sheet = book.create_sheet(sheet_title(site, taken))
        _site_sheet(sheet, problem, plan, site, words)
    book.save(path)
