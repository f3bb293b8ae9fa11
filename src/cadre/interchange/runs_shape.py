"""The `runs:` section of a scenario file: course runs to timetable, listed one by one.

Optional: without it, `cadre schedule` rounds the latest capacity plan to whole runs. Kept
apart from `schema.py` (as the requirements are) so the timetable's input can grow on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.course_runs import CourseRun
from cadre.interchange.fields import Code, Count, Day


class RunShape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code = Field(description="The run's code, unique in the mission, e.g. CIED-101/19-01.")
    course: Code
    site: Code = Field(description="An in-theatre site that teaches the course.")
    earliest: Day = Field(description="The first day the run may start.")
    latest: Day = Field(description="The last day the run may end.")
    cohort: Code | None = Field(None, description="The cohort taught; none: an open class.")
    mode: DeliveryMode = DeliveryMode.RESIDENT
    host_led: bool = Field(False, description="Taught by host-nation instructors only.")
    class_size: Count | None = Field(
        None, description="Seats the room must hold; default: the cohort's size."
    )


def runs_to_domain(shapes: Sequence[RunShape]) -> tuple[CourseRun, ...]:
    return tuple(CourseRun(**r.model_dump()) for r in shapes)


def runs_to_document(runs: Sequence[CourseRun]) -> dict[str, Any]:
    """The section as plain data; no section at all when the scenario lists no runs."""
    if not runs:
        return {}
    return {
        "runs": [
            {
                "code": r.code,
                "course": r.course,
                "site": r.site,
                "earliest": r.earliest,
                "latest": r.latest,
                "cohort": r.cohort,
                "mode": r.mode.value,
                "host_led": r.host_led,
                "class_size": r.class_size,
            }
            for r in runs
        ]
    }
