"""The capacity planner's stages as phases (`domain/phases.py`): the command line prints their
English, a job page says them in its reader's language by code."""

from __future__ import annotations

from cadre.domain.phases import Phase

BUILDING = Phase("capacity.building", "building the model")
FIRST = Phase("capacity.first", "a first plan")
UNMET = Phase("capacity.unmet", "least unmet demand")
MONTHS = Phase("capacity.instructor_months", "fewest foreign instructor-months")
HANDOVER = Phase("capacity.handover", "handover by target")
WHOLE = Phase("capacity.whole_runs", "whole runs")
DONE = Phase("capacity.done", "done")


def in_part(what: str, index: int, count: int) -> str:
    """A stage of one part of a mission solved in parts: the part is in the English, and in
    the values for the words that want it; the stage's own code stays."""
    text = f"part {index + 1} of {count}: {what}"
    if isinstance(what, Phase):
        return Phase.said(what.code, text, {**what.params, "part": index + 1, "parts": count})
    return text
