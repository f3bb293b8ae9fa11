"""Course timetabling (ITC-2007 track 3): the general model and its independent checker."""

from cadre.domain.itc2007.check import (
    CostBreakdown,
    Itc2007Rule,
    Itc2007Violation,
    check_itc2007,
    hard_violations,
    itc2007_cost,
)
from cadre.domain.itc2007.model import (
    Event,
    Resource,
    ResourceKind,
    Session,
    SoftWeights,
    TimeGrid,
    Timetable,
    TimetableProblem,
    TimetableRoom,
)

__all__ = [
    "CostBreakdown",
    "Event",
    "Itc2007Rule",
    "Itc2007Violation",
    "Resource",
    "ResourceKind",
    "Session",
    "SoftWeights",
    "TimeGrid",
    "Timetable",
    "TimetableProblem",
    "TimetableRoom",
    "check_itc2007",
    "hard_violations",
    "itc2007_cost",
]
