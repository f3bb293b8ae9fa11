"""What the mission timetabler answers: the timetable, how sure it is, what it could not place
and why, and after a re-plan what moved and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cadre.domain.planning import SolveResult
from cadre.domain.timetable.cost import MissionCost
from cadre.domain.timetable.problem import MissionTimetable, PlacedRun


class BlockerKind(StrEnum):
    """Why a run is not in the timetable, from the plainest cause to the subtlest."""

    NO_START = "no_start"  # its window holds fewer working days than the course lasts
    NO_ROOM = "no_room"  # no room at its site seats the class
    NO_QUALIFIED = "no_qualified"  # nobody holds the qualification (a host one, if host-led)
    CAVEATS = "caveats"  # every qualified trainer's caveats bar the site or the mode
    NOT_IN_THEATRE = "not_in_theatre"  # nobody allowed there is in theatre for a whole run
    TOO_FEW = "too_few"  # never enough of them (with one certified) in theatre together
    PREREQUISITE = "prerequisite"  # its cohort's earlier course is unplaced or ends too late
    COHORT_FULL = "cohort_full"  # its cohort is in other runs at every possible start
    COMPETITION = "competition"  # other runs hold its instructors or rooms at every start
    UNSOLVED = "unsolved"  # it would fit; the solver stopped before placing it


@dataclass(frozen=True)
class Blocker:
    kind: BlockerKind
    reason: str  # a sentence a course director can act on


@dataclass(frozen=True)
class UnplacedRun:
    run: str
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True)
class Move:
    """A run a re-plan changed: `before` None when newly placed, `after` None when dropped."""

    run: str
    before: PlacedRun | None
    after: PlacedRun | None
    changes: tuple[str, ...]  # e.g. "starts 2019-03-03, was 2019-02-24"
    reason: str  # the change that forced it, or the run it made way for


@dataclass(frozen=True, kw_only=True)
class MissionResult(SolveResult[MissionTimetable]):
    """The timetabler's answer in the common shape, `solution` being the timetable, `objective`
    its `cost.total(problem)` and `bound` a proved lower bound on it when known; with what the
    timetabler adds: the cost term by term, the runs left out and what blocks each, and after a
    re-plan what moved and why."""

    cost: MissionCost
    unplaced: tuple[UnplacedRun, ...]
    moves: tuple[Move, ...] = ()
