"""The roster edited on the course director's page: one teaching day's attendance for the
whole cohort, or the scores, sent as a form. Each field carries the value the page showed
(its base), as each cell of the offline workbook does (domain/training/roster_edits.py): a
value someone else changed meanwhile stands when the form left it alone, and when the form
changed it too, to something else, nothing is stored and the conflict is named beside the
field. All of the form, or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TypeVar

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.training.certificates import Mark
from cadre.domain.training.roster_edits import Cell, Outcome
from cadre.services.training.enrolment import run_work
from cadre.services.training.roster_sheets import seated_rows
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_marks
from cadre.storage import training_results as results_rows
from cadre.storage.training import EnrolmentRow

V = TypeVar("V")
# What a form sends per trainee: (the value the page showed, the value sent); None: blank.
Edits = Mapping[int, tuple[V | None, V | None]]


def _edit(cell: Cell[V], field: str, trainee: int) -> tuple[V | None, Problem | None]:
    """The value to store for one field (None: nothing to store), or why the form is refused."""
    if cell.outcome is Outcome.CONFLICT:
        reason = (
            f"changed by someone else to {cell.now} since the page was read (it was "
            f"{cell.base}); the form says {cell.sheet}"
        )
        return None, Problem(
            reason, field=field, code="roster.changed", params={"trainee": trainee}
        )
    if cell.outcome is Outcome.APPLY and cell.sheet is None:
        reason = "a recorded mark or score is not removed by the form"
        return None, Problem(reason, field=field, code="roster.cleared", params={})
    return (cell.sheet, None) if cell.outcome is Outcome.APPLY else (None, None)


def _not_seated(field: str, trainee: int, run: str) -> Problem:
    reason = f"trainee {trainee} has no seat on run {run}"
    return Problem(reason, field=field, code="roster.not_seated", params={"trainee": trainee})


def _changes(
    edits: Edits[V],
    seated: Mapping[int, EnrolmentRow],
    now: Callable[[EnrolmentRow], V | None],
    prefix: str,
    run: str,
) -> list[tuple[EnrolmentRow, V]]:
    """What the form changed, seat by seat; refused with every field that cannot be stored."""
    problems: list[Problem] = []
    put: list[tuple[EnrolmentRow, V]] = []
    for trainee, (base, sent) in sorted(edits.items()):
        field = f"{prefix}-{trainee}"
        seat = seated.get(trainee)
        if seat is None:
            problems.append(_not_seated(field, trainee, run))
            continue
        value, problem = _edit(Cell(base, sent, now(seat)), field, trainee)
        problems += [problem] if problem else []
        put += [(seat, value)] if value is not None else []
    if problems:
        raise InvalidInput(problems, code="roster.refused")
    return put


def mark_day(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    day: dt.date,
    marks: Edits[Mark],
    mission: str | None = None,
) -> int:
    """Store the marks the form changed on one teaching day; how many were stored."""
    with run_work(uow, principal, mission, run) as (session, seen, _, seats):
        if day not in seats.days:
            reason = f"{day} is not a teaching day of run {run}"
            refusal = Problem(
                reason, field="day", code="attendance.not_a_teaching_day",
                params={"run": run, "day": day.isoformat()},
            )  # fmt: skip
            raise InvalidInput([refusal], code="roster.refused")
        seated = {e.trainee_id: e for e in seated_rows(session, seen, run)}
        now = results_rows.marks(session, [e.id for e in seated.values()])
        changed = _changes(marks, seated, lambda seat: now[seat.id].get(day), "mark", run)
        put = [(seat.id, day, mark) for seat, mark in changed]
        training_marks.put_marks(session, put)
        uow.audit(
            session, "attendance", mission=seen.mission, kind=ENROLMENTS, key=f"{run}/{day}",
            after={"marks": [[e, m.value] for e, _, m in put], "source": "roster page"},
        )  # fmt: skip
    return len(put)


def enter_scores(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    scores: Edits[float],
    on: dt.date,
    mission: str | None = None,
) -> int:
    """Store the assessment scores (per cent) the form changed; how many were stored."""
    wrong = [
        Problem("a score is 0 to 100", field=f"score-{trainee}", code="result.score")
        for trainee, (_, sent) in sorted(scores.items())
        if sent is not None and not 0 <= sent <= 100
    ]
    if wrong:
        raise InvalidInput(wrong, code="roster.refused")
    with run_work(uow, principal, mission, run) as (session, seen, _, _seats):
        seated = {e.trainee_id: e for e in seated_rows(session, seen, run)}
        put = _changes(scores, seated, lambda seat: seat.score, "score", run)
        for seat, value in put:
            seat.score, seat.assessed_on = value, on
        uow.audit(
            session, "result", mission=seen.mission, kind=ENROLMENTS, key=run,
            after={"scores": {str(s.trainee_id): v for s, v in put}, "source": "roster page"},
        )  # fmt: skip
    return len(put)
