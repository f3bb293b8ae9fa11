"""Course timetabling: CP-SAT on the period relaxation, then compiled simulated annealing."""

from cadre.solvers.timetable.engine import Tuning, solve

__all__ = ["Tuning", "solve"]
