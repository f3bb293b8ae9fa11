"""A run's roster as a grid (a mark per seated trainee per teaching day, and the score) for
the course director's page and for the workbook a school fills in offline; and that
workbook read back: every change stored, or none (each problem located by sheet, row and
column), and a cell changed in the app since the download is never overwritten: when the
sheet changed it too, to something else, the upload is refused with the conflict named."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.record_names import Named
from cadre.domain.training.certificates import Completion, Mark, completion
from cadre.domain.training.enrolment import RunSeats, Standing
from cadre.domain.training.roster_edits import Cell, Outcome
from cadre.interchange.roster_workbook import (
    LETTER_OF,
    MAX_BYTES,
    MEDIA_TYPE,
    RosterSheet,
    SheetLine,
    cell_name,
    day_column,
    read_roster,
    roster_workbook,
    score_column,
)
from cadre.interchange.words import ENGLISH, Words
from cadre.services.training.enrolment import rule_for, run_work
from cadre.services.training.release import TrainingSight, sight
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_certificates as certificate_rows
from cadre.storage import training_marks
from cadre.storage import training_results as results_rows
from cadre.storage.training import EnrolmentRow

__all__ = ["MAX_BYTES", "MEDIA_TYPE"]  # what the edges need to take a workbook in and out


def seated_rows(session: Session, seen: TrainingSight, run: str) -> list[EnrolmentRow]:
    """The run's seated enrolments whose trainees the reader sees."""
    return [
        e
        for e in results_rows.enrolments_in(session, seen.mission_id, run)
        if e.standing == Standing.ENROLLED and seen.sees_trainee(e.trainee_id)
    ]


def _grid(
    session: Session, seen: TrainingSight, seats: RunSeats
) -> tuple[RosterSheet, dict[int, dict[dt.date, Mark]]]:
    seated = [
        s
        for s in training_marks.seated_lines(session, seen.mission_id, seats.run)
        if seen.sees_trainee(s.trainee)
    ]
    on_run = training_marks.run_marks(session, seen.mission_id, seats.run)
    by_trainee = {s.trainee: on_run.get(s.enrolment, {}) for s in seated}
    days = seats.days
    lines = tuple(
        SheetLine(
            s.trainee,
            s.service,
            s.number,
            s.latin,
            s.arabic,
            tuple(map(by_trainee[s.trainee].get, days)),
            s.score,
        )
        for s in seated
    )
    return RosterSheet(seen.mission, seats.run, seats.course, days, lines), by_trainee


def roster_sheet(
    uow: UnitOfWork, principal: Principal | None, run: str, mission: str | None = None
) -> RosterSheet:
    """The seated trainees the reader may see, each with a mark per teaching day (None:
    not marked yet) and the score."""
    runs = mission_runs(uow, mission)
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, taught=runs.taught_by)
        seen.require_run(run)
        return _grid(session, seen, runs.run(run))[0]


@dataclass(frozen=True)
class DirectorRoster:
    """The course director's page: the grid, and for each trainee completion by the
    course's rule and the certificate issued."""

    sheet: RosterSheet
    completion: dict[int, Completion]
    certificates: dict[int, str]
    site: str
    course_name: Named  # the course's title in every language it has, for the page to pick
    site_name: Named


def director_roster(
    uow: UnitOfWork, principal: Principal | None, run: str, mission: str | None = None
) -> DirectorRoster:
    runs = mission_runs(uow, mission)
    seats = runs.run(run)
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, taught=runs.taught_by)
        seen.require_run(run)
        sheet, marks = _grid(session, seen, seats)
        rule = rule_for(session, seen.mission_id, seats.course)
        done = {
            line.trainee: completion(rule, seats.days, marks[line.trainee], line.score)
            for line in sheet.lines
        }
        issued = training_marks.certificates_of_run(session, seen.mission_id, run)
        return DirectorRoster(
            sheet, done, issued, seats.site,
            certificate_rows.course_named(session, seen.mission_id, seats.course),
            certificate_rows.site_named(session, seen.mission_id, seats.site),
        )  # fmt: skip


def download_roster(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    mission: str | None = None,
    words: Words = ENGLISH,
) -> bytes:
    """The roster as a workbook, its sheets and headings in `words`."""
    return roster_workbook(roster_sheet(uow, principal, run, mission), words)


@dataclass(frozen=True)
class RosterDownload:
    """A run's roster workbook as the API and the web page hand it out: one name, one type."""

    name: str  # the file name offered, roster-RUN.xlsx
    content: bytes
    media_type: str = MEDIA_TYPE

    @property
    def disposition(self) -> str:
        """The Content-Disposition header: saved as a file, under its name."""
        return f'attachment; filename="{self.name}"'


def roster_download(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    mission: str | None = None,
    words: Words = ENGLISH,
) -> RosterDownload:
    return RosterDownload(
        f"roster-{run}.xlsx", download_roster(uow, principal, run, mission, words)
    )


@dataclass(frozen=True)
class RosterApplied:
    run: str
    marks: int  # attendance marks stored from the sheet
    scores: int  # scores stored from the sheet
    kept: int  # cells changed in the app since the download and left alone by the sheet


def upload_roster(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    data: bytes,
    filename: str,
    on: dt.date,
    mission: str | None = None,
) -> RosterApplied:
    """Store what the filled-in workbook changed: all of it, or on any problem or conflict
    nothing, with every one located (sheet, row, column) and said."""
    upload = read_roster(data, filename)
    with run_work(uow, principal, mission, run) as (session, seen, _, seats):
        problems: list[Problem] = []
        if (upload.mission, upload.run) != (seen.mission, run):
            problems.append(
                Problem(
                    f"the workbook is the roster of run {upload.run} of mission "
                    f"{upload.mission}, not of run {run} of {seen.mission}",
                    "About", filename, code="roster.other_run",
                )
            )  # fmt: skip
        if upload.days != seats.days:
            problems.append(
                Problem(
                    "the run's teaching days have changed since the workbook was made; "
                    "download the roster again",
                    f"{upload.sheet}!1", filename, 1, code="roster.days_changed",
                )
            )  # fmt: skip
        if problems:
            raise InvalidInput(problems, code="roster.refused")
        seated = {e.trainee_id: e for e in seated_rows(session, seen, run)}
        now = results_rows.marks(session, [e.id for e in seated.values()])
        put_marks: list[tuple[int, dt.date, Mark]] = []
        put_scores: list[tuple[EnrolmentRow, float]] = []
        kept = 0

        def where(row: int, column: int) -> tuple[str, str, int, int]:
            return cell_name(row, column, upload.sheet), filename, row, column

        for line in upload.lines:
            seat = seated.get(line.trainee)
            if seat is None:
                problems.append(
                    Problem(
                        f"trainee {line.trainee} no longer has a seat on run {run}",
                        *where(line.row, 1), code="roster.not_seated",
                    )
                )  # fmt: skip
                continue
            for index, day in enumerate(seats.days):
                cell = Cell(line.base_marks[index], line.marks[index], now[seat.id].get(day))
                column = day_column(index)
                if cell.outcome is Outcome.CONFLICT:
                    problems.append(_conflict(cell, day.isoformat(), where(line.row, column)))
                elif cell.outcome is Outcome.APPLY and cell.sheet is None:
                    problems.append(_cleared(where(line.row, column)))
                elif cell.outcome is Outcome.APPLY and cell.sheet is not None:
                    put_marks.append((seat.id, day, cell.sheet))
                kept += cell.outcome is Outcome.UNCHANGED and cell.now != cell.base
            score = Cell(line.base_score, line.score, seat.score)
            place = where(line.row, score_column(len(seats.days)))
            if score.outcome is Outcome.CONFLICT:
                problems.append(_conflict(score, "score", place))
            elif score.outcome is Outcome.APPLY and score.sheet is None:
                problems.append(_cleared(place))
            elif score.outcome is Outcome.APPLY and score.sheet is not None:
                put_scores.append((seat, score.sheet))
            kept += score.outcome is Outcome.UNCHANGED and score.now != score.base
        if problems:
            raise InvalidInput(problems, code="roster.refused")
        training_marks.put_marks(session, put_marks)
        for seat, value in put_scores:
            seat.score, seat.assessed_on = value, on
        uow.audit(
            session, "roster upload", mission=seen.mission, kind=ENROLMENTS, key=run,
            after={
                "file": filename,
                "marks": [[e, d.isoformat(), m.value] for e, d, m in put_marks],
                "scores": {str(s.trainee_id): v for s, v in put_scores},
            },
        )  # fmt: skip
    return RosterApplied(run, len(put_marks), len(put_scores), kept)


def _shown(value: object) -> str:
    if isinstance(value, Mark):
        return LETTER_OF[value]
    return "blank" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _conflict(
    cell: Cell[Mark] | Cell[float], what: str, place: tuple[str, str, int, int]
) -> Problem:
    return Problem(
        f"{what}: changed in Cadre to {_shown(cell.now)} since the workbook was downloaded "
        f"(it was {_shown(cell.base)}); the sheet says {_shown(cell.sheet)}. Decide which "
        "holds and type it, or download the roster again",
        *place,
        code="roster.conflict",
    )


def _cleared(place: tuple[str, str, int, int]) -> Problem:
    return Problem(
        "a recorded mark or score is not removed by a sheet; put back what was there",
        *place,
        code="roster.cleared",
    )
