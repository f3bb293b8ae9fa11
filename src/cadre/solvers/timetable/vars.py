"""The variables of the mission timetable's CP-SAT model, kept by name so that the rules, the
objective's terms and the hints all find them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from ortools.sat.python import cp_model

from cadre.solvers.timetable.tables import RunTable

Term: TypeAlias = cp_model.LinearExpr | cp_model.IntVar | int


@dataclass
class RunVars:
    table: RunTable
    present: cp_model.IntVar
    index: cp_model.IntVar
    start: cp_model.IntVar
    end: cp_model.IntVar
    size: cp_model.IntVar
    span: cp_model.IntervalVar
    rooms: dict[str, cp_model.IntVar] = field(default_factory=dict)
    team: dict[str, cp_model.IntVar] = field(default_factory=dict)
    spans: dict[str, cp_model.IntervalVar] = field(default_factory=dict)  # per room, person


@dataclass
class Aux:
    """The objective's helper variables, kept so that a hint can give each its value."""

    sites: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    extras: dict[str, cp_model.IntVar] = field(default_factory=dict)
    finishes: dict[str, cp_model.IntVar] = field(default_factory=dict)
    load: cp_model.IntVar | None = None
    available: dict[str, int] = field(default_factory=dict)
    moved: dict[str, cp_model.IntVar] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)  # previous start, by run


@dataclass
class MissionModel:
    model: cp_model.CpModel
    runs: list[RunVars]
    terms: dict[str, Term]  # unweighted objective terms, by MissionCost field
    aux: Aux
