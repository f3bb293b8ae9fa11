"""The mission timetabler: whole course runs become dates, rooms and named instructors
(greedy construction, ejection repair, CP-SAT neighbourhood search, then CP-SAT on the whole
model)."""
