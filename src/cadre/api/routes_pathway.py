"""The host instructor pathway, seats abroad and xAPI out: /api/v1/missions/{mission}/pathway
(each person's progress; who teaches as which host instructor, a co-taught run's rating, a
rung's assessment, a person who left), /runs/{run}/lead (who led it), /pathway/host-led (the
share of runs held that host instructors led, per school, discipline and month), /abroad
(offers, nominations), /xapi (the reader's statements as a file). Each reader gets only the
trainees its roles may see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, Field

from cadre.api.errors import GUARDED, WRITES
from cadre.api.paths import RUN, MissionCode, RunCode
from cadre.api.routes_training import MAX_ID
from cadre.api.security import CurrentPrincipal, Work
from cadre.domain.catalogue import InstructorLevel
from cadre.domain.training.abroad import TRAVEL_DAYS, AbroadSeat
from cadre.domain.training.pathway import Assessment, Rating
from cadre.services.training import abroad, pathway, xapi

router = APIRouter(
    prefix="/missions/{mission}",
    tags=["training"],
    responses=GUARDED,
)
OfferCode = Annotated[str, Path(max_length=64)]
Code = Annotated[str, Field(min_length=1, max_length=64)]


class RequirementOut(BaseModel):
    kind: str
    needed: str
    have: str
    met: bool


class StepOut(BaseModel):
    discipline: str
    level: str
    next_level: str | None
    requirements: list[RequirementOut]
    supervised_runs: list[str]


class ProgressOut(BaseModel):
    trainer: str
    trainee: int
    left_on: dt.date | None
    disciplines: list[StepOut]


class ShareOut(BaseModel):
    school: str
    discipline: str
    month: str
    runs: int
    host_led: int
    share: float


class PersonIn(BaseModel):
    trainer: Code = Field(description="The scenario's host instructor code.")
    trainee: int = Field(ge=1, le=MAX_ID, description="The trainee who teaches as them.")


class RatingIn(BaseModel):
    run: Code
    trainer: Code = Field(description="The host instructor rated.")
    rating: int = Field(ge=1, le=5, description="1 (unfit) to 5 (exemplary).")
    supervisor: str = Field(default="", max_length=200)


class AssessmentIn(BaseModel):
    trainer: Code
    discipline: Code
    level: Literal["instructor", "master_trainer"]
    passed: bool
    on: dt.date


class LeadIn(BaseModel):
    lead: Code = Field(description="The trainer who actually led the run.")
    on: dt.date | None = Field(default=None, description="Judge on this day; default: today.")


class LedOut(BaseModel):
    run: str
    lead: str
    lead_nation: str


class LeftIn(BaseModel):
    on: dt.date


class SeatIn(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    course: str = Field(min_length=1, max_length=64)
    nation: str = Field(min_length=1, max_length=64)
    school: str = Field(min_length=1, max_length=200)
    start: dt.date
    end: dt.date
    language: str = Field(min_length=2, max_length=2)
    seats: int = Field(ge=1, le=1000)
    level: int = Field(default=2, ge=0, le=5)
    travel_days: int = Field(default=TRAVEL_DAYS, ge=0, le=14)


class SeatOut(SeatIn):
    nominated: list[int]


class NominateIn(BaseModel):
    trainee: int = Field(ge=1)


@router.get("/pathway", response_model=list[ProgressOut])
def read_progress(
    mission: MissionCode,
    principal: CurrentPrincipal,
    work: Work,
    today: Annotated[dt.date | None, Query(description="Judge on this day.")] = None,
) -> list[ProgressOut]:
    """Each host instructor's rung per discipline, and what the next rung still asks."""
    day = today or dt.datetime.now(dt.UTC).date()
    return [
        ProgressOut(
            trainer=p.trainer,
            trainee=p.trainee,
            left_on=p.left_on,
            disciplines=[
                StepOut(
                    discipline=s.discipline,
                    level=s.level.label,
                    next_level=s.next_level.label if s.next_level else None,
                    requirements=[RequirementOut(**r.__dict__) for r in s.requirements],
                    supervised_runs=[r.run for r in s.supervised],
                )
                for s in p.progress
            ],
        )
        for p in pathway.progress(work, principal, day, mission)
    ]


@router.get("/pathway/host-led", response_model=list[ShareOut])
def read_host_led(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> list[ShareOut]:
    """Figures only: runs held and those a host instructor led."""
    return [
        ShareOut(
            school=s.site,
            discipline=s.discipline,
            month=f"{s.month:%Y-%m}",
            runs=s.runs,
            host_led=s.host_led,
            share=round(s.share, 4),
        )
        for s in pathway.host_led(work, principal, mission)
    ]


@router.post("/pathway/people", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES)
def enter_person(
    mission: MissionCode, body: PersonIn, principal: CurrentPrincipal, work: Work
) -> Response:
    """Say which trainee teaches as one of the scenario's host instructors."""
    pathway.enter_person(work, principal, body.trainer, body.trainee, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/pathway/ratings", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES)
def rate_run(
    mission: MissionCode, body: RatingIn, principal: CurrentPrincipal, work: Work
) -> Response:
    """A supervisor's rating of a host instructor's co-taught run (again: the new rating)."""
    rating = Rating(body.run, body.trainer, body.rating, body.supervisor)
    pathway.rate_run(work, principal, rating, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/pathway/assessments", status_code=status.HTTP_201_CREATED, responses=WRITES)
def record_assessment(
    mission: MissionCode, body: AssessmentIn, principal: CurrentPrincipal, work: Work
) -> Response:
    """A rung's assessment of the person who teaches as `trainer`."""
    level = InstructorLevel.from_label(body.level)
    outcome = Assessment(0, body.discipline, level, body.passed, body.on)
    pathway.record_assessment(work, principal, body.trainer, outcome, mission)
    return Response(status_code=status.HTTP_201_CREATED)


@router.put(RUN + "/lead", response_model=LedOut, responses=WRITES)
def record_lead(
    mission: MissionCode, run: RunCode, body: LeadIn, principal: CurrentPrincipal, work: Work
) -> LedOut:
    """Who actually led the run; 422 `pathway.not_held` before it starts."""
    day = body.on or dt.datetime.now(dt.UTC).date()
    led = pathway.record_lead(work, principal, run, body.lead, day, mission)
    return LedOut(run=led.run, lead=led.lead, lead_nation=led.lead_nation)


@router.post(
    "/pathway/people/{trainer}/left", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES
)
def person_left(
    mission: MissionCode,
    trainer: Annotated[str, Path(max_length=64)],
    body: LeftIn,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    """The person left the host cadre on `on`: a loss the planner learns of."""
    pathway.person_left(work, principal, trainer, body.on, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/abroad", response_model=list[SeatOut])
def read_seats(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> list[SeatOut]:
    return [
        SeatOut(**v.seat.__dict__, nominated=list(v.nominated))
        for v in abroad.seats(work, principal, mission)
    ]


@router.post("/abroad", status_code=status.HTTP_201_CREATED, responses=WRITES)
def create_seat(
    mission: MissionCode, body: SeatIn, principal: CurrentPrincipal, work: Work
) -> Response:
    abroad.offer(work, principal, AbroadSeat(**body.model_dump()), mission)
    return Response(status_code=status.HTTP_201_CREATED)


@router.post("/abroad/{code}/nominations", status_code=status.HTTP_204_NO_CONTENT, responses=WRITES)
def nominate(
    mission: MissionCode,
    code: OfferCode,
    body: NominateIn,
    principal: CurrentPrincipal,
    work: Work,
) -> Response:
    """422 with every refusal's code (vetting, language level, full, busy at home)."""
    abroad.nominate(work, principal, code, body.trainee, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/xapi")
def export_xapi(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> dict[str, Any]:
    """The reader's statements (xAPI 1.0.3), trainees named by pseudonym only."""
    return xapi.export(work, principal, mission)
