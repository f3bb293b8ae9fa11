"""Course timetabling: the general model and its independent checker."""

from cadre.domain.itc2007.check import (
    Conflict,
    ConflictKind,
    CostBreakdown,
    evaluate_cost,
    find_conflicts,
    hard_violations,
)
from cadre.domain.itc2007.model import (
    Event,
    Resource,
    ResourceKind,
    Session,
    SoftWeights,
    SolveStatus,
    TimeGrid,
    Timetable,
    TimetableProblem,
    TimetableResult,
    TimetableRoom,
)

__all__ = [
    "Conflict",
    "ConflictKind",
    "CostBreakdown",
    "Event",
    "Resource",
    "ResourceKind",
    "Session",
    "SoftWeights",
    "SolveStatus",
    "TimeGrid",
    "Timetable",
    "TimetableProblem",
    "TimetableResult",
    "TimetableRoom",
    "evaluate_cost",
    "find_conflicts",
    "hard_violations",
]
