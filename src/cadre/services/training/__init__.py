"""Running the mission: trainees, enrolment, attendance, results and certificates."""
