"""Timetable jobs: a new timetable, or a re-plan of the adopted one after a change (a nation
or a pledge withdraws, a room closes) that moves as little as it can; a planner waits on a
re-plan, so it runs before other plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cadre.domain.limits import LIMITS, MAX_SEED
from cadre.domain.months import EARLIEST_DAY, LATEST_DAY
from cadre.domain.phases import Phase
from cadre.domain.timetable.changes import Change, RoomClosure, change_from
from cadre.services.jobs.kinds.base import PLAN, REPLAN, JobKind, Progress, SolverSeconds, register
from cadre.services.unit_of_work import UnitOfWork

PLACING = Phase("timetable.placing", "timetabling the runs")


class TimetableParameters(BaseModel):
    """A new timetable; or, with a change (one of `withdraw`, `withdraw_pledge`, `close_room`),
    a re-plan of the adopted one that moves as little as it can. Either is kept as a draft
    until a planner adopts it."""

    model_config = ConfigDict(extra="forbid")

    months: int = Field(
        12,
        ge=LIMITS["months"].low,
        le=LIMITS["months"].high,
        description="Months of the capacity plan to timetable.",
    )
    seconds: SolverSeconds = Field(60.0, description="The solver's time limit.")
    seed: int = Field(0, ge=0, le=MAX_SEED)
    withdraw: str | None = Field(None, max_length=64, description="A nation withdraws.")
    withdraw_pledge: str | None = Field(None, max_length=64, description="A pledge withdraws.")
    effective: dt.date | None = Field(
        None, ge=EARLIEST_DAY, le=LATEST_DAY, description="The withdrawal's first day."
    )
    close_room: str | None = Field(None, max_length=64, description="A room closes.")
    room_site: str | None = Field(None, max_length=64, description="The closed room's site.")

    @model_validator(mode="after")
    def _one_change(self) -> TimetableParameters:
        self.change()  # refuses two changes at once, when the job is submitted
        return self

    def targets(self) -> tuple[tuple[str, str, str | None], ...]:
        """The records the change names, as (kind, key, room of that site or None)."""
        found: list[tuple[str, str, str | None]] = []
        if self.withdraw:
            found.append(("contributors", self.withdraw, None))
        if self.withdraw_pledge:
            found.append(("pledges", self.withdraw_pledge, None))
        if self.close_room:
            found.append(("sites", self.room_site or "", self.close_room))
        return tuple(found)

    def change(self) -> Change | None:
        return change_from(
            withdraw=self.withdraw,
            withdraw_pledge=self.withdraw_pledge,
            close_room=self.close_room,
            room_site=self.room_site,
            effective=self.effective,
        )


def replanning(change: Change) -> Phase:
    """The re-plan's phase: the English sentence the command line has always printed, with
    the change's own values for a reader of another language."""
    english = f"re-planning: {change}"
    if isinstance(change, RoomClosure):
        return Phase.said(
            "timetable.replan_room", english, {"room": change.room, "site": change.site}
        )
    effective = change.effective.isoformat() if change.effective else None
    if change.pledge:
        params = {"pledge": change.pledge, "effective": effective}
        return Phase.said("timetable.replan_pledge", english, params)
    return Phase.said(
        "timetable.replan_nation", english, {"nation": change.nation, "effective": effective}
    )


def run_timetable(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    from cadre.services.timetable import operations as schedule

    p = TimetableParameters.model_validate(parameters)
    change = p.change()
    if change is None:
        progress(PLACING, 0.0)
        return schedule.schedule(
            uow,
            mission=mission,
            months=p.months,
            seconds=p.seconds,
            seed=p.seed,
            progress=progress,
        ).number
    progress(replanning(change), 0.0)
    return schedule.replan(
        uow, change, mission=mission, seconds=p.seconds, seed=p.seed, progress=progress
    ).number


def _timetable_priority(parameters: dict[str, Any]) -> int:
    change = ("withdraw", "withdraw_pledge", "close_room")
    return REPLAN if any(parameters.get(name) for name in change) else PLAN


register(
    JobKind(
        "timetable",
        "timetable-plans",
        TimetableParameters,
        f"{__name__}:run_timetable",
        "timetable",
        _timetable_priority,
    )
)
