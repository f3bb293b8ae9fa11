"""Capacity jobs: a plan of the training force, and a night's sweep of it over the scenario's
uncertain figures, each sample a part any worker may take (`services/jobs/fanout.py`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cadre.domain.capacity.problem import PlanMode
from cadre.domain.errors import InvalidInput
from cadre.domain.limits import LIMITS, MAX_SEED
from cadre.services.jobs.kinds.base import (
    MARGIN_SECONDS,
    SWEEP,
    HorizonMonths,
    JobKind,
    Progress,
    SolverSeconds,
    register,
)
from cadre.services.unit_of_work import UnitOfWork


class CapacityParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: PlanMode = PlanMode.SIZING
    horizon_months: int | None = Field(
        None, ge=LIMITS["horizon_months"].low, le=LIMITS["horizon_months"].high
    )
    seconds: SolverSeconds = Field(60.0, description="The solver's time limit.")
    overrides: dict[str, str] = Field(
        {}, max_length=20, description='Planning figures for this run, e.g. {"attrition": "0.03"}'
    )
    whole_runs: bool = Field(
        False,
        description="Whole runs only: slower, and the plan says what they cost against the "
        "continuous plan (`rounding`).",
    )
    earliest: bool = Field(
        False,
        description="Also find the earliest month the host could carry each discipline in any "
        "plan (each handover's `earliest`; a few more solves a discipline).",
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


class SweepParameters(BaseModel):
    """A capacity sweep: the plan again for `samples` draws of the scenario's uncertain
    figures (`uncertainty:`), kept as a capacity-sweep version with its ranges."""

    model_config = ConfigDict(extra="forbid")

    samples: int = Field(100, ge=1, le=1000, description="Draws of the uncertain figures.")
    seed: int = Field(0, ge=0, le=MAX_SEED, description="The same seed draws the same samples.")
    seconds: SolverSeconds = Field(60.0, description="The solver's time limit for each sample.")
    mode: PlanMode = PlanMode.SIZING
    horizon_months: HorizonMonths = None


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
        whole_runs=p.whole_runs,
        earliest=p.earliest,
    )
    return version.number


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
