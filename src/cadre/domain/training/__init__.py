"""Running the mission: trainees, their enrolment in runs, attendance, results, certificates."""
