"""The causes a timetable gives for the runs it leaves out, in the command line's plain words
(the codes are in `domain/timetable/causes.py`; `--json` prints the codes)."""

from __future__ import annotations

from cadre.domain.timetable.causes import Cause, PlanLine

WORDS: dict[Cause, str] = {
    Cause.WINDOW_TOO_SHORT: "the plan's window is too short for the course",
    Cause.FORCE_GAP: "force generation left the post unfilled",
    Cause.FORCE_CAVEAT: "a national caveat forbids it",
    Cause.BEFORE_ARRIVAL: "no trainer who may teach it is in theatre then",
    Cause.TOO_FEW: "too few trainers in theatre together",
    Cause.ROOM_TOO_SMALL: "no room at the site seats the class",
    Cause.ROOMS_SHORT: "the site has too few rooms for the plan's runs",
    Cause.ROOMS_TAKEN: "the site's rooms are taken at every start",
    Cause.PREREQUISITE: "the cohort's earlier course is not done in time",
    Cause.COHORT_BUSY: "the cohort is in other runs",
    Cause.UNSOLVED: "the solver ran out of time (give it more)",
}


def cause_words(cause: Cause) -> str:
    return WORDS[cause]


def plan_line_words(line: PlanLine | None) -> str:
    """The capacity plan line, as "AVM-101 at TAJI, Aug 2018, resident: 0.49 runs"."""
    if line is None:
        return "listed in the scenario"
    mode = line.mode.replace("_", " ")
    return f"{line.course} at {line.site}, {line.month:%b %Y}, {mode}: {line.runs:g} runs"
