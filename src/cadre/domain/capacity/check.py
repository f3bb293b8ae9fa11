"""An independent check of a capacity plan against its problem, sharing no code with the solver.

It recomputes from the planned runs alone what the plan implies (graduates, pools, the host
cadre, instructor loads) and says in a sentence every rule the plan breaks.
"""

from __future__ import annotations

from cadre.domain.capacity.check_force import advisory_floor, claimed_handovers, foreign_force
from cadre.domain.capacity.check_people import Series, demand_met, host_cadre, pools_kept
from cadre.domain.capacity.check_runs import rooms_and_classes, seats_abroad, under_way
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem


def check_capacity_plan(
    problem: CapacityProblem, plan: CapacityPlan, tol: float = 1e-4
) -> list[str]:
    """Every rule the plan breaks, each in a sentence; empty when it keeps them all."""
    loads, found = under_way(problem, plan, tol)
    found += rooms_and_classes(problem, plan, loads, tol)
    abroad, broken = seats_abroad(problem, plan, tol)
    found += broken
    horizon = len(problem.months)

    # Graduates: entrants who pass, in the month their course ends.
    def entrants(code: str, t: int) -> float:
        if t < 0:
            return 0.0
        return plan.trainees.get(code, (0.0,) * horizon)[t] + abroad[code, t]

    grads: Series = {
        c.code: [c.pass_rate * entrants(c.code, t - len(c.occupancy) + 1) for t in range(horizon)]
        for c in problem.courses
    }
    found += demand_met(problem, plan, grads, entrants, tol)
    found += pools_kept(problem, grads, entrants, tol)
    found += host_cadre(problem, plan, grads, loads.host, tol)
    found += foreign_force(problem, plan, loads.foreign, tol)
    found += claimed_handovers(problem, plan, tol)
    found += advisory_floor(problem, plan, tol)
    return found
