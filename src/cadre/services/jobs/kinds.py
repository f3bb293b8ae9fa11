"""The kinds of planning job, each one registration: its parameters (checked when the job is
submitted), the plan versions it makes, the action a principal needs to start it, and the
function a worker runs, named by import path so any worker process (or a distributed queue's
worker on another machine) can find it.

Each kind has a priority in the queue (higher runs first): an interactive re-plan 10 (a
planner waits on it), plans 0, a night's sweep -10; and a time limit, after which its worker
stops it: the solver's own limit and a margin for loading and keeping the plan.

Adding a kind is one `register(JobKind(...))` line
here and, if it needs a new action, one grant in the access policy.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cadre.domain.capacity.problem import PlanMode
from cadre.domain.errors import InvalidInput
from cadre.domain.limits import LIMITS, MAX_SECONDS, MAX_SEED, MIN_SECONDS
from cadre.domain.months import EARLIEST_DAY, LATEST_DAY
from cadre.domain.timetable.changes import Change, change_from
from cadre.services.unit_of_work import UnitOfWork

Progress = Callable[[str, float], None]
SolverSeconds = Annotated[float, Field(ge=MIN_SECONDS, le=MAX_SECONDS, allow_inf_nan=False)]
HorizonMonths = Annotated[
    int | None, Field(ge=LIMITS["horizon_months"].low, le=LIMITS["horizon_months"].high)
]
Runner = Callable[[UnitOfWork, str, dict[str, Any], Progress], int]

REPLAN, PLAN, SWEEP = 10, 0, -10
MARGIN_SECONDS = 300.0  # loading the mission, building the model, keeping the plan


def _plan_priority(parameters: dict[str, Any]) -> int:
    return PLAN


class CapacityParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: PlanMode = PlanMode.SIZING
    horizon_months: int | None = Field(
        None, ge=LIMITS["horizon_months"].low, le=LIMITS["horizon_months"].high
    )
    seconds: float = Field(
        60.0,
        ge=MIN_SECONDS,
        le=MAX_SECONDS,
        allow_inf_nan=False,
        description="The solver's time limit.",
    )
    overrides: dict[str, str] = Field(
        {}, max_length=20, description='Planning figures for this run, e.g. {"attrition": "0.03"}'
    )

    @field_validator("overrides")
    @classmethod
    def _figures_usable(cls, overrides: dict[str, str]) -> dict[str, str]:
        from cadre.services.capacity.figures import read_overrides

        try:
            read_overrides(overrides)  # refused when submitted, not when the job runs
        except InvalidInput as error:
            raise ValueError("; ".join(p.reason for p in error.problems)) from None
        return overrides


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
    seconds: float = Field(
        60.0,
        ge=MIN_SECONDS,
        le=MAX_SECONDS,
        allow_inf_nan=False,
        description="The solver's time limit.",
    )
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


class SweepParameters(BaseModel):
    """A capacity sweep: the plan again for `samples` draws of the scenario's uncertain
    figures (`uncertainty:`), kept as a capacity-sweep version with its ranges."""

    model_config = ConfigDict(extra="forbid")

    samples: int = Field(100, ge=1, le=1000, description="Draws of the uncertain figures.")
    seed: int = Field(0, ge=0, le=MAX_SEED, description="The same seed draws the same samples.")
    seconds: SolverSeconds = Field(60.0, description="The solver's time limit for each sample.")
    mode: PlanMode = PlanMode.SIZING
    horizon_months: HorizonMonths = None


class ForceParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include_offered: bool = Field(False, description="Count offers not yet accepted as well.")


@dataclass(frozen=True)
class JobKind:
    name: str
    plan_kind: str  # the kind of plan version it makes, as labels name it
    parameters: type[BaseModel]
    target: str  # "module:function", a Runner
    permission: str  # the subject of the RUN action a principal needs
    priority: Callable[[dict[str, Any]], int] = _plan_priority
    limit: Callable[[dict[str, Any]], float] | None = None  # e.g. a sweep: by its samples
    upload: bool = False  # an import: started with its file (`services/jobs/imports.py`)

    def time_limit(self, parameters: dict[str, Any]) -> float:
        """Seconds after which the job is stopped and marked failed: by default twice the
        solver's own limit and the margin."""
        if self.limit is not None:
            return self.limit(parameters)
        return float(parameters.get("seconds") or 60.0) * 2 + MARGIN_SECONDS

    def runner(self) -> Runner:
        module, _, function = self.target.partition(":")
        found: Runner = getattr(importlib.import_module(module), function)
        return found


JOB_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    JOB_KINDS[kind.name] = kind


def run_capacity(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    from cadre.services.capacity.operations import (
        plan_capacity,  # loads the solvers only in the worker
    )

    p = CapacityParameters.model_validate(parameters)
    version = plan_capacity(
        uow,
        mission=mission,
        mode=p.mode,
        horizon_months=p.horizon_months,
        overrides=p.overrides,
        seconds=p.seconds,
        progress=progress,
    )
    return version.number


def run_force(uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress) -> int:
    from cadre.services.force.operations import picture

    p = ForceParameters.model_validate(parameters)
    progress("matching offers to the statement of requirements", 0.1)
    return picture(uow, mission, include_offered=p.include_offered).version


register(
    JobKind(
        "capacity", "capacity-plans", CapacityParameters, f"{__name__}:run_capacity", "capacity"
    )
)


def run_sweep(uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress) -> int:
    from cadre.services.capacity.sweep import sweep_capacity  # the solvers only in the worker
    from cadre.services.jobs.fanout import fan_out  # it reads this registry

    def spread(samples: list[Any], _: Progress | None) -> Any:
        # Each sample is a part any worker may take; the ranges are gathered once all are in.
        sweep = "cadre.services.capacity.sweep"
        return fan_out(
            uow, samples, f"{sweep}:run_sample", f"{sweep}:gather", progress, noun="samples"
        )

    p = SweepParameters.model_validate(parameters)
    number, _ = sweep_capacity(uow, mission=mission, progress=progress, run=spread, **dict(p))
    return number


def _sweep_limit(parameters: dict[str, Any]) -> float:
    # Each sample may use its solver's limit; one worker may have to plan them all.
    p = SweepParameters.model_validate(parameters)
    return p.samples * p.seconds * 2 + MARGIN_SECONDS


register(
    JobKind(
        "capacity_sweep",
        "capacity-plans",
        SweepParameters,
        f"{__name__}:run_sweep",
        "capacity",
        lambda _parameters: SWEEP,  # a night's sweep waits for a planner's plans
        limit=_sweep_limit,
    )
)


def run_timetable(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    from cadre.services.timetable import operations as schedule

    p = TimetableParameters.model_validate(parameters)
    change = p.change()
    if change is None:
        progress("timetabling the runs", 0.0)
        return schedule.schedule(
            uow,
            mission=mission,
            months=p.months,
            seconds=p.seconds,
            seed=p.seed,
            progress=progress,
        ).number
    progress(f"re-planning: {change}", 0.0)
    return schedule.replan(
        uow, change, mission=mission, seconds=p.seconds, seed=p.seed, progress=progress
    ).number


def _timetable_priority(parameters: dict[str, Any]) -> int:
    change = ("withdraw", "withdraw_pledge", "close_room")
    return REPLAN if any(parameters.get(name) for name in change) else PLAN


register(JobKind("force", "force-plans", ForceParameters, f"{__name__}:run_force", "force"))
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


class ImportParameters(BaseModel):
    """An import's file is stored with the job; its name is the one parameter."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(max_length=200, description="The uploaded file's name.")


IMPORT_SECONDS = 900.0  # twenty thousand trainees take well under a minute; a loaded machine more

register(
    JobKind(
        "trainees_import",
        "trainees",
        ImportParameters,
        "cadre.services.jobs.imports:run_trainees_import",
        "trainees",
        limit=lambda _parameters: IMPORT_SECONDS,
        upload=True,
    )
)
