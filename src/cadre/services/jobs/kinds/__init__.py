"""The kinds of job, each one registration: its parameters (checked when the job is
submitted), the plan versions it makes, the action a principal needs to start it, and the
function a worker runs, named by import path so any worker process (or a distributed queue's
worker on another machine) can find it.

One module per family: `base` (what a kind is, priorities, the registry), `capacity` (a plan
and a night's sweep), `timetable` (a timetable and a re-plan), `force` (the force picture),
`uploads` (imports started with their file). Adding a kind is one `register(JobKind(...))`
line in its family's module and, if it needs a new action, one grant in the access policy.
Importing this package registers them all.
"""

from cadre.services.jobs.kinds.base import (
    JOB_KINDS,
    MARGIN_SECONDS,
    PLAN,
    REPLAN,
    SWEEP,
    JobKind,
    Progress,
    register,
)
from cadre.services.jobs.kinds.capacity import (
    CapacityParameters,
    SweepParameters,
    run_capacity,
    run_sweep,
)
from cadre.services.jobs.kinds.force import ForceParameters, run_force
from cadre.services.jobs.kinds.timetable import TimetableParameters, run_timetable
from cadre.services.jobs.kinds.uploads import IMPORT_SECONDS, ImportParameters

__all__ = [
    "IMPORT_SECONDS",
    "JOB_KINDS",
    "MARGIN_SECONDS",
    "PLAN",
    "REPLAN",
    "SWEEP",
    "CapacityParameters",
    "ForceParameters",
    "ImportParameters",
    "JobKind",
    "Progress",
    "SweepParameters",
    "TimetableParameters",
    "register",
    "run_capacity",
    "run_force",
    "run_sweep",
    "run_timetable",
]
