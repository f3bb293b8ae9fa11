"""What a kind of job is, and the registry every worker reads.

Each kind has a priority in the queue (higher runs first): an interactive re-plan 10 (a
planner waits on it), plans 0, a night's sweep -10; and a time limit, after which its worker
stops it: the solver's own limit and a margin for loading and keeping the plan.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field

from cadre.domain.limits import LIMITS, MAX_SECONDS, MIN_SECONDS
from cadre.services.unit_of_work import UnitOfWork

# What the work is doing and the share done; the text may be a phase (`domain/phases.py`),
# whose code the job's row keeps so each reader is told it in their language.
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
