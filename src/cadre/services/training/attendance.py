"""Attendance in bulk: many marks at once (a school's records brought in after a run taught
offline), each checked as one mark entered on the page is (the run in the timetable and one
the writer may act on, a teaching day of it, a trainee seated on it that the writer sees),
then stored in a few statements: all of them, or on any problem none, each problem located."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cadre.access.labels import ENROLMENTS
from cadre.access.policy import Principal, Verb
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.training.certificates import Mark
from cadre.services.training.release import sight
from cadre.services.training.runs import mission_runs
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import training_marks
from cadre.storage.mission_scope import lock_mission

MAX_PROBLEMS = 100  # said one by one; beyond that, counted


@dataclass(frozen=True)
class AttendanceMark:
    trainee: int
    run: str
    day: dt.date
    mark: Mark


def import_attendance(
    uow: UnitOfWork,
    principal: Principal | None,
    marks: Sequence[AttendanceMark],
    mission: str | None = None,
    source: str = "",
) -> int:
    """Store every mark, or none; how many were stored."""
    runs = mission_runs(uow, mission)
    with uow.transaction() as session:
        seen = sight(
            session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE, taught=runs.taught_by
        )
        lock_mission(session, seen.mission)
        wanted = {m.run for m in marks}
        seated = training_marks.seated_enrolments(session, seen.mission_id, wanted & set(runs.runs))
        days = {code: frozenset(r.days) for code, r in runs.runs.items()}
        problems: list[Problem] = []
        stored: list[tuple[int, dt.date, Mark]] = []
        for line, m in enumerate(marks, start=1):
            reason = ""
            try:
                seen.require_run(m.run)
            except NotFound:
                reason = f"run {m.run} is not in the timetable"
            if not reason and m.run not in days:
                reason = f"run {m.run} is not in the timetable"
            elif not reason and m.day not in days[m.run]:
                reason = f"{m.day} is not a teaching day of run {m.run}"
            elif not reason and (
                (m.trainee, m.run) not in seated or not seen.sees_trainee(m.trainee)
            ):
                reason = f"trainee {m.trainee} has no seat on run {m.run}"
            if reason:
                problems.append(Problem(reason, file=source, line=line, code="attendance.refused"))
            else:
                stored.append((seated[(m.trainee, m.run)], m.day, m.mark))
        if problems:
            said = problems[:MAX_PROBLEMS]
            if len(problems) > MAX_PROBLEMS:
                said.append(Problem(f"and {len(problems) - MAX_PROBLEMS:,} more", file=source))
            raise InvalidInput(said, code="attendance.refused")
        training_marks.put_marks(session, stored)
        uow.audit(
            session, "attendance import", mission=seen.mission, kind=ENROLMENTS,
            key=source or None, after={"marks": len(stored), "runs": sorted(wanted)},
        )  # fmt: skip
    return len(stored)
