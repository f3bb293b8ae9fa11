"""The train-the-trainer capacity planner: a multi-period linear programme solved with HiGHS."""

from cadre.solvers.capacity.solve import solve_capacity

__all__ = ["solve_capacity"]
