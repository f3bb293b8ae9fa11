"""Imports as jobs: started with their file (`services/jobs/imports.py` runs them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from cadre.services.jobs.kinds.base import JobKind, register


class ImportParameters(BaseModel):
    """An import's file is stored with the job; its name is the one parameter."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(max_length=200, description="The uploaded file's name.")


# Twenty thousand trainees or fifty thousand register lines take well under a minute here.
IMPORT_SECONDS = 900.0

for _name, _kept in (("trainees_import", "trainees"), ("activities_import", "activities")):
    register(
        JobKind(
            _name,
            _kept,
            ImportParameters,
            f"cadre.services.jobs.imports:run_{_name}",
            _kept,
            limit=lambda _parameters: IMPORT_SECONDS,
            upload=True,
        )
    )
