"""The demand rows' terms, and the past held at what happened when a plan starts from actuals.

A yearly, quarterly or monthly demand sums the graduates of its courses in the period; an
intake sums the entrants whose run starts in the period (the people the host releases then),
in country or abroad. With actuals, the months before `replan_from` are history: entrants are
fixed at the records' (none abroad), graduates the records report stand for the model's, and
the rules that would refuse a past the plan never chose (a class below its minimum, entrants
from a pool the plan did not fill) are lifted there, so a shortfall in the past falls on the
months still to plan.
"""

from __future__ import annotations

from cadre.domain.capacity.demand import DemandSpec
from cadre.solvers.capacity.lp import INF
from cadre.solvers.capacity.vars import CapacityModel, graduates


def demand_terms(m: CapacityModel, d: DemandSpec) -> list[tuple[int, float]]:
    """The columns that count toward `d` (past graduates the records report are not columns:
    see `past_graduates`)."""
    p, past = m.problem, reported_courses(m)
    terms: list[tuple[int, float]] = []
    for t, month in enumerate(p.months):
        if not d.covers(month):
            continue
        for code in d.courses:
            if d.intake:
                if (code, t) in m.entrants:
                    terms.append((m.entrants[code, t], 1.0))
                terms.extend(
                    (col, 1.0) for (cc, s, _), col in m.abroad.items() if cc == code and s == t
                )
            elif not (t < p.replan_from and code in past):
                terms.extend(graduates(m, code, t))
    return terms


def past_graduates(m: CapacityModel, d: DemandSpec) -> float:
    """Graduates of `d`'s period before `replan_from` that the records report."""
    if d.intake:
        return 0.0
    return sum(
        n
        for code, t, n in m.problem.actual_graduates
        if code in d.courses and t < m.problem.replan_from and d.covers(m.problem.months[t])
    )


def reported_courses(m: CapacityModel) -> set[str]:
    """Courses whose graduates the records report: theirs replace the model's in the past."""
    return {code for code, _, _ in m.problem.actual_graduates}


def fix_past(m: CapacityModel) -> None:
    """Hold the months before `replan_from` at the records' figures (see the module's note)."""
    p, lp = m.problem, m.lp
    if p.replan_from <= 0:
        return
    actual = {(code, t): n for code, t, n in p.actual_entrants}
    for (code, t), col in m.entrants.items():
        if t < p.replan_from:
            lp.lower[col] = lp.upper[col] = actual.get((code, t), 0.0)
    for (_, t, _), col in m.abroad.items():
        if t < p.replan_from:
            lp.lower[col] = lp.upper[col] = 0.0
    for row, (family, key) in enumerate(lp.tags):
        if not isinstance(key, tuple) or not isinstance(key[-1], int) or key[-1] >= p.replan_from:
            continue
        if family == "class_min":
            lp.row_lower[row] = -INF  # a class smaller than the minimum did run
        elif family == "pool":
            # entrants came from wherever they came: the pool may run below zero then, and
            # the plan refills it from `replan_from` on
            lp.lower[lp.index[lp.row_start[row]]] = -INF
