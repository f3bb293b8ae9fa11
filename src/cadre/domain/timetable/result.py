"""What the mission timetabler answers: the timetable, how sure it is, what it could not place
and why, and after a re-plan what moved and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cadre.domain.planning import SolveStatus
from cadre.domain.timetable.cost import MissionCost
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable, PlacedRun


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


@dataclass(frozen=True)
class MissionResult:
    """`objective` is `cost.total(problem)`; `bound` a proved lower bound on it, when known."""

    status: SolveStatus
    timetable: MissionTimetable
    objective: int
    bound: int | None
    cost: MissionCost
    unplaced: tuple[UnplacedRun, ...]
    moves: tuple[Move, ...] = ()
    diagnostics: Mapping[str, float | int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Replanned:
    """A re-plan's answer with the problem it solved (the old one with the change applied)."""

    problem: MissionProblem
    result: MissionResult
