"""Small factories for the coordination register's tests: one activity or need, any field
changed by keyword."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cadre.domain.coordination.activities import (
    Activity,
    ActivityType,
    Need,
    OrganisationType,
    Status,
)


def make_activity(**changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "code": "A1",
        "organisation": "UNDP",
        "organisation_type": OrganisationType.UN,
        "discipline": "CIED",
        "activity_type": ActivityType.TRAINING,
        "beneficiary": "Iraqi Army 15th Division",
        "governorate": "IQG15",
        "start": dt.date(2019, 1, 1),
        "end": dt.date(2019, 1, 31),
        "status": Status.PLANNED,
    }
    fields.update(changes)
    return Activity(**fields)


def make_need(**changes: Any) -> Need:
    fields: dict[str, Any] = {
        "governorate": "IQG15",
        "discipline": "CIED",
        "people": 100,
        "organisation": "IRQ",
    }
    fields.update(changes)
    return Need(**fields)
