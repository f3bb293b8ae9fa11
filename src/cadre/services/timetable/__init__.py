"""timetable."""
