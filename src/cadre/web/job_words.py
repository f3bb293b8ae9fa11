"""What a job is doing, in the reader's words: the phases the services report
(`domain/phases.py`) by code, each a sentence whose %(name)s placeholders are the phase's
values. `web/messages.py` answers them with the errors' words; a phase without an entry here is
shown in the English it was reported in, marked as English."""

from __future__ import annotations

from cadre.web.i18n import N_

JOB_WORDS: dict[str, str] = {
    # a job's life
    "job.waiting": N_("Waiting for a worker."),
    "job.starting": N_("Starting."),
    "job.done": N_("Done."),
    "job.imported": N_("Imported."),
    "job.failed": N_("Failed."),
    "job.cancelled": N_("Cancelled."),
    "job.abandoned": N_("Abandoned: the service stopped while it ran."),
    "job.time_limit": N_("Stopped at its time limit."),
    "job.reading": N_("Reading %(file)s."),
    "job.parts_done": N_("%(done)s of %(total)s parts done."),
    "job.samples_done": N_("%(done)s of %(total)s samples planned."),
    # why a job failed, beyond the core's own errors
    "job.unexpected": N_(
        "The planner stopped on an unexpected error (%(error)s); the service log has the details."
    ),
    "job.stopped_at_limit": N_("Stopped at its time limit of %(seconds)s seconds."),
    "job.process_died": N_("Its process stopped unexpectedly (exit code %(exit_code)s)."),
    "job.requeued": N_(
        "Queued again: the worker running it stopped (no heartbeat for %(seconds)s seconds)."
    ),
    "job.stalled_twice": N_(
        "The worker running it stopped twice (no heartbeat for %(seconds)s seconds); it is not "
        "tried again."
    ),
    "job.service_stopped": N_("The service stopped while the job ran; start it again."),
    # imports
    "import.rows_checked": N_("Checked %(done)s of %(total)s rows."),
    "import.storing_trainees": N_("Storing %(count)s trainees."),
    "import.rows_compared": N_("Compared %(done)s of %(total)s for likely duplicates."),
    "import.storing_lines": N_("Checking and storing %(count)s lines."),
    "import.lines_checked": N_("Checked %(done)s of %(total)s lines."),
    # plans
    "force.matching": N_("Matching offers to the statement of requirements."),
    "capacity.building": N_("Building the capacity model."),
    "capacity.first": N_("Finding a first plan."),
    "capacity.unmet": N_("Meeting as much of the demand as can be met."),
    "capacity.instructor_months": N_("Fewest foreign instructor-months."),
    "capacity.handover": N_("Handover by the target months."),
    "capacity.whole_runs": N_("Making every run a whole run."),
    "capacity.done": N_("Plan found."),
    "sweep.gathering": N_("%(total)s samples planned; gathering the ranges."),
    "timetable.placing": N_("Timetabling the runs."),
    "timetable.replan_nation": N_("Re-planning: %(nation)s withdraws (from %(effective)s)."),
    "timetable.replan_pledge": N_("Re-planning: pledge %(pledge)s withdraws (from %(effective)s)."),
    "timetable.replan_room": N_("Re-planning: room %(room)s closes (at %(site)s)."),
    "timetable.first": N_("First timetable: %(placed)s of %(total)s runs placed."),
    "timetable.moved_aside": N_(
        "Runs moved aside to place others: %(placed)s of %(total)s runs placed."
    ),
    "timetable.neighbourhoods": N_(
        "Neighbourhoods re-solved: %(placed)s of %(total)s runs placed."
    ),
    "timetable.improving": N_("CP-SAT is improving the timetable."),
    "timetable.better": N_("CP-SAT found a timetable of cost %(cost)s."),
    "timetable.explaining": N_("Checking the timetable and explaining what is left out."),
}
