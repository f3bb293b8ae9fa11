"""The force job: offers matched to the statement of requirements, kept as a force plan."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cadre.domain.phases import Phase
from cadre.services.jobs.kinds.base import JobKind, Progress, register
from cadre.services.unit_of_work import UnitOfWork

MATCHING = Phase("force.matching", "matching offers to the statement of requirements")


class ForceParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include_offered: bool = Field(False, description="Count offers not yet accepted as well.")


def run_force(uow: UnitOfWork, mission: str, parameters: dict[str, Any], progress: Progress) -> int:
    from cadre.services.force.operations import picture

    p = ForceParameters.model_validate(parameters)
    progress(MATCHING, 0.1)
    return picture(uow, mission, include_offered=p.include_offered).version


register(JobKind("force", "force-plans", ForceParameters, f"{__name__}:run_force", "force"))
