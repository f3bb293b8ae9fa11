"""Course timetabling: CP-SAT on the period relaxation, then compiled simulated annealing."""

from cadre.solvers.itc2007.engine import Tuning, solve_itc2007
from cadre.solvers.itc2007.warm import compile_core

__all__ = ["Tuning", "compile_core", "solve_itc2007"]
