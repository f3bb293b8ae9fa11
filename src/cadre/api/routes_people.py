"""People's own views through the API: an administrator links a user account to a trainer (or a
trainee) of the mission; the signed-in account reads its own teaching days in the adopted
timetable and issues or revokes its private calendar subscription address."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status
from pydantic import BaseModel, Field, model_validator

from cadre.api.errors import GUARDED, RESPONSES
from cadre.api.paths import MissionCode
from cadre.api.routes_training import MAX_ID
from cadre.api.security import CurrentPrincipal, Work
from cadre.services.timetable import personal
from cadre.services.training import accounts

router = APIRouter(
    prefix="/missions/{mission}",
    tags=["people"],
    responses=GUARDED,
)
Username = Annotated[str, Path(max_length=64)]


class LinkIn(BaseModel):
    trainer: str | None = Field(default=None, max_length=64)
    trainee: int | None = Field(default=None, ge=1, le=MAX_ID)

    @model_validator(mode="after")
    def one_of_two(self) -> LinkIn:
        if (self.trainer is None) == (self.trainee is None):
            raise ValueError("give a trainer or a trainee, one of the two")
        return self


class TeachingDayOut(BaseModel):
    day: dt.date
    run: str
    course: str
    title: str
    site: str
    room: str


class MyCalendarOut(BaseModel):
    trainer: str | None
    trainee: int | None
    version: int | None
    days: list[TeachingDayOut]
    subscription_since: dt.datetime | None


class FeedOut(BaseModel):
    url: str  # shown once: only its digest is kept


@router.put(
    "/accounts/{username}/link",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={422: RESPONSES[422]},
)
def link_account(
    mission: MissionCode, username: Username, body: LinkIn, principal: CurrentPrincipal, work: Work
) -> Response:
    """Link the account to a trainer (it sees that trainer's runs as its own) or a trainee."""
    accounts.link_account(
        work, principal, username, mission, trainer=body.trainer, trainee=body.trainee
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/my/calendar")
def my_calendar(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> MyCalendarOut:
    """The signed-in account's teaching days in the adopted timetable."""
    mine = personal.my_calendar(work, principal, mission)
    days = [
        TeachingDayOut(day=d, run=r.run, course=r.course, title=r.title, site=r.site, room=r.room)
        for d, r in mine.days
    ]
    return MyCalendarOut(
        trainer=mine.trainer,
        trainee=mine.trainee,
        version=mine.version,
        days=days,
        subscription_since=mine.feed_since,
    )


@router.post("/my/calendar/subscription", responses={422: RESPONSES[422]})
def issue_subscription(
    request: Request, mission: MissionCode, principal: CurrentPrincipal, work: Work
) -> FeedOut:
    """A new private iCalendar address (the one before stops answering); shown once."""
    token = personal.issue_feed(work, principal, mission)
    return FeedOut(url=feed_address(str(request.base_url), token))


@router.delete("/my/calendar/subscription", status_code=status.HTTP_204_NO_CONTENT)
def revoke_subscription(mission: MissionCode, principal: CurrentPrincipal, work: Work) -> Response:
    personal.revoke_feed(work, principal, mission)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def feed_address(base: str, token: str) -> str:
    """Where a calendar program subscribes: outside /api/v1, served by the web app."""
    root = base.rstrip("/").removesuffix("/api/v1")
    return f"{root}/calendar/{token}.ics"
