"""Whole course runs to timetable: listed in a scenario's `runs:` section, or rounded from a
capacity plan. A run is one class of one course at one site, for one cohort or an open class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.domain.catalogue import DeliveryMode


@dataclass(frozen=True)
class CourseRun:
    """One run of `course` at `site`, to start on or after `earliest` and end by `latest`.

    `cohort` None is an open class whose trainees are named later; `class_size` None means the
    cohort's size, or for an open class as many seats as the capacity plan counts per run.
    A host-led run is taught by host-nation instructors only.
    """

    code: str
    course: str
    site: str
    earliest: dt.date
    latest: dt.date
    cohort: str | None = None
    mode: DeliveryMode = DeliveryMode.RESIDENT
    host_led: bool = False
    class_size: int | None = None
