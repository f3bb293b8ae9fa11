"""A run's training records: /api/v1/missions/{mission}/runs/{run}/…: its roster, enrolment
and withdrawal, attendance per teaching day, results, and its closing (certificates issued);
and /certificates: those expiring, a revocation. Refusals come back as codes with params."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, Field

from cadre.api.errors import GUARDED, WRITES
from cadre.api.paths import RUN, MissionCode, RunCode
from cadre.api.routes_training import MAX_ID, TraineeId
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.training.certificates import Mark
from cadre.services.training import enrolment, queries, results, rosters

router = APIRouter(
    prefix="/missions/{mission}",
    tags=["training"],
    responses=GUARDED,
)


class RosterLineOut(BaseModel):
    trainee: int
    service: str
    number: str
    arabic: str
    latin: str
    standing: str
    waiting: int
    attendance: float
    score: float | None
    completed: bool
    missing: list[str]
    certificate: str | None


class WithdrawnOut(BaseModel):
    trainee: int
    service: str
    number: str
    arabic: str
    latin: str
    reason: str | None = Field(description="Why the trainee left the run; null if not said.")


class RosterOut(BaseModel):
    run: str
    course: str
    seats: int
    days: int
    lines: list[RosterLineOut]
    withdrawn: list[WithdrawnOut] = Field(default_factory=list)


class EnrolIn(BaseModel):
    trainee: int = Field(ge=1, le=MAX_ID)


class EnrolledOut(BaseModel):
    run: str
    trainee: int
    standing: str
    waiting: int


class AttendanceIn(BaseModel):
    day: dt.date
    marks: dict[Annotated[int, Field(ge=1, le=MAX_ID)], Mark] = Field(
        description="Trainee id to present, absent or excused."
    )


class ResultIn(BaseModel):
    score: float = Field(ge=0, le=100, description="Per cent of the assessment's marks.")
    on: dt.date


class CompletionOut(BaseModel):
    completed: bool
    passed: bool | None
    attendance: float
    missing: list[str]


class ClosedOut(BaseModel):
    run: str
    issued: list[str]
    incomplete: dict[int, list[str]]


class ExpiringOut(BaseModel):
    number: str
    trainee: int
    holder: str
    course: str
    school: str
    discipline: str
    issued: dt.date
    expires: dt.date | None


class RevokeIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)
    on: dt.date


@router.get(RUN + "/roster", response_model=RosterOut)
def read_roster(
    mission: MissionCode, run: RunCode, principal: CurrentPrincipal, work: Work
) -> RosterOut:
    found = rosters.roster(work, principal, run, mission)
    lines = [
        RosterLineOut(**{**line.__dict__, "missing": list(line.missing)}) for line in found.lines
    ]
    return RosterOut(
        run=found.run, course=found.course, seats=found.seats, days=found.days, lines=lines,
        withdrawn=[WithdrawnOut(**line.__dict__) for line in found.withdrawn],
    )  # fmt: skip


@router.post(
    RUN + "/enrolments",
    response_model=EnrolledOut,
    status_code=status.HTTP_201_CREATED,
    responses=WRITES,
)
def enrol(
    mission: MissionCode, run: RunCode, body: EnrolIn, principal: CurrentPrincipal, work: Work
) -> EnrolledOut:
    """A seat, or a place on the wait list; 422 with every refusal's code and params."""
    done = enrolment.enrol(work, principal, run, body.trainee, mission)
    return EnrolledOut(
        run=done.run, trainee=done.trainee, standing=done.standing.value, waiting=done.waiting
    )


@router.delete(
    RUN + "/enrolments/{trainee}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES
)
def withdraw(
    mission: MissionCode,
    run: RunCode,
    trainee: TraineeId,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    enrolment.withdraw(work, principal, run, trainee, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(RUN + "/attendance", responses=WRITES)
def mark_attendance(
    mission: MissionCode, run: RunCode, body: AttendanceIn, principal: CurrentPrincipal, work: Work
) -> dict[str, int]:
    count = results.record_attendance(work, principal, run, body.day, body.marks, mission)
    return {"marked": count}


@router.put(RUN + "/results/{trainee}", response_model=CompletionOut, responses=WRITES)
def record_result(
    mission: MissionCode,
    run: RunCode,
    trainee: TraineeId,
    body: ResultIn,
    principal: CurrentPrincipal,
    work: Work,
) -> CompletionOut:
    done = results.record_result(work, principal, run, trainee, body.score, body.on, mission)
    return CompletionOut(
        completed=done.completed,
        passed=done.passed,
        attendance=done.attendance,
        missing=list(done.reasons),
    )


@router.post(RUN + "/close", response_model=ClosedOut, responses=WRITES)
def close_run(
    mission: MissionCode, run: RunCode, principal: CurrentPrincipal, work: Work
) -> ClosedOut:
    """Issue a certificate to every trainee who completed the run by the course's rule."""
    closed = results.close_run(work, principal, run, mission)
    incomplete = {k: list(v) for k, v in closed.incomplete.items()}
    return ClosedOut(run=closed.run, issued=list(closed.issued), incomplete=incomplete)


@router.get("/certificates/expiring", response_model=list[ExpiringOut])
def expiring(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    days: Annotated[int, Query(ge=0, le=3650)] = 90,
    school: Annotated[str, Query(max_length=64)] = "",
    discipline: Annotated[str, Query(max_length=64)] = "",
    on: Annotated[dt.date | None, Query(description="Count from this day; default today.")] = None,
) -> list[ExpiringOut]:
    """Certificates valid on a day (today) that expire within `days` days of it, by school
    and discipline."""
    found = queries.expiring_certificates(
        work, principal, days, mission, on, school=school, discipline=discipline
    )
    return [
        ExpiringOut(
            number=e.certificate.number,
            trainee=e.certificate.trainee,
            holder=e.trainee,
            course=e.certificate.course,
            school=e.school,
            discipline=e.discipline,
            issued=e.certificate.issued,
            expires=e.certificate.expires,
        )
        for e in found
    ]


@router.post(
    "/certificates/{number}/revoke", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES
)
def revoke(
    mission: MissionCode,
    number: Annotated[str, Path(max_length=64)],
    body: RevokeIn,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    results.revoke_certificate(work, principal, number, body.reason, body.on, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
