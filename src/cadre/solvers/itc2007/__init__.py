"""Course timetabling: CP-SAT on the period relaxation, then compiled simulated annealing."""

from cadre.solvers.itc2007.engine import Tuning, solve_itc2007

__all__ = ["Tuning", "solve_itc2007"]
