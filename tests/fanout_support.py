"""A small job kind that fans out, for the tests of fan-out: each part squares a number after
computing for a while and notes which process ran it; the job's result is the sum."""

from __future__ import annotations

import os
import pathlib
import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cadre.services.jobs.fanout import fan_out
from cadre.services.jobs.kinds import SWEEP, JobKind, Progress, register
from cadre.services.unit_of_work import UnitOfWork


class SquaresParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = Field(20, ge=1, le=1000)
    seconds: float = Field(0.2, ge=0, le=5)  # each part's work
    notes: str = Field("", max_length=500)  # a folder where parts note their process
    fail_at: int = Field(-1)


def square(item: tuple[int, float, str, int]) -> int:
    number, seconds, notes, fail_at = item
    if number == fail_at:
        raise ValueError(f"no square for {number}")
    until = time.monotonic() + seconds
    while time.monotonic() < until:  # computing, not sleeping: it holds a core as a solve does
        pass
    if notes:
        (pathlib.Path(notes) / f"{number}-{os.getpid()}").touch()
    return number * number


def total(outcomes: list[int]) -> int:
    return sum(outcomes)


def run_squares(
    uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress
) -> int:
    p = SquaresParameters.model_validate(parameters)
    items = [(n, p.seconds, p.notes, p.fail_at) for n in range(p.count)]
    result: int = fan_out(uow, items, f"{__name__}:square", f"{__name__}:total", progress)
    return result


register(
    JobKind(
        "squares",
        "capacity-plans",
        SquaresParameters,
        f"{__name__}:run_squares",
        "capacity",
        lambda _parameters: SWEEP,
    )
)
