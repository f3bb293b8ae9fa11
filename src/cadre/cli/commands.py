"""Where each command of `cadre` lives, and what it does in one line.

`cadre --help` lists the commands from this table without importing them: their modules bring
in SQLAlchemy, the solvers, numba, matplotlib and FastAPI, which take seconds to load. A
command's module is imported only when the command runs (or its own help is asked for).
`tests/unit/test_cli_commands.py` holds each line here equal to the command's own docstring.
"""

from __future__ import annotations

from typing import NamedTuple


class Listed(NamedTuple):
    module: str  # under cadre.cli
    summary: str  # the first paragraph of the command's help, on one line


COMMANDS: dict[str, Listed] = {
    "validate": Listed(
        "scenario_commands",
        "Check a scenario file; exit 0 when it is valid, 2 with every problem when it is not.",
    ),
    "import": Listed(
        "scenario_commands",
        "Store a scenario: all or nothing; importing the same file again changes nothing.",
    ),
    "export": Listed("scenario_commands", "Write the stored scenario back as YAML."),
    "schema": Listed(
        "scenario_commands", "The JSON Schema of scenario files (for editors and other tools)."
    ),
    "show": Listed(
        "scenario_commands",
        "Summarise the stored scenario: sites, disciplines, courses, contributors, pledges.",
    ),
    "demo": Listed(
        "demo_commands",
        "Create a fresh database with the NATO Mission Iraq example, plan it, and serve the web "
        "app with a demo account per role.",
    ),
    "serve": Listed(
        "service_commands",
        "Start the service (the API under /api/v1, its OpenAPI at /api/v1/openapi.json).",
    ),
    "worker": Listed(
        "worker_commands",
        "Run jobs from the queue on this machine (PostgreSQL): plans, timetables, sweeps.",
    ),
    "wait": Listed(
        "worker_commands",
        "Follow a job until it ends, its progress as a bar; exit 0 when it succeeded.",
    ),
    "token": Listed(
        "service_commands",
        "Issue a bearer token for a user (printed once; only its digest is kept).",
    ),
    "backup": Listed(
        "service_commands",
        "Write a consistent copy of the database to FILE, safe while the service runs.",
    ),
    "restore": Listed(
        "service_commands",
        "Put a backup back into the database, which must be empty (or --replace).",
    ),
    "coord": Listed(
        "coordination_commands",
        "Coordination: who does what, where and when, with every actor (HXL in and out).",
    ),
    "force": Listed(
        "force_commands",
        "Force generation: fill the statement of requirements with nations' offers.",
    ),
    "itc2007": Listed(
        "itc2007_commands",
        "ITC-2007 track 3 (curriculum-based course timetabling): solve and check.",
    ),
    # the plan group's module is the lifecycle's, which adds `plan adopt` to the group
    "plan": Listed(
        "lifecycle_commands", "Plan the mission: the training force, its handover, what is unmet."
    ),
    "status": Listed(
        "lifecycle_commands",
        "The mission's adopted plans, each with its age and the drafts kept after it.",
    ),
    "schedule": Listed(
        "schedule_commands",
        "Timetable course runs: dates, rooms, instructors, cohorts; re-plan after a change.",
    ),
    "trainees": Listed(
        "training_commands", "Trainees: host personnel, their enrolment, attendance, results."
    ),
    "certificates": Listed("certificate_commands", "Certificates earned by trainees."),
    "roster": Listed(
        "roster_commands", "A run's roster as a workbook: download, fill in offline, upload."
    ),
    "pathway": Listed("pathway_commands", "The host instructor pathway."),
    "abroad": Listed("pathway_commands", "Seats nations offer at their own schools."),
    "actuals": Listed("pathway_commands", "The records' figures per month, for the planner."),
    "xapi": Listed("pathway_commands", "Training records as xAPI statements."),
    "user": Listed("service_commands", "Local accounts of the service."),
    "brief": Listed(
        "brief_commands",
        "Write the mission brief as a PDF: headline figures, force by month, handovers, fill.",
    ),
    "audit": Listed("service_commands", "The audit trail of the service."),
}
